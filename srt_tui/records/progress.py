"""Progress through the toolkit, derived from a case's sessions (never stored).

Rules:

* An exercise's **status** looks across all the case's sessions, open ones included, each
  read through ``Session.amended()`` (amendments applied), oldest first. It is
  ``COMPLETED`` if any record says ``COMPLETED`` or ``REVISITED`` (revisiting implies it was
  done); otherwise it is the latest outcome given (``PARTLY_DONE`` or ``NOT_RELEVANT``).
  Exercises never given an outcome have no status.
* A **module** counts ``done`` (status ``COMPLETED``) and ``not_relevant`` (status
  ``NOT_RELEVANT``) among its ``total`` exercises. It is complete when
  ``done + not_relevant == total`` and ``total > 0``.
* The case's **category**, first rule that applies:

  1. *Not commenced*: no exercise has any outcome at all (so a case breached before it
     started counts as not commenced, as the pilot's project board counted);
  2. *All completed*: every module is complete;
  3. *Foundation completed*: the foundation module (``pack.foundation``) is complete;
  4. *Discontinued before completing the foundation*: the case is discontinued or breached;
  5. *Ongoing*: otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case, CaseState, Outcome, Session, chronological


class Category(StrEnum):
    NOT_COMMENCED = "not_commenced"
    DISCONTINUED_BEFORE_FOUNDATION = "discontinued_before_foundation"
    ONGOING = "ongoing"
    FOUNDATION_COMPLETED = "foundation_completed"
    ALL_COMPLETED = "all_completed"

    @property
    def label(self) -> str:
        return {
            Category.NOT_COMMENCED: "Not commenced",
            Category.DISCONTINUED_BEFORE_FOUNDATION: "Discontinued before completing the foundation",
            Category.ONGOING: "Ongoing",
            Category.FOUNDATION_COMPLETED: "Foundation completed",
            Category.ALL_COMPLETED: "All completed",
        }[self]


@dataclass(frozen=True)
class ModuleProgress:
    id: str
    title: str
    done: int
    total: int
    not_relevant: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done + self.not_relevant == self.total


@dataclass(frozen=True)
class Progress:
    modules: tuple[ModuleProgress, ...]  # pack order, foundation first
    category: Category
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # exercise id -> status

    @property
    def done(self) -> int:
        return sum(m.done for m in self.modules)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def not_relevant(self) -> int:
        return sum(m.not_relevant for m in self.modules)

    @property
    def foundation(self) -> ModuleProgress:
        return self.modules[0]


_DONE = (Outcome.COMPLETED, Outcome.REVISITED)


def exercise_outcomes(sessions: list[Session]) -> dict[str, Outcome]:
    """Exercise id -> status, by the rules in the module docstring."""
    completed: set[str] = set()
    latest: dict[str, Outcome] = {}
    for session in chronological(sessions):
        for record in session.amended().exercises:
            if record.outcome is None:
                continue
            if record.outcome in _DONE:
                completed.add(record.exercise_id)
            latest[record.exercise_id] = record.outcome
    return {
        exercise_id: Outcome.COMPLETED if exercise_id in completed else outcome
        for exercise_id, outcome in latest.items()
    }


def case_progress(pack: ContentPack, case: Case, sessions: list[Session]) -> Progress:
    """Per-module counts and the case's category, by the rules in the module docstring."""
    outcomes = exercise_outcomes(sessions)
    modules = []
    for module in sorted(pack.modules, key=lambda m: m.order):
        exercises = pack.exercises_in(module.id)
        statuses = [outcomes.get(e.id) for e in exercises]
        modules.append(
            ModuleProgress(
                id=module.id,
                title=module.title,
                done=statuses.count(Outcome.COMPLETED),
                total=len(exercises),
                not_relevant=statuses.count(Outcome.NOT_RELEVANT),
            )
        )
    foundation_id = pack.foundation.id if pack.modules else None
    foundation = next((m for m in modules if m.id == foundation_id), None)
    if not outcomes:
        category = Category.NOT_COMMENCED
    elif modules and all(m.complete for m in modules):
        category = Category.ALL_COMPLETED
    elif foundation is not None and foundation.complete:
        category = Category.FOUNDATION_COMPLETED
    elif case.state in (CaseState.DISCONTINUED, CaseState.BREACHED):
        category = Category.DISCONTINUED_BEFORE_FOUNDATION
    else:
        category = Category.ONGOING
    return Progress(modules=tuple(modules), category=category, outcomes=outcomes)


__all__ = ["Category", "ModuleProgress", "Progress", "case_progress", "exercise_outcomes"]


def open_task(sessions: list[Session]) -> str:
    """The between-session task set in the last ended session (amendments applied), or ""."""
    ended = [s for s in sessions if s.ended]
    return ended[-1].amended().task_set if ended else ""
