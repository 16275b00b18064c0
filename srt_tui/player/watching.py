"""What was watched, turned from the player's status into changes worth recording.

The player counts seconds played since each load; :class:`WatchTracker` turns that into
increments per clip, where to resume, and when a change is worth saving now (playback
paused, stopped or finished, or another stretch of :data:`SAVE_EVERY` seconds played)
rather than on every refresh of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from srt_tui.content.model import Clip
from srt_tui.player.api import PlayerState, PlayerStatus

SAVE_EVERY = 5.0  # seconds of playing between saves while a clip plays on
FINISHED = (PlayerState.ENDED, PlayerState.STOPPED)  # a later play starts from the beginning


def clip_key(pack_root: Path, clip: Clip) -> str:
    """How records name a clip: its file relative to the content pack, with ``/``."""
    try:
        return clip.file.relative_to(pack_root).as_posix()
    except ValueError:
        return clip.file.name


@dataclass(frozen=True)
class WatchUpdate:
    file: str  # the clip's file, as in PlayerStatus.clip
    played: float  # seconds played since the previous update (0 or more)
    furthest: float  # furthest position reached while playing
    left_at: float  # where a later play resumes (0 once it has finished or been stopped)
    settle: bool  # worth saving now


class WatchTracker:
    def __init__(self, save_every: float = SAVE_EVERY) -> None:
        self.save_every = save_every
        self._load: tuple[str, int] | None = None
        self._played = 0.0  # how much of this load's ``played`` was handed out already
        self._unsaved = 0.0
        self._state: PlayerState | None = None
        self._closed: set[tuple[str, int]] = set()

    def update(self, status: PlayerStatus) -> WatchUpdate | None:
        """What changed since the previous status; None when no clip is open."""
        if status.clip is None or status.state in (PlayerState.ERROR, PlayerState.UNAVAILABLE):
            return None
        load = (status.clip, status.load)
        if load in self._closed:
            return None
        if load != self._load:
            self._load, self._played, self._state = load, 0.0, None
        played = max(0.0, status.played - self._played)
        self._played += played
        self._unsaved += played
        state_changed = status.state is not self._state
        self._state = status.state
        settle = (state_changed and status.state is not PlayerState.PLAYING) or self._unsaved >= self.save_every
        if settle:
            self._unsaved = 0.0
        left_at = 0.0 if status.state in FINISHED else status.position
        return WatchUpdate(status.clip, played, status.furthest, left_at, settle)

    def close(self, status: PlayerStatus) -> WatchUpdate | None:
        """The last update for the clip open in ``status``, to save now. Later statuses of
        that load are ignored, so stopping it as the practitioner moves on keeps where it
        was left."""
        update = self.update(status)
        if update is None:
            return None
        self._closed.add((update.file, status.load))
        return replace(update, settle=True)
