"""The caseload report: every case with its category and progress, the counts a project board
watches, and how each exercise is used. Built once as a plain view model, rendered to HTML
(:mod:`srt_tui.export.caseload_html`) and CSV (:mod:`srt_tui.export.caseload_csv`).

Filters (all optional, combined with "and"):

* ``practitioner``: the case's practitioner, compared case-insensitively, spaces trimmed
  (cases imported from several practitioners' bundles keep their practitioner's name);
* ``referred_from`` / ``referred_to``: the referral date, both ends included, so a report
  counts a cohort of referrals as the pilot's project board did;
* ``state``: the case's current state.

Progress and categories follow :mod:`srt_tui.records.progress`. Per-exercise use counts, over
the reported cases: the sessions an exercise was chosen in, and the cases whose status for it
is completed or not relevant. Participants' feedback per clip (``Session.feedback``) is
counted per exercise: how many responses, the mean of each 1-5 rating over the responses that
gave it, and the comments; "—" where there is none, rather than anything made up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

from srt_tui import __version__
from srt_tui.export import ExportError, one_line
from srt_tui.export.jobs import Cancelled, OnProgress, ShouldStop, ignore, never
from srt_tui.export.summary import NOT_SEEN, Detail, ModuleRow, state_label
from srt_tui.records.model import Case, CaseState, ClipFeedback, Outcome, Session
from srt_tui.records.progress import Category, Progress, case_progress
from srt_tui.records.storage import RecordError
from srt_tui.records.validation import clean_text

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore

NO_FEEDBACK = "—"
ANYONE = "Any"


@dataclass(frozen=True)
class Filters:
    practitioner: str | None = None
    referred_from: date | None = None
    referred_to: date | None = None
    state: CaseState | None = None

    def check(self) -> None:
        if self.referred_from and self.referred_to and self.referred_from > self.referred_to:
            raise ExportError(
                f"The date range is back to front: {self.referred_from.isoformat()} is after "
                f"{self.referred_to.isoformat()}."
            )

    def matches(self, case: Case) -> bool:
        if self.practitioner and case.practitioner.strip().casefold() != self.practitioner.strip().casefold():
            return False
        if self.referred_from and case.referral_date < self.referred_from:
            return False
        if self.referred_to and case.referral_date > self.referred_to:
            return False
        return self.state is None or case.state is self.state

    def describe(self) -> tuple[Detail, ...]:
        start = self.referred_from.isoformat() if self.referred_from else "the start"
        end = self.referred_to.isoformat() if self.referred_to else "today"
        return (
            Detail("Practitioner", clean_text(self.practitioner.strip()) if self.practitioner else ANYONE),
            Detail("Referred", f"from {start} to {end}" if self.referred_from or self.referred_to else ANYONE),
            Detail("State", self.state.label if self.state else ANYONE),
        )


@dataclass(frozen=True)
class CaseRow:
    ref: str
    alias: str
    practitioner: str
    referral_date: str  # ISO, sorts in a spreadsheet
    state: str
    category: str
    modules: tuple[ModuleRow, ...]
    done: int
    not_relevant: int
    total: int
    sessions: int
    last_seen: str  # ISO date, or NOT_SEEN


@dataclass(frozen=True)
class CategoryCount:
    category: str
    cases: int
    breached: int  # of those cases, how many are in the breached state


@dataclass(frozen=True)
class ExerciseUse:
    id: str
    title: str
    module: str
    chosen: int  # sessions it was chosen in
    completed: int  # cases whose status is completed
    not_relevant: int  # cases whose status is not relevant
    feedback: FeedbackCount

    @property
    def feedback_text(self) -> str:
        """One cell: "3 responses; relatable 4.3/5, helpful 4.0/5", or NO_FEEDBACK."""
        return self.feedback.text


@dataclass(frozen=True)
class FeedbackCount:
    """Participants' feedback on one exercise's clips, over the reported cases."""

    responses: int = 0
    relatable: float | None = None  # mean of the ratings given; None when none were
    relatable_n: int = 0
    helpful: float | None = None
    helpful_n: int = 0
    comments: tuple[str, ...] = ()

    @staticmethod
    def mean_text(mean: float | None) -> str:
        return NO_FEEDBACK if mean is None else f"{mean:.1f}/5"

    @property
    def text(self) -> str:
        if not self.responses:
            return NO_FEEDBACK
        noun = "response" if self.responses == 1 else "responses"
        return (f"{self.responses} {noun}; relatable {self.mean_text(self.relatable)}, "
                f"helpful {self.mean_text(self.helpful)}")


@dataclass(frozen=True)
class CaseloadReport:
    title: str
    generated_at: str
    pack: str
    app_version: str
    filters: tuple[Detail, ...]
    cases: tuple[CaseRow, ...]
    counts: tuple[CategoryCount, ...]  # the five categories, in the project board's order
    breached: int
    exercises: tuple[ExerciseUse, ...]
    problems: tuple[str, ...]  # case files that could not be read, one line each

    @property
    def total(self) -> int:
        return len(self.cases)


BOARD_ORDER = (
    Category.NOT_COMMENCED,
    Category.DISCONTINUED_BEFORE_FOUNDATION,
    Category.ONGOING,
    Category.FOUNDATION_COMPLETED,
    Category.ALL_COMPLETED,
)


def build_caseload(
    store: RecordStore,
    pack: ContentPack,
    filters: Filters = Filters(),
    *,
    generated_at: datetime | None = None,
    tz: tzinfo | None = None,
    on_progress: OnProgress = ignore,
    should_stop: ShouldStop = never,
) -> CaseloadReport:
    """Read every case once and collect the report. Raises :class:`Cancelled` if
    ``should_stop`` says so between cases, :class:`ExportError` if the records cannot be
    listed; a case that cannot be read is left out and named in ``problems``."""
    filters.check()
    try:
        listed = store.list_cases()
    except RecordError as error:
        raise ExportError(one_line(str(error))) from None
    problems = [one_line(p) for p in store.problems]
    collected: list[tuple[Case, list[Session], Progress]] = []
    for number, summary in enumerate(listed, start=1):
        if should_stop():
            raise Cancelled
        try:
            case = store.get_case(summary.id)
            sessions = store.sessions(summary.id) if filters.matches(case) else None
        except RecordError as error:
            problems.append(one_line(str(error)))
            sessions = None
        if sessions is not None:
            collected.append((case, sessions, case_progress(pack, case, sessions)))
        on_progress(number, len(listed), one_line(summary.ref))
    moment = (generated_at or datetime.now(UTC)).astimezone(tz)
    return CaseloadReport(
        title="Caseload report",
        generated_at=f"{moment:%Y-%m-%d %H:%M}",
        pack=f"{clean_text(pack.title)}, version {clean_text(pack.version)}",
        app_version=__version__,
        filters=filters.describe(),
        cases=tuple(_row(case, sessions, progress) for case, sessions, progress in collected),
        counts=_counts(collected),
        breached=sum(1 for case, _, _ in collected if case.state is CaseState.BREACHED),
        exercises=_exercise_use(pack, collected),
        problems=tuple(problems),
    )


def _row(case: Case, sessions: list[Session], progress: Progress) -> CaseRow:
    return CaseRow(
        ref=clean_text(case.ref),
        alias=clean_text(case.alias),
        practitioner=clean_text(case.practitioner),
        referral_date=case.referral_date.isoformat(),
        state=state_label(case),
        category=progress.category.label,
        modules=tuple(ModuleRow(clean_text(m.title), m.done, m.total, m.not_relevant) for m in progress.modules),
        done=progress.done,
        not_relevant=progress.not_relevant,
        total=progress.total,
        sessions=len(sessions),
        last_seen=max(s.date for s in sessions).isoformat() if sessions else NOT_SEEN,
    )


def _counts(collected: list[tuple[Case, list[Session], Progress]]) -> tuple[CategoryCount, ...]:
    cases = Counter(progress.category for _, _, progress in collected)
    breached = Counter(
        progress.category for case, _, progress in collected if case.state is CaseState.BREACHED
    )
    return tuple(CategoryCount(c.label, cases[c], breached[c]) for c in BOARD_ORDER)


def _exercise_use(
    pack: ContentPack, collected: list[tuple[Case, list[Session], Progress]]
) -> tuple[ExerciseUse, ...]:
    chosen: Counter[str] = Counter()
    feedback: dict[str, list[ClipFeedback]] = {}
    status: dict[Outcome, Counter[str]] = {Outcome.COMPLETED: Counter(), Outcome.NOT_RELEVANT: Counter()}
    for _, sessions, progress in collected:
        for session in sessions:
            chosen.update({record.exercise_id for record in session.amended().exercises})
            for item in session.feedback:
                feedback.setdefault(item.exercise_id, []).append(item)
        for exercise_id, outcome in progress.outcomes.items():
            if outcome in status:
                status[outcome][exercise_id] += 1
    ids = [exercise.id for exercise in pack.exercises]
    ids += sorted((set(chosen) | set(feedback)) - set(ids))  # records of exercises this pack no longer has
    rows = []
    for exercise_id in ids:
        exercise = pack.exercise(exercise_id)
        module = pack.module(exercise.module) if exercise else None
        rows.append(
            ExerciseUse(
                id=clean_text(exercise_id),
                title=clean_text(exercise.title) if exercise else "(not in this content pack)",
                module=clean_text(module.title) if module else "",
                chosen=chosen[exercise_id],
                completed=status[Outcome.COMPLETED][exercise_id],
                not_relevant=status[Outcome.NOT_RELEVANT][exercise_id],
                feedback=_count_feedback(feedback.get(exercise_id, [])),
            )
        )
    return tuple(rows)


def _count_feedback(items: list[ClipFeedback]) -> FeedbackCount:
    relatable = [f.relatable for f in items if f.relatable is not None]
    helpful = [f.helpful for f in items if f.helpful is not None]
    return FeedbackCount(
        responses=len(items),
        relatable=sum(relatable) / len(relatable) if relatable else None,
        relatable_n=len(relatable),
        helpful=sum(helpful) / len(helpful) if helpful else None,
        helpful_n=len(helpful),
        comments=tuple(clean_text(f.comment).strip() for f in items if f.comment.strip()),
    )


__all__ = [
    "BOARD_ORDER",
    "FeedbackCount",
    "NO_FEEDBACK",
    "CaseRow",
    "CaseloadReport",
    "CategoryCount",
    "ExerciseUse",
    "Filters",
    "build_caseload",
]
