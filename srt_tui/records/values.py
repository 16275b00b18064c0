"""A case's state, an exercise's outcome and the records' clock.

They are part of the records model (:mod:`srt_tui.records.model` imports them from here) but
kept apart from its dataclasses: listing the cases needs the states, and the app its clock,
on the way to the first screen, and the dataclasses took about 8 ms to define as the model
was imported.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum


def now() -> datetime:
    return datetime.now(UTC)


class CaseState(StrEnum):
    REFERRED = "referred"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"
    BREACHED = "breached"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Outcome(StrEnum):
    COMPLETED = "completed"
    PARTLY_DONE = "partly_done"
    REVISITED = "revisited"
    NOT_RELEVANT = "not_relevant"  # skipped as not relevant; needs a reason

    @property
    def label(self) -> str:
        return {
            Outcome.COMPLETED: "Completed",
            Outcome.PARTLY_DONE: "Partly done",
            Outcome.REVISITED: "Revisited",
            Outcome.NOT_RELEVANT: "Skipped: not relevant",
        }[self]


__all__ = ["CaseState", "Outcome", "now"]
