"""The record store: cases and their sessions, kept in TinyDB files under one folder.

Layout::

    data_dir/index.json            one small row per case (the CaseSummary fields)
    data_dir/cases/<case id>.json  one file per case: its case row and its session rows

Saving a session rewrites only that case's file, so a save costs the same with one case or a
thousand. ``list_cases`` reads only the index. Files are named by the case *id* (checked
against ``[A-Za-z0-9_-]{1,64}``), never by the case reference, which may contain ``/``.

Every write is atomic (see :mod:`srt_tui.records.storage`). A records file that cannot be
read raises :class:`RecordError` naming it, and is never written over.

The index is derived data and repairs itself, so no case is ever lost because it broke:

* A missing or unreadable index is rebuilt from the case files (an unreadable one is first
  renamed to ``index.damaged-<time>.json`` and kept).
* Changes that touch the index write the case file first and the index second. Before they
  start they create ``index.stale``; they remove it when both writes are done. If the marker
  is found (a crash or a failed index write came between the two), the index is rebuilt.
* A case file with no index row is added to the index; a row whose file is gone is dropped.

A case file that cannot be read during a rebuild is left out of the list and reported in
``problems`` (and left untouched on disk).

Thread safety: every public method holds a re-entrant lock shared by all stores on the same
folder in this process; screens call the store from worker threads. Locking between
processes, and encryption at rest, belong in :mod:`srt_tui.records.storage` and can be added
there without touching the screens.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from srt_tui.atomic import atomic_write_bytes
from srt_tui.records.model import (
    Amendment,
    Case,
    CaseState,
    Outcome,
    Session,
    now,
)
from srt_tui.records.targets import read_target
from srt_tui.records.storage import AtomicJSONStorage, DamagedFileError, RecordError
from srt_tui.records.validation import validate_alias, validate_ref

INDEX_NAME = "index.json"
STALE_MARKER = "index.stale"
CASES_DIR = "cases"
INDEX_TABLE = "cases"
CASE_TABLE = "case"
SESSIONS_TABLE = "sessions"

_CASE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)


@dataclass(frozen=True)
class CaseSummary:
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
        last = row.get("last_session")
        return cls(
            id=str(row["id"]),
            ref=str(row["ref"]),
            alias=str(row["alias"]),
            state=CaseState(row["state"]),
            referral_date=date.fromisoformat(row["referral_date"]),
            last_session=date.fromisoformat(last) if last else None,
        )


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(folder: Path) -> threading.RLock:
    key = os.path.normcase(str(folder.resolve()))
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.RLock())


class RecordStore:
    """Cases and sessions in ``data_dir``. Every method may raise :class:`RecordError`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.problems: list[str] = []  # what the last list_cases() could not read, one line each
        self._lock = _lock_for(self.data_dir)

    # -- cases ------------------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        """Every case, sorted by reference (case-insensitive). Reads only the index."""
        with self._lock:
            self.problems = []
            return sorted(self._summaries().values(), key=lambda s: (s.ref.casefold(), s.ref, s.id))

    def find_case(self, ref: str) -> Case | None:
        """The case with this reference, compared case-insensitively; None if there is none."""
        key = ref.strip().casefold()
        with self._lock:
            for summary in self._summaries().values():
                if summary.ref.casefold() == key:
                    return self.get_case(summary.id)
        return None

    def get_case(self, case_id: str) -> Case:
        with self._lock:
            return self._load(case_id)[0]

    def create_case(self, case: Case) -> Case:
        """Store a new case with no sessions; returns it with its reference and alias tidied."""
        return self._add(case, [])

    def update_case(self, case: Case) -> Case:
        """Replace the stored details of an existing case (its sessions are untouched)."""
        case = _checked(case)
        with self._lock:
            path = self._case_path(case.id)
            stored, sessions = self._load(case.id)
            if stored.ref.casefold() != case.ref.casefold():
                self._refuse_duplicate_ref(case.ref, except_id=case.id)
            with self._index_change():
                with _open(path) as db:
                    table = db.table(CASE_TABLE)
                    table.update(_replace_with(case.to_dict()), doc_ids=[table.all()[0].doc_id])
                self._put_summary(CaseSummary.of(case, sessions))
            return case

    def import_case(self, case: Case, sessions: list[Session]) -> None:
        """Add a case with its sessions, e.g. from a transfer bundle.

        Refused if a case with the same reference (case-insensitive) or the same id exists.
        """
        self._add(case, sessions)

    # -- sessions ---------------------------------------------------------------------------

    def sessions(self, case_id: str) -> list[Session]:
        """The case's sessions, oldest first."""
        with self._lock:
            return self._load(case_id)[1]

    def get_session(self, case_id: str, session_id: str) -> Session:
        with self._lock:
            for session in self._load(case_id)[1]:
                if session.id == session_id:
                    return session
        raise RecordError("That session is not in this case's records.")

    def open_session(self, case_id: str) -> Session | None:
        """The session not yet ended, if there is one."""
        with self._lock:
            open_ = [s for s in self._load(case_id)[1] if not s.ended]
        return open_[-1] if open_ else None

    def start_session(self, case_id: str) -> Session:
        """Open a new session dated today (local date); refused if one is already open.

        The first session of a referred case makes it active, dated today: a practitioner
        starting the work should not also have to remember to change the state.
        """
        with self._lock:
            case, sessions = self._load(case_id)
            if any(not s.ended for s in sessions):
                raise RecordError("A session is already open for this case.")
            session = Session(case_id=case.id, date=date.today(), started_at=now())
            with self._index_change():
                with _open(self._case_path(case.id)) as db:
                    db.table(SESSIONS_TABLE).insert(session.to_dict())
                self._put_summary(CaseSummary.of(case, [*sessions, session]))
            if case.state is CaseState.REFERRED:
                self.update_case(replace(case, state=CaseState.ACTIVE, state_date=session.date,
                                         state_reason="First session started"))
            return session.copy()

    def save_session(self, session: Session) -> None:
        """Store the current content of an open session, replacing what was stored."""
        with self._lock:
            if session.ended:
                raise RecordError("This session has ended: changes are amendments.")
            stored = self._session_doc(session.case_id, session.id)
            if stored.get("ended_at"):
                raise RecordError("This session has ended: changes are amendments.")
            self._write_session(session, stored.doc_id)

    def end_session(self, session: Session) -> Session:
        """Store the session's content and end it now. Returns the ended session."""
        with self._lock:
            stored = self._session_doc(session.case_id, session.id)
            if stored.get("ended_at") or session.ended:
                raise RecordError("This session has already ended.")
            ended = session.copy()
            ended.ended_at = max(now(), ended.started_at)
            with self._index_change():
                self._write_session(ended, stored.doc_id)
                case, sessions = self._load(session.case_id)
                self._put_summary(CaseSummary.of(case, sessions))
            return ended

    def amend_session(
        self, case_id: str, session_id: str, target: str, value: str, reason: str, by: str = ""
    ) -> Session:
        """Change an ended session's record, keeping the text it replaces and the reason.

        ``target`` is ``notes``, ``reflections``, ``task_set``, ``task_review``, ``plan_next``,
        ``exercise:<id>:outcome``, ``exercise:<id>:skip_reason``, ``exercise:<id>:notes`` or
        ``exercise:<id>:answer:<question id>``. The original fields stay as they were;
        ``Session.effective()`` shows the record with its amendments applied.
        """
        if not reason.strip():
            raise RecordError("An amendment needs a reason.")
        with self._lock:
            doc = self._session_doc(case_id, session_id)
            session = _session_from(doc, self._case_path(case_id))
            if not session.ended:
                raise RecordError("This session is still open: change it directly, not by amendment.")
            before = _current_value(session.effective(), target)
            if target.endswith(":outcome") and value and value not in {o.value for o in Outcome}:
                raise RecordError(f"{value!r} is not an exercise outcome.")
            if value == before:
                raise RecordError("That amendment changes nothing: the text is the same.")
            session.amendments.append(
                Amendment(field=target, before=before, after=value, reason=reason.strip(), by=by)
            )
            self._write_session(session, doc.doc_id)
            return session

    # -- case files -------------------------------------------------------------------------

    def _case_path(self, case_id: str) -> Path:
        if (
            not isinstance(case_id, str)
            or not _CASE_ID.fullmatch(case_id)
            or case_id.casefold() in _WINDOWS_DEVICES
        ):
            raise RecordError(f"{case_id!r} is not a valid case id.")
        return self.data_dir / CASES_DIR / f"{case_id}.json"

    def _load(self, case_id: str) -> tuple[Case, list[Session]]:
        path = self._case_path(case_id)
        if not path.is_file():
            raise RecordError(f"There is no case with id {case_id} in the records.")
        with _open(path) as db:
            case_rows = db.table(CASE_TABLE).all()
            session_rows = db.table(SESSIONS_TABLE).all()
        if len(case_rows) != 1:
            raise DamagedFileError(path, "it should hold exactly one case")
        try:
            case = Case.from_dict(case_rows[0])
        except (KeyError, TypeError, ValueError):
            raise DamagedFileError(path, "the case details are incomplete") from None
        if case.id != case_id:
            raise DamagedFileError(path, "it holds a different case")
        sessions = [_session_from(row, path) for row in session_rows]
        return case, sorted(sessions, key=lambda s: (s.date, s.started_at.timestamp()))

    def _session_doc(self, case_id: str, session_id: str) -> Any:
        path = self._case_path(case_id)
        if not path.is_file():
            raise RecordError(f"There is no case with id {case_id} in the records.")
        with _open(path) as db:
            doc = db.table(SESSIONS_TABLE).get(Query().id == session_id)
        if doc is None:
            raise RecordError("That session is not in this case's records.")
        return doc

    def _write_session(self, session: Session, doc_id: int) -> None:
        with _open(self._case_path(session.case_id)) as db:
            db.table(SESSIONS_TABLE).update(_replace_with(session.to_dict()), doc_ids=[doc_id])

    def _add(self, case: Case, sessions: list[Session]) -> Case:
        case = _checked(case)
        with self._lock:
            path = self._case_path(case.id)
            summaries = self._summaries()
            taken = {case_id.casefold() for case_id in summaries} | self._case_ids_on_disk(folded=True)
            if case.id.casefold() in taken or path.exists():
                raise RecordError(f"Case {case.ref} is already in the records (same case id).")
            self._refuse_duplicate_ref(case.ref, summaries=summaries)
            session_ids = [s.id for s in sessions]
            if len(set(session_ids)) != len(session_ids):
                raise RecordError("Two sessions of this case have the same id.")
            if any(s.case_id != case.id for s in sessions):
                raise RecordError("A session given with this case belongs to another case.")
            ordered = sorted(sessions, key=lambda s: (s.date, s.started_at.timestamp()))
            tables = {
                CASE_TABLE: {"1": case.to_dict()},
                SESSIONS_TABLE: {str(n): s.to_dict() for n, s in enumerate(ordered, start=1)},
            }
            with self._index_change():
                AtomicJSONStorage(path).write(tables)
                self._put_summary(CaseSummary.of(case, ordered))
            return case

    def _refuse_duplicate_ref(
        self, ref: str, except_id: str | None = None, summaries: dict[str, CaseSummary] | None = None
    ) -> None:
        key = ref.casefold()
        for summary in (summaries if summaries is not None else self._summaries()).values():
            if summary.id != except_id and summary.ref.casefold() == key:
                raise RecordError(f"Case reference {summary.ref} already exists.")

    def _case_ids_on_disk(self, folded: bool = False) -> set[str]:
        folder = self.data_dir / CASES_DIR
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return set()
        except OSError as error:
            raise RecordError(f"Cannot read the records folder {folder}: {error.strerror}.") from None
        ids = {name[:-5] for name in names if name.endswith(".json") and _CASE_ID.fullmatch(name[:-5])}
        return {i.casefold() for i in ids} if folded else ids

    # -- the index --------------------------------------------------------------------------

    @property
    def _index_path(self) -> Path:
        return self.data_dir / INDEX_NAME

    @property
    def _marker_path(self) -> Path:
        return self.data_dir / STALE_MARKER

    @contextmanager
    def _index_change(self) -> Iterator[None]:
        """Mark the index stale while a change writes the case file, then the index."""
        try:
            atomic_write_bytes(self._marker_path, b"index.json may be out of date: rebuild it\n")
        except OSError as error:
            raise RecordError(f"Could not save to {self.data_dir}: {error.strerror or error}.") from None
        try:
            yield
        except _IndexWriteFailed as error:
            self.problems.append(str(error))
            return  # the case file is saved; the marker stays, so the next listing rebuilds
        try:
            self._marker_path.unlink(missing_ok=True)
        except OSError:
            pass  # the index will just be rebuilt once more than needed

    def _put_summary(self, summary: CaseSummary) -> None:
        """Write one case's row to the index. The case file is already saved, so a failure
        here only leaves the stale marker in place for the next listing to rebuild from."""
        try:
            with _open(self._index_path) as db:
                db.table(INDEX_TABLE).upsert(summary.to_row(), Query().id == summary.id)
        except DamagedFileError:
            self._set_aside(self._index_path)
            self._rebuild_index()
        except RecordError as error:
            raise _IndexWriteFailed(str(error)) from None

    def _summaries(self) -> dict[str, CaseSummary]:
        """The index rows by case id, repaired first if they are stale, missing or damaged."""
        if self._marker_path.exists():
            return self._rebuild_index()
        try:
            index = self._read_index()
        except DamagedFileError:
            self._set_aside(self._index_path)
            return self._rebuild_index()
        except RecordError:
            return self._rebuild_index(write=False)
        on_disk = self._case_ids_on_disk()
        if index is None:
            return self._rebuild_index() if on_disk else {}
        orphans = index.keys() - on_disk
        missing = on_disk - index.keys()
        for case_id in orphans:
            del index[case_id]
        added = self._read_summaries(sorted(missing))
        index.update(added)
        if orphans or added:
            self._write_index(index)
        return index

    def _read_index(self) -> dict[str, CaseSummary] | None:
        if not self._index_path.exists():
            return None
        with _open(self._index_path) as db:
            rows = db.table(INDEX_TABLE).all()
        try:
            summaries = [CaseSummary.from_row(row) for row in rows]
        except (KeyError, TypeError, ValueError):
            raise DamagedFileError(self._index_path, "a case row is incomplete") from None
        return {s.id: s for s in summaries}

    def _read_summaries(self, case_ids: list[str]) -> dict[str, CaseSummary]:
        found = {}
        for case_id in case_ids:
            try:
                case, sessions = self._load(case_id)
            except RecordError as error:
                self.problems.append(str(error))
                continue
            found[case.id] = CaseSummary.of(case, sessions)
        return found

    def _rebuild_index(self, write: bool = True) -> dict[str, CaseSummary]:
        """Rebuild the index from the case files, the records themselves."""
        summaries = self._read_summaries(sorted(self._case_ids_on_disk()))
        if write:
            try:
                self._write_index(summaries)
            except RecordError as error:
                self.problems.append(str(error))
                return summaries
            self._marker_path.unlink(missing_ok=True)
        return summaries

    def _write_index(self, summaries: dict[str, CaseSummary]) -> None:
        rows = {str(n): s.to_row() for n, s in enumerate(summaries.values(), start=1)}
        AtomicJSONStorage(self._index_path).write({INDEX_TABLE: rows})

    def _set_aside(self, path: Path) -> None:
        """Keep a damaged index under another name so the rebuild never writes over it."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
        try:
            os.replace(path, target)
        except FileNotFoundError:
            return
        except OSError as error:
            raise RecordError(f"Cannot move the damaged index {path} aside: {error.strerror}.") from None
        self.problems.append(f"The case index {path} was damaged: kept as {target.name} and rebuilt.")


class _IndexWriteFailed(RecordError):
    """The case file was saved but the index was not; the stale marker stays."""


def _open(path: Path) -> TinyDB:
    """A TinyDB on one records file, for one operation (holds no file open)."""
    return TinyDB(path, storage=AtomicJSONStorage)


def _replace_with(row: dict[str, Any]) -> Any:
    """A TinyDB update that replaces a whole document (``update`` alone would merge)."""

    def transform(document: dict[str, Any]) -> None:
        document.clear()
        document.update(row)

    return transform


def _session_from(row: dict[str, Any], path: Path) -> Session:
    try:
        return Session.from_dict(row)
    except (KeyError, TypeError, ValueError):
        raise DamagedFileError(path, "a session's record is incomplete") from None


def _checked(case: Case) -> Case:
    try:
        return replace(case, ref=validate_ref(case.ref), alias=validate_alias(case.alias))
    except ValueError as error:
        raise RecordError(str(error)) from None


def _current_value(session: Session, target: str) -> str:
    """What ``target`` says now in an (effective) session; RecordError if it names nothing."""
    try:
        return read_target(session, target)
    except ValueError:
        raise RecordError(f"{target!r} is not something a session amendment can change.") from None


__all__ = ["CaseSummary", "RecordError", "RecordStore"]
