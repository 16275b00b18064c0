"""A small, fixed caseload for screen tests and snapshots (fictional, like all demo data)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from srt_tui.records.model import Case, CaseState, ExerciseRecord, Outcome, Session
from srt_tui.records.store import RecordStore

FIXED_START = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def seeded_store(data_dir: Path) -> RecordStore:
    """Three cases; the first has one ended session with answers, a skip and a task."""
    store = RecordStore(data_dir)
    first = Case(ref="X100001", alias="J.B.", referral_date=date(2026, 10, 1), state=CaseState.ACTIVE,
                 variant="partner-female", responsivity_notes="Prefers short chunks; reads slowly.",
                 id="case-first", created_at=FIXED_START)
    session = Session(
        case_id=first.id,
        date=date(2026, 11, 2),
        started_at=FIXED_START,
        ended_at=datetime(2026, 11, 2, 10, 50, tzinfo=UTC),
        exercises=[
            ExerciseRecord("F01", Outcome.COMPLETED, answers={"q1": "Being listened to."}),
            ExerciseRecord("F02", Outcome.PARTLY_DONE),
            ExerciseRecord("R06", Outcome.NOT_RELEVANT, skip_reason="No children; not relevant now."),
        ],
        notes="Engaged well. [link=x]y[/] stays literal.",
        task_set="Notice one moment each day when you felt calm.",
        id="session-first",
    )
    store.import_case(first, [session])
    store.create_case(
        Case(ref="X100002", alias="[bold red]K.L.[/]", referral_date=date(2026, 10, 8),
             id="case-second", created_at=FIXED_START)
    )
    store.create_case(
        Case(ref="CRN-2026/0042", alias="M.P.", referral_date=date(2026, 9, 20),
             state=CaseState.BREACHED, state_date=date(2026, 10, 30), state_reason="Missed three appointments",
             id="case-third", created_at=FIXED_START)
    )
    return store
