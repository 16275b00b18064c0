"""Ordering for a session that saves itself while the practitioner types.

Saves run on worker threads, so two can overlap; this makes sure an older snapshot never
overwrites a newer one, and that nothing is written after the session has been ended.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from srt_tui.records.model import Session

T = TypeVar("T")


class SessionWrites:
    """Serialises the writes of one open session: the newest snapshot always wins."""

    def __init__(self, save: Callable[[Session], None]) -> None:
        self._save = save
        self._lock = threading.Lock()
        self._taken = 0  # sequence number of the newest snapshot taken
        self._written = 0  # sequence number of the newest snapshot written
        self._closed = False

    def snapshot(self, session: Session) -> tuple[int, Session]:
        """A numbered copy of ``session`` as it is now (call on the thread that edits it)."""
        self._taken += 1
        return self._taken, session.copy()

    def write(self, number: int, snapshot: Session) -> bool:
        """Save ``snapshot`` unless a newer one was saved or the session ended; True if saved."""
        with self._lock:
            if self._closed or number <= self._written:
                return False
            self._save(snapshot)
            self._written = number
            return True

    def close(self, final: Callable[[], T]) -> T:
        """Run ``final`` (ending the session) after any write in progress; no writes after it."""
        with self._lock:
            result = final()
            self._closed = True
            return result
