"""When to lock: idle time measured on the wall clock.

``time.time`` rather than a monotonic clock on purpose: a monotonic clock may stand still
while a laptop sleeps, so a lid opened after an hour would look like a second's pause. On
the wall clock, the first check after waking sees the whole gap and locks at once. A clock
set backwards counts as activity (never a reason to stay unlocked longer than the limit
after the next key).
"""

from __future__ import annotations

import time
from collections.abc import Callable


class IdleClock:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.last_activity = clock()

    def touch(self) -> None:
        """Someone pressed a key or used the mouse."""
        self.last_activity = self.clock()

    def idle_seconds(self) -> float:
        now = self.clock()
        if now < self.last_activity:  # the clock went backwards: start counting again
            self.last_activity = now
        return now - self.last_activity

    def is_due(self, limit_minutes: float) -> bool:
        return self.idle_seconds() >= limit_minutes * 60
