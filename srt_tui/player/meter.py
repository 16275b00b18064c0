"""How much of a clip was actually played, measured from the player's own clock.

Seconds played count only the clip moving forward under playback: seeks, pauses and a
stalled player add nothing, and a replayed passage counts again. The furthest point is
the furthest position playback actually reached, not a seek target.
"""

from __future__ import annotations

SLACK = 0.75  # seconds a report may run ahead of the wall clock (libvlc reports in steps)


class PlayMeter:
    def __init__(self) -> None:
        self.played = 0.0
        self.furthest = 0.0
        self._from: float | None = None  # the position playback runs on from
        self._at = 0.0  # when that position was known

    def start(self, position: float, now: float) -> None:
        """A new clip starts playing from ``position``: count from zero."""
        self.played = 0.0
        self.furthest = position
        self.jumped(position, now)

    def jumped(self, position: float, now: float) -> None:
        """Playback was sent to ``position`` (a seek, or a replay from the start)."""
        self._from, self._at = position, now

    def reading(self, position: float, now: float) -> None:
        """The position while playing (or paused), as reported at ``now``."""
        if self._from is None:  # playing again after the end
            self._from, self._at = position, now
            return
        step = position - self._from
        if 0 < step <= (now - self._at) + SLACK:
            self.played += step
            self.furthest = max(self.furthest, position)
        self._from, self._at = position, now  # a step back or a leap: measure on from here

    def ended(self, duration: float) -> None:
        """The clip played to its end: count the last stretch the reports did not show."""
        if self._from is not None:
            self.played += max(0.0, duration - self._from)
            self.furthest = max(self.furthest, duration)
        self._from = None
