"""What a readable case file and index look like: turning their tables into records.

The store, the backups and ``srt-tui doctor`` all judge a file by these rules, so "damaged"
means the same thing everywhere. A file's tables (already decoded by
:func:`srt_tui.records.storage.decode_tables`) either give back a :class:`Case` with its
sessions, every field of the type the screens expect, or raise :class:`DamagedFileError`.
Checking the types matters: a session whose notes are a number, or whose start time has no
time zone, would otherwise open and then fail somewhere far from the file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from srt_tui.records.storage import DamagedFileError, decode_tables
from srt_tui.records.values import CaseState, Outcome

if TYPE_CHECKING:
    from srt_tui.records.model import Amendment, Case, ExerciseRecord, Session

# The index's rows are read as the app starts; the records model (srt_tui.records.model, whose
# dataclasses take ~8 ms to define) is imported by the functions that read a case file.

INDEX_TABLE = "cases"
CASE_TABLE = "case"
SESSIONS_TABLE = "sessions"

# What a hostile or truncated row can make the model's from_dict raise.
_BAD_ROW = (KeyError, TypeError, ValueError, AttributeError, OverflowError)
_STATES = {state.value: state for state in CaseState}


class CaseSummary(NamedTuple):
    """One row of the case list, as kept in the index."""

    id: str
    ref: str
    alias: str
    state: CaseState
    referral_date: date
    last_session: date | None

    @classmethod
    def of(cls, case: Case, sessions: list[Session]) -> CaseSummary:
        return cls(
            id=case.id,
            ref=case.ref,
            alias=case.alias,
            state=case.state,
            referral_date=case.referral_date,
            last_session=max((s.date for s in sessions), default=None),
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "alias": self.alias,
            "state": self.state.value,
            "referral_date": self.referral_date.isoformat(),
            "last_session": self.last_session.isoformat() if self.last_session else None,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CaseSummary:
        """The summary an index row holds; raises one of ``_BAD_ROW`` if it holds none.

        The state is looked up rather than made with ``CaseState(...)``: a thousand rows are
        read as the app starts."""
        last = row.get("last_session")
        return cls(str(row["id"]), str(row["ref"]), str(row["alias"]), _STATES[row["state"]],
                   date.fromisoformat(row["referral_date"]), date.fromisoformat(last) if last else None)


def case_from_tables(
    tables: dict[str, dict[str, Any]], path: Path, case_id: str | None = None
) -> tuple[Case, list[Session]]:
    """The case and its sessions (oldest first) held in a case file's tables.

    ``case_id``, when given, must be the id the file holds (files are named by it).
    """
    from srt_tui.records.model import Case, chronological

    case_rows = list(tables.get(CASE_TABLE, {}).values())
    if len(case_rows) != 1:
        raise DamagedFileError(path, "it should hold exactly one case")
    try:
        case = Case.from_dict(case_rows[0])
    except _BAD_ROW:
        raise DamagedFileError(path, "the case details are incomplete") from None
    if not _case_is_well_typed(case):
        raise DamagedFileError(path, "the case details are incomplete")
    if case_id is not None and case.id != case_id:
        raise DamagedFileError(path, "it holds a different case")
    sessions = [session_from_row(row, path) for row in tables.get(SESSIONS_TABLE, {}).values()]
    if any(session.case_id != case.id for session in sessions):
        raise DamagedFileError(path, "a session belongs to another case")
    return case, chronological(sessions)


def case_from_bytes(plain: bytes, path: Path, case_id: str) -> tuple[Case, list[Session]]:
    """:func:`case_from_tables` of a case file's plain bytes (see ``RecordStore.read_case_file``)."""
    try:
        tables = decode_tables(plain)
    except ValueError as error:
        raise DamagedFileError(path, str(error)) from None
    return case_from_tables(tables, path, case_id)


def session_from_row(row: dict[str, Any], path: Path) -> Session:
    from srt_tui.records.model import Session

    try:
        session = Session.from_dict(row)
    except _BAD_ROW:
        raise DamagedFileError(path, "a session's record is incomplete") from None
    if not _session_is_well_typed(session):
        raise DamagedFileError(path, "a session's record is incomplete")
    return session


def summaries_from_tables(tables: dict[str, dict[str, Any]], path: Path) -> dict[str, CaseSummary]:
    """The index rows by case id."""
    try:
        summaries = [CaseSummary.from_row(row) for row in tables.get(INDEX_TABLE, {}).values()]
    except _BAD_ROW:
        raise DamagedFileError(path, "a case row is incomplete") from None
    return {s.id: s for s in summaries}


def _aware(value: object) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def _text(*values: object) -> bool:
    return all(isinstance(value, str) for value in values)


def _case_is_well_typed(case: Case) -> bool:
    return (
        _text(case.id, case.ref, case.alias, case.state_reason, case.responsivity_notes,
              case.practitioner)
        and (case.variant is None or isinstance(case.variant, str))
        and isinstance(case.referral_date, date)
        and (case.state_date is None or isinstance(case.state_date, date))
        and _aware(case.created_at)
    )


def _session_is_well_typed(session: Session) -> bool:
    return (
        _text(session.id, session.case_id, session.notes, session.reflections, session.task_set,
              session.task_review, session.plan_next)
        and _aware(session.started_at)
        and (session.ended_at is None or _aware(session.ended_at))
        and all(_exercise_is_well_typed(record) for record in session.exercises)
        and all(_amendment_is_well_typed(amendment) for amendment in session.amendments)
    )


def _exercise_is_well_typed(record: ExerciseRecord) -> bool:
    return (
        _text(record.exercise_id, record.skip_reason, record.notes)
        and (record.outcome is None or isinstance(record.outcome, Outcome))
        and all(_text(key, value) for key, value in record.answers.items())
    )


def _amendment_is_well_typed(amendment: Amendment) -> bool:
    return _text(amendment.field, amendment.before, amendment.after, amendment.reason,
                 amendment.by) and _aware(amendment.at)
