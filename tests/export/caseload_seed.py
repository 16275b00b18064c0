"""A small caseload in a real record store, one or more cases in every project-board category,
from two practitioners (fictional, like all test data)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from srt_tui.records.model import Case, CaseState, ExerciseRecord, Outcome, Session
from srt_tui.records.store import RecordStore

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _case(number: int, state: CaseState, practitioner: str, referred: date) -> Case:
    return Case(ref=f"CRN-{number:03d}", alias=f"P.{number}", referral_date=referred, state=state,
                practitioner=practitioner, id=f"case-{number:03d}", created_at=START,
                state_reason="Missed appointments" if state is CaseState.BREACHED else "")


def _session(case: Case, day: int, *records: ExerciseRecord) -> Session:
    started = START + timedelta(days=day)
    return Session(case_id=case.id, date=started.date(), started_at=started,
                   ended_at=started + timedelta(hours=1), exercises=list(records),
                   task_set=f"Task for {case.ref}", id=f"{case.id}-s{day}")


def done(exercise_id: str) -> ExerciseRecord:
    return ExerciseRecord(exercise_id, Outcome.COMPLETED)


# ref number -> (state, practitioner, referral date, sessions as lists of records)
CASELOAD = {
    1: (CaseState.REFERRED, "A. Adams", date(2026, 1, 5), []),
    2: (CaseState.BREACHED, "A. Adams", date(2026, 1, 12), []),
    3: (CaseState.DISCONTINUED, "A. Adams", date(2026, 2, 2), [[done("F01")]]),
    4: (CaseState.BREACHED, "A. Adams", date(2026, 2, 9), [[ExerciseRecord("F01", Outcome.PARTLY_DONE)]]),
    5: (CaseState.ACTIVE, "B. Brown", date(2026, 2, 16), [[done("F01")], [ExerciseRecord("T01")]]),
    6: (CaseState.ACTIVE, "B. Brown", date(2026, 3, 2),
        [[done("F01"), ExerciseRecord("F02", Outcome.NOT_RELEVANT, skip_reason="No children")]]),
    7: (CaseState.COMPLETED, "B. Brown", date(2026, 3, 9), [[done("F01"), done("F02")], [done("T01")]]),
}


def seed_caseload(data_dir: Path) -> RecordStore:
    store = RecordStore(data_dir)
    for number, (state, practitioner, referred, sessions) in CASELOAD.items():
        case = _case(number, state, practitioner, referred)
        store.import_case(case, [_session(case, day, *records) for day, records in enumerate(sessions)])
    return store
