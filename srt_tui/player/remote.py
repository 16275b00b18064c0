"""The remote control for one clip: what each key does, in terms of a :class:`Player`.

Every action is forgiving: pressing play, a seek or a chapter key when this clip is not
open yet opens it there; the first press never does nothing. Chapter jumps go to the
chapter starts written in the content pack's manifest.
"""

from __future__ import annotations

from collections.abc import Sequence

from srt_tui.content.model import Chapter, Clip
from srt_tui.player.api import Player, PlayerState, PlayerStatus

SEEK_STEP = 10.0  # seconds for left and right
REPLAY = 15.0  # seconds "replay" goes back
VOLUME_STEP = 10  # percent
CHAPTER_GRACE = 2.0  # seconds into a chapter within which "previous" goes to the one before
NEXT_TOLERANCE = 0.5  # a position this close before a chapter counts as in it already


def next_chapter(chapters: Sequence[Chapter], position: float) -> Chapter | None:
    return next((c for c in chapters if c.start > position + NEXT_TOLERANCE), None)


def previous_chapter(chapters: Sequence[Chapter], position: float) -> Chapter | None:
    """The start of this chapter, or of the one before when just past its start (as on a
    DVD remote, so pressing twice goes back two chapters)."""
    started = [c for c in chapters if c.start <= position + NEXT_TOLERANCE]
    if not started:
        return None
    current = started[-1]
    if position - current.start > CHAPTER_GRACE or len(started) == 1:
        return current
    return started[-2]


class ClipRemote:
    """Controls ``player`` for ``clip``; ``resume_at`` is where a first play starts."""

    def __init__(self, player: Player, clip: Clip, resume_at: float = 0.0) -> None:
        self.player = player
        self.clip = clip
        self.resume_at = resume_at
        self.engaged = False  # this remote has started the clip at least once

    def status(self) -> PlayerStatus:
        return self.player.status()

    def showing(self, status: PlayerStatus) -> bool:
        """Whether ``status`` is this remote's business: the clip is open in the player, and
        either playing or paused, or stopped or finished by this remote (not by an earlier one)."""
        return status.is_on(self.clip) and (status.state.active or self.engaged)

    def _open(self, status: PlayerStatus) -> bool:
        """Whether the clip is open in the player for this remote to drive."""
        return self.showing(status) and status.state is not PlayerState.ERROR

    def play_from(self, seconds: float) -> None:
        opened = self._open(self.status())
        self.engaged = True
        if opened:
            self.player.seek(seconds)
            self.player.play()
        else:
            self.player.load(self.clip, max(0.0, seconds))

    def start(self) -> None:
        """Play from where it was left (F4): resume, or open the clip at ``resume_at``."""
        status = self.status()
        opened = self._open(status)
        self.engaged = True
        if opened:
            if status.state is not PlayerState.PLAYING:
                self.player.play()
        else:
            self.player.load(self.clip, self.resume_at)

    def play_pause(self) -> None:
        status = self.status()
        if self._open(status) and status.state in (PlayerState.PLAYING, PlayerState.LOADING):
            self.player.pause()
        else:
            self.start()

    def stop(self) -> None:
        if self._open(self.status()):
            self.player.stop()
        self.resume_at = 0.0

    def from_beginning(self) -> None:
        self.play_from(0.0)

    def seek_by(self, seconds: float) -> None:
        """Seek, keeping a paused clip paused and stopping short of the end; open the clip
        there if it is not open."""
        status = self.status()
        opened = self._open(status)
        position = status.position if opened else self.resume_at
        duration = status.duration if opened and status.duration > 0 else self.clip.duration
        target = min(max(0.0, position + seconds), max(0.0, duration - NEXT_TOLERANCE))
        self.engaged = True
        if opened:
            self.player.seek(target)
        else:
            self.player.load(self.clip, target)

    def replay(self) -> None:
        self.play_from(max(0.0, self._position() - REPLAY))

    def next_chapter(self) -> Chapter | None:
        chapter = next_chapter(self.clip.chapters, self._position())
        if chapter is not None:
            self.play_from(chapter.start)
        return chapter

    def previous_chapter(self) -> Chapter | None:
        chapter = previous_chapter(self.clip.chapters, self._position())
        self.play_from(chapter.start if chapter is not None else 0.0)
        return chapter

    def chapter(self, number: int) -> Chapter | None:
        """Go to chapter ``number`` (1 is the first); None when there is no such chapter."""
        if not 1 <= number <= len(self.clip.chapters):
            return None
        chapter = self.clip.chapters[number - 1]
        self.play_from(chapter.start)
        return chapter

    def change_volume(self, step: int) -> None:
        self.player.set_volume(min(max(0, self.status().volume + step), 100))

    def toggle_mute(self) -> None:
        self.player.set_muted(not self.status().muted)

    def toggle_captions(self) -> None:
        self.player.set_captions(not self.status().captions)

    def toggle_fullscreen(self) -> None:
        self.player.set_fullscreen(not self.status().fullscreen)

    def _position(self) -> float:
        status = self.status()
        return status.position if self._open(status) else self.resume_at
