"""What long exports share: a progress callback, a stop check, and the exception a stopped
job raises. The shell and the app supply their own (a text bar and Ctrl+C; a Textual
progress bar and a cancel key); the export code knows neither."""

from __future__ import annotations

from collections.abc import Callable

# (items done, items in all, what was just done): called after each item.
OnProgress = Callable[[int, int, str], None]
# True once the user has asked to stop; checked between items, never in the middle of one.
ShouldStop = Callable[[], bool]


class Cancelled(Exception):
    """The user stopped a job before it finished; nothing half written is left behind."""


def never() -> bool:
    return False


def ignore(done: int, total: int, label: str) -> None:
    """An :data:`OnProgress` that reports nothing."""


__all__ = ["Cancelled", "OnProgress", "ShouldStop", "ignore", "never"]
