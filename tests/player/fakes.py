"""A stand-in player for unit and Pilot tests: it does at once what VLC does in a moment.

Real playback is covered by test_vlc_real.py; this one lets tests drive time by hand.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from srt_tui.content.model import Clip
from srt_tui.player.api import PlayerState, PlayerStatus


class FakePlayer:
    def __init__(self, state: PlayerState = PlayerState.READY, message: str = "") -> None:
        self._status = PlayerStatus(state=state, message=message)
        self.calls: list[tuple[Any, ...]] = []
        self.started = False
        self.closed = False
        self._loads = 0

    # -- the Player protocol ------------------------------------------------------------

    def start(self) -> None:
        self.started = True

    def load(self, clip: Clip, start: float = 0.0) -> None:
        self.calls.append(("load", clip.file.name, start))
        if self._status.state is PlayerState.UNAVAILABLE:
            return
        self._loads += 1
        self._status = replace(self._status, state=PlayerState.PLAYING, clip=str(clip.file), load=self._loads,
                               position=start, duration=clip.duration, played=0.0, furthest=start)

    def play(self) -> None:
        self.calls.append(("play",))
        if self._status.state is PlayerState.PAUSED:
            self._status = replace(self._status, state=PlayerState.PLAYING)
        elif self._status.state in (PlayerState.STOPPED, PlayerState.ENDED):
            self._status = replace(self._status, state=PlayerState.PLAYING, position=0.0)

    def pause(self) -> None:
        self.calls.append(("pause",))
        if self._status.state is PlayerState.PLAYING:
            self._status = replace(self._status, state=PlayerState.PAUSED)

    def stop(self) -> None:
        self.calls.append(("stop",))
        self._status = replace(self._status, state=PlayerState.STOPPED, position=0.0)

    def seek(self, seconds: float) -> None:
        self.calls.append(("seek", seconds))
        state = self._status.state if self._status.state.active else PlayerState.PLAYING
        self._status = replace(self._status, state=state, position=seconds)

    def set_volume(self, percent: int) -> None:
        self.calls.append(("volume", percent))
        self._status = replace(self._status, volume=min(max(0, percent), 100))

    def set_muted(self, muted: bool) -> None:
        self.calls.append(("muted", muted))
        self._status = replace(self._status, muted=muted)

    def set_captions(self, on: bool) -> None:
        self.calls.append(("captions", on))
        self._status = replace(self._status, captions=on)

    def set_fullscreen(self, on: bool) -> None:
        self.calls.append(("fullscreen", on))
        self._status = replace(self._status, fullscreen=on)

    def status(self) -> PlayerStatus:
        return self._status

    def close(self) -> None:
        self.closed = True

    # -- driving it from a test -----------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Let the clip play on for ``seconds``."""
        status = self._status
        assert status.state is PlayerState.PLAYING, status
        position = min(status.position + seconds, status.duration)
        self._status = replace(status, position=position, played=status.played + (position - status.position),
                               furthest=max(status.furthest, position))

    def finish(self) -> None:
        """Play to the end."""
        self.advance(self._status.duration - self._status.position)
        self._status = replace(self._status, state=PlayerState.ENDED)
