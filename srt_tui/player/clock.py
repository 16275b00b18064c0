"""A smooth playback position from libvlc's coarse one.

libvlc reports the time in steps of 250-400 ms, keeps reporting the start for about half
a second after playback begins, and reports a seek's target before playback has moved
there. Drawn as it comes, the position bar would stutter and jump. :class:`PositionClock`
trusts a reported position only once playback has moved, runs the clock forward between
reports, and never steps backwards while playing (it waits for the reports to catch up).
"""

from __future__ import annotations

MAX_AHEAD = 0.6  # seconds the clock may run ahead of the last report (reports come every <0.4 s)
MAX_DRIFT = 1.0  # seconds the shown position may be ahead of the reports before it snaps back


class PositionClock:
    """Times are ``time.monotonic()`` seconds, passed in so tests can drive the clock."""

    def __init__(self) -> None:
        self._anchor = 0.0  # the last position known to be right
        self._anchor_at: float | None = None  # when it was reported, while the clock runs
        self._waiting_for: float | None = None  # a start or seek target, until playback moves
        self._shown = 0.0
        self._end: float | None = None

    def set_duration(self, duration: float) -> None:
        self._end = duration if duration > 0 else None

    def jump(self, target: float) -> None:
        """Show ``target`` (a seek, a start, a pause) and hold it until playback moves."""
        self._anchor = self._shown = target
        self._anchor_at = None
        self._waiting_for = target

    def report(self, position: float, playing: bool, now: float) -> None:
        """A position reported by the player at ``now``."""
        if not playing:
            self.jump(position)  # paused or stopped here; when it plays, wait for it to move
            return
        if self._waiting_for is not None and abs(position - self._waiting_for) < 0.05:
            return  # a target echoed back, or a start before playback has moved
        if self._anchor_at is not None and position == self._anchor:
            return  # no news: keep running from the last report
        self._waiting_for = None
        self._anchor, self._anchor_at = position, now
        if self._shown - position > MAX_DRIFT or position > self._shown:
            self._shown = position

    def position(self, now: float) -> float:
        """The position to show at ``now``."""
        if self._anchor_at is not None:
            running = self._anchor + min(max(0.0, now - self._anchor_at), MAX_AHEAD)
            self._shown = max(self._shown, running)
        if self._end is not None:
            return min(self._shown, self._end)
        return self._shown
