"""What a clip player does, as the rest of the app sees it.

The session screen talks to a :class:`Player`; the one real implementation is
:class:`srt_tui.player.vlc_player.VlcPlayer`. Every method returns at once: commands are
sent, not awaited, and :meth:`Player.status` reads the latest known state without
waiting. That keeps a slow or stuck player from ever freezing the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from srt_tui.content.model import Clip


class PlayerState(StrEnum):
    STARTING = "starting"  # the player is getting ready; commands are queued meanwhile
    READY = "ready"  # nothing loaded yet
    LOADING = "loading"  # a clip is opening
    PLAYING = "playing"
    PAUSED = "paused"
    STOPPED = "stopped"
    ENDED = "ended"  # played to the end
    ERROR = "error"  # this clip failed; ``message`` says why, other clips may still play
    UNAVAILABLE = "unavailable"  # VLC is missing or cannot start; ``message`` says what to do

    @property
    def label(self) -> str:
        return {
            PlayerState.STARTING: "Ready",  # the wait is invisible: commands are queued
            PlayerState.LOADING: "Opening",
            PlayerState.ENDED: "Finished",
            PlayerState.ERROR: "Cannot play",
            PlayerState.UNAVAILABLE: "No player",
        }.get(self, self.value.capitalize())

    @property
    def active(self) -> bool:
        """A clip is loaded and can be paused, resumed or sought."""
        return self in (PlayerState.LOADING, PlayerState.PLAYING, PlayerState.PAUSED)


@dataclass(frozen=True)
class PlayerStatus:
    """A snapshot of the player. ``clip`` is the loaded file (``str(Clip.file)``) or None."""

    state: PlayerState = PlayerState.STARTING
    clip: str | None = None
    load: int = 0  # changes with every load, so two plays of one clip can be told apart
    position: float = 0.0  # seconds
    duration: float = 0.0  # seconds
    played: float = 0.0  # seconds actually played since this load (replays count again)
    furthest: float = 0.0  # furthest position reached while playing since this load
    volume: int = 100  # percent
    muted: bool = False
    captions: bool = True
    fullscreen: bool = False
    message: str = ""  # one line for ERROR and UNAVAILABLE

    def is_on(self, clip: Clip) -> bool:
        """Whether this status is about ``clip``."""
        return self.clip == str(clip.file)


class Player(Protocol):
    """Plays one clip at a time in its own window; the terminal is the remote control."""

    def start(self) -> None:
        """Get ready to play (e.g. start VLC) without blocking; safe to call again."""

    def load(self, clip: Clip, start: float = 0.0) -> None:
        """Open ``clip`` with its subtitles and play it from ``start`` seconds."""

    def play(self) -> None:
        """Resume; after a stop or the end, play the loaded clip again from the start."""

    def pause(self) -> None: ...

    def stop(self) -> None: ...

    def seek(self, seconds: float) -> None:
        """Go to ``seconds``; if the clip is stopped or finished, play from there."""

    def set_volume(self, percent: int) -> None: ...

    def set_muted(self, muted: bool) -> None: ...

    def set_captions(self, on: bool) -> None: ...

    def set_fullscreen(self, on: bool) -> None: ...

    def status(self) -> PlayerStatus:
        """The latest known state, with the position as it is now. Never blocks."""

    def close(self) -> None:
        """Stop playing and let go of the player. Never blocks."""


PlayerFactory = Callable[[], Player]
