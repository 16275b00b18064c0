"""The clip's remote control on the session screen: state, a position bar with chapter
marks, the chapter playing, elapsed and total time, and the keys that drive VLC.

The keys belong to this widget, not to the screen, so they act only while it has focus
(F4 gives it focus): typing "r" into a worksheet answer never replays the clip. The
panel reads :meth:`Player.status` five times a second; that call never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from time import monotonic

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from srt_tui.content.model import Clip
from srt_tui.player.api import Player, PlayerState, PlayerStatus
from srt_tui.player.remote import REPLAY, SEEK_STEP, VOLUME_STEP, ClipRemote
from srt_tui.records.validation import clean_text

LOOK = 0.05  # seconds between looks at the player: a key's effect shows within this
REFRESH = 0.2  # seconds between redraws for the moving position: 5 a second while playing
ICONS = {PlayerState.PLAYING: "▶", PlayerState.PAUSED: "‖", PlayerState.ENDED: "✓",
         PlayerState.ERROR: "!", PlayerState.UNAVAILABLE: "!", PlayerState.LOADING: "…"}

_SEEK = Binding.Group("10s", compact=True)
_CHAPTERS = Binding.Group("Chapter")
_VOLUME = Binding.Group("Vol", compact=True)


def clock(seconds: float) -> str:
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def bar_cells(width: int, position: float, duration: float, starts: list[float]) -> tuple[int, set[int]]:
    """How many of ``width`` cells are played, and which cells mark a chapter start."""
    if width <= 0 or duration <= 0:
        return 0, set()
    done = round(min(max(position / duration, 0.0), 1.0) * width)
    marks = {min(width - 1, int(start / duration * width)) for start in starts if 0 < start < duration}
    return done, marks


class PlayerPanel(Widget, can_focus=True):
    """Plays ``clip`` on the session's player; ``resume_at`` is where a first play starts."""

    COMPONENT_CLASSES = {"player-panel--done", "player-panel--todo", "player-panel--mark",
                         "player-panel--muted", "player-panel--problem"}
    BINDINGS = [
        Binding("space", "play_pause", "Play/Pause", tooltip="Play or pause the clip", id="player-play-pause"),
        Binding("left", "seek(-1)", "Back", tooltip=f"Back {SEEK_STEP:.0f} seconds", id="player-back",
                group=_SEEK),
        Binding("right", "seek(1)", "Forward", tooltip=f"Forward {SEEK_STEP:.0f} seconds", id="player-forward",
                group=_SEEK),
        Binding("left_square_bracket", "previous_chapter", "Previous chapter", key_display="[/p",
                tooltip="Back to the start of this chapter, or the one before", id="player-previous-chapter",
                group=_CHAPTERS),
        Binding("right_square_bracket", "next_chapter", "Next chapter", key_display="]/n",
                tooltip="On to the next chapter", id="player-next-chapter", group=_CHAPTERS),
        Binding("p", "previous_chapter", "Previous chapter", show=False, tooltip="As [",
                id="player-previous-chapter-p"),
        Binding("n", "next_chapter", "Next chapter", show=False, tooltip="As ]", id="player-next-chapter-n"),
        Binding("1", "chapter(1)", "Chapter N", key_display="1-9", tooltip="Go to chapter 1 to 9",
                id="player-chapter-1", group=_CHAPTERS),
        *[Binding(str(n), f"chapter({n})", f"Chapter {n}", show=False, tooltip=f"Go to chapter {n}",
                  id=f"player-chapter-{n}") for n in range(2, 10)],
        Binding("r", "replay", "Replay", tooltip=f"Play the last {REPLAY:.0f} seconds again", id="player-replay"),
        Binding("c", "captions", "Captions", tooltip="Subtitles on or off", id="player-captions"),
        Binding("f", "fullscreen", "Fullscreen", tooltip="VLC's window full screen or not",
                id="player-fullscreen"),
        Binding("m", "mute", "Mute", tooltip="Sound off or on", id="player-mute"),
        Binding("minus", "volume(-1)", "Quieter", tooltip="Volume down", id="player-volume-down", group=_VOLUME),
        Binding("plus,equals_sign", "volume(1)", "Louder", tooltip="Volume up", id="player-volume-up",
                key_display="+", group=_VOLUME),
        Binding("s", "stop", "Stop", tooltip="Stop; the next play starts from the beginning", id="player-stop"),
        Binding("b", "from_beginning", "Restart", tooltip="Play from the beginning", id="player-beginning"),
        Binding("v", "feedback", "Your view", tooltip="Ask what the participant thought of the clip",
                id="player-feedback"),
    ]

    @dataclass
    class Ended(Message):
        """The clip played to its end."""

        panel: PlayerPanel

    @dataclass
    class FeedbackWanted(Message):
        """Ask the participant what they thought of this clip (v)."""

        panel: PlayerPanel

    def __init__(self, player: Player, clip: Clip, title: str, resume_at: float = 0.0,
                 *, id: str | None = "player-panel") -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.remote = ClipRemote(player, clip, resume_at)
        self.clip = clip
        self.clip_title = clean_text(title)
        self.border_title = "Clip"
        self._status = PlayerStatus()
        self._drawn_at = 0.0
        self._was_ended = False

    def on_mount(self) -> None:
        self._poll()
        self.set_interval(LOOK, self._poll)

    def _poll(self) -> None:
        """Redraw at once when the state or a setting changed, and at most every
        :data:`REFRESH` seconds when only the position moved."""
        status = self.remote.status()
        if status == self._status:
            return
        now = monotonic()
        moved_only = replace(status, position=0.0, played=0.0, furthest=0.0) == replace(
            self._status, position=0.0, played=0.0, furthest=0.0)
        if moved_only and now - self._drawn_at < REFRESH:
            return
        self._status, self._drawn_at = status, now
        ended = self.remote.showing(status) and status.state is PlayerState.ENDED
        if ended and not self._was_ended:
            self.post_message(self.Ended(self))
        self._was_ended = ended
        self.refresh()

    def play(self) -> None:
        """Start or resume this clip and take the keys (F4)."""
        self.focus()
        self.remote.start()

    # -- what is shown -------------------------------------------------------------------

    def _shown(self) -> PlayerStatus:
        """The status as this clip sees it: another clip's playback is none of its business."""
        status = self._status
        if self.remote.showing(status) or status.state is PlayerState.UNAVAILABLE:
            return status
        return PlayerStatus(state=PlayerState.READY, position=self.remote.resume_at, duration=self.clip.duration,
                            volume=status.volume, muted=status.muted, captions=status.captions)

    def render(self) -> Group:
        status = self._shown()
        width = self.content_region.width or self.size.width
        duration = status.duration or self.clip.duration
        icon = ICONS.get(status.state, "■")
        return Group(
            self._line(f"{icon} {status.state.label}   {self.clip_title}"),
            self._bar(status.position, duration, width),
            self._split(self._chapter_now(status.position), self._settings(status), width),
            self._line(self._chapter_list(), "player-panel--muted"),
            self._line(*self._hint(status)),
        )

    def _line(self, text: str, component: str = "") -> Text:
        style = self.get_component_rich_style(component) if component else ""
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    def _split(self, left: str, right: str, width: int) -> Text:
        """``left``, shortened if need be, and ``right`` against the right edge."""
        room = max(0, width - len(right) - 2)
        if len(left) > room:
            left = left[: max(0, room - 1)] + "…" if room else ""
        text = Text(left, no_wrap=True, overflow="crop")
        text.append(" " * max(2, width - len(left) - len(right)))
        text.append(right, style=self.get_component_rich_style("player-panel--muted"))
        return text

    def _settings(self, status: PlayerStatus) -> str:
        settings = []
        if self.clip.subtitles is not None:
            settings.append("Captions on" if status.captions else "Captions off")
        settings.append("Muted" if status.muted else f"Volume {status.volume}%")
        if status.fullscreen:
            settings.append("Full screen")
        return " · ".join(settings)

    def _bar(self, position: float, duration: float, width: int) -> Text:
        times = f"  {clock(position)} / {clock(duration)}"
        cells = max(0, width - len(times))
        done, marks = bar_cells(cells, position, duration, [c.start for c in self.clip.chapters])
        styles = {name: self.get_component_rich_style(f"player-panel--{name}") for name in ("done", "todo", "mark")}
        text = Text(no_wrap=True, overflow="crop")
        for cell in range(cells):
            if cell in marks:
                text.append("┃", style=styles["mark"])
            else:
                text.append("━" if cell < done else "─", style=styles["done" if cell < done else "todo"])
        text.append(times)
        return text

    def _chapter_now(self, position: float) -> str:
        chapter = self.clip.chapter_at(position)
        if chapter is None:
            return "No chapters" if not self.clip.chapters else ""
        number = self.clip.chapters.index(chapter) + 1
        return clean_text(f"Chapter {number} of {len(self.clip.chapters)}: {chapter.label}")

    def _chapter_list(self) -> str:
        if not self.clip.chapters:
            return ""
        return clean_text("Chapters: " + " · ".join(f"{n} {c.label}" for n, c in enumerate(self.clip.chapters, 1)))

    def _hint(self, status: PlayerStatus) -> tuple[str, str]:
        if status.state in (PlayerState.UNAVAILABLE, PlayerState.ERROR):
            return status.message or "The clip cannot be played.", "player-panel--problem"
        if status.state is PlayerState.ENDED:
            return "Finished. Space plays it again; r replays the last 15 seconds.", "player-panel--muted"
        if status.state is PlayerState.READY:
            where = f" from {clock(self.remote.resume_at)}, where it was left (b: from the beginning)" \
                if self.remote.resume_at > 0 else ""
            return f"F4 or Space plays the clip{where}. VLC shows it in its own window.", "player-panel--muted"
        return "", ""

    # -- keys ------------------------------------------------------------------------------

    def action_play_pause(self) -> None:
        self.remote.play_pause()

    def action_seek(self, direction: int) -> None:
        self.remote.seek_by(direction * SEEK_STEP)

    def action_previous_chapter(self) -> None:
        self.remote.previous_chapter()

    def action_next_chapter(self) -> None:
        if self.remote.next_chapter() is None:
            self.app.bell()

    def action_chapter(self, number: int) -> None:
        if self.remote.chapter(number) is None:
            self.app.bell()

    def action_replay(self) -> None:
        self.remote.replay()

    def action_captions(self) -> None:
        if self.clip.subtitles is None:
            self.notify("This clip has no captions.", markup=False)
            return
        self.remote.toggle_captions()

    def action_fullscreen(self) -> None:
        self.remote.toggle_fullscreen()

    def action_mute(self) -> None:
        self.remote.toggle_mute()

    def action_volume(self, direction: int) -> None:
        self.remote.change_volume(direction * VOLUME_STEP)

    def action_stop(self) -> None:
        self.remote.stop()

    def action_from_beginning(self) -> None:
        self.remote.from_beginning()

    def action_feedback(self) -> None:
        self.post_message(self.FeedbackWanted(self))
