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
* A case file with no index row is added to the index; a row whose file is gone is dropped
  (and kept in ``vanished``, so the app can say which case lost its file and offer a backup).

A case file that cannot be read during a rebuild is left out of the list and reported in
``problems`` (and left untouched on disk).

Thread safety: every public method holds a re-entrant lock shared by all stores on the same
folder in this process; screens call the store from worker threads.

One writer: before its first write, a store takes the folder's lock for this process
(:mod:`srt_tui.records.lock`; the app takes it up front with :meth:`RecordStore.claim`). While
another process holds it, every write raises :class:`LockedError` ("These records are open in
another srt-tui window ..."), and reads still work but repair nothing on disk. Taking the lock
also clears the temporary files a killed writer may have left.

Every change is then written to the audit log (:mod:`srt_tui.records.audit`); if that fails,
the change stays saved and the failure is added to ``problems``. Backups
(:mod:`srt_tui.records.backup`) are made by :meth:`RecordStore.backup`, which the app calls
as it starts and, in a worker of its own, after each session ends: ending a session returns
as soon as the session is saved.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from srt_tui.atomic import atomic_write_bytes, remove_file, remove_leftovers
from srt_tui.records import crypto
from srt_tui.records.casefile import (
    CASE_TABLE,
    INDEX_TABLE,
    SESSIONS_TABLE,
    CaseSummary,
    case_from_tables,
    session_from_row,
    summaries_from_tables,
)
from srt_tui.records.lock import LockedError, Owner, writer_lock
from srt_tui.records.storage import (
    AtomicJSONStorage,
    DamagedFileError,
    RecordError,
    os_reason,
    private_folder,
)
from srt_tui.records.validation import validate_alias, validate_ref
from srt_tui.records.values import CaseState, now

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.queries import QueryInstance

    from srt_tui.records.backup import BackupResult
    from srt_tui.records.model import Case, Session

# Opening the records and listing the cases is on the app's way to its first screen, so what
# only backing up and logging need (zipping, hashing, the audit log), and the records model's
# dataclasses (listing reads only index rows), are imported where they are used.

INDEX_NAME = "index.json"
STALE_MARKER = "index.stale"
CASES_DIR = "cases"
BACKUPS_DIR = "backups"  # srt_tui.records.backup.BACKUPS_DIR, named here so opening need not import it

_CASE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


_BACKUP_LOCKS: dict[str, threading.Lock] = {}


def _lock_for(folder: Path) -> threading.RLock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(_folder_key(folder), threading.RLock())


def _backup_lock_for(folder: Path) -> threading.Lock:
    with _LOCKS_GUARD:
        return _BACKUP_LOCKS.setdefault(_folder_key(folder), threading.Lock())


def _folder_key(folder: Path) -> str:
    return os.path.normcase(str(folder.resolve()))


class Deletion(NamedTuple):
    """What :meth:`RecordStore.delete_case` removed, and what it could not."""

    case_id: str
    ref: str
    sessions: int | None  # None when the case file was too damaged to count them
    removed: list[str]  # one line per thing removed
    left: list[str]  # one line per place the case may still be


class RecordStore:
    """Cases and sessions in ``data_dir``. Every method may raise :class:`RecordError`."""

    def __init__(self, data_dir: Path, *, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self.read_only = read_only  # a supervisor's view of imported cases: every write refused
        self.problems: list[str] = []  # what the last call could not read or log, one line each
        self.repairs: list[str] = []  # every repair made since this store opened, one line each
        # Index rows dropped because their case file was gone (no crash explained it), by case id.
        self.vanished: dict[str, CaseSummary] = {}
        self._lock = _lock_for(self.data_dir)
        self._writer = writer_lock(self.data_dir)

    # -- the one-writer lock ----------------------------------------------------------------

    def claim(self) -> Owner | None:
        """Make this process the folder's only writer (idempotent).

        Raises :class:`LockedError` if another srt-tui process has the folder. Returns who
        held it last if that process crashed (its lock was released by the operating system).
        """
        if self.read_only:
            raise RecordError("These records were opened read-only: nothing can be changed here.")
        with self._lock:
            if self._writer.held:
                return None
            crashed = self._writer.acquire()
            for folder in (self.data_dir, self.data_dir / CASES_DIR, self.data_dir / BACKUPS_DIR):
                remove_leftovers(folder)  # no one else can be writing now
                if folder.is_dir():
                    private_folder(folder)
            return crashed

    def close(self) -> None:
        """Release the folder's lock so another process may write it (all stores on this
        folder in this process lose it; the next write takes it again)."""
        with self._lock:
            self._writer.release()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the folder for a change made outside the store's methods (restoring a case
        file from a backup): no save in this process runs meanwhile, and no other process
        may write. Raises :class:`LockedError` if another process has the folder."""
        with self._lock:
            self.claim()
            yield

    def can_write(self) -> bool:
        """True if this process holds the folder's lock, taking it if it is free."""
        with self._lock:
            try:
                self.claim()
            except RecordError:
                return False
            return True

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
        return self._add(case, [], "case_created")

    def update_case(self, case: Case) -> Case:
        """Replace the stored details of an existing case (its sessions are untouched)."""
        case = _checked(case)
        with self._lock:
            self.claim()
            path = self._case_path(case.id)
            stored, sessions = self._load(case.id)
            if stored.ref.casefold() != case.ref.casefold():
                self._refuse_duplicate_ref(case.ref, except_id=case.id)
            with self._index_change():
                with _open(path) as db:
                    table = db.table(CASE_TABLE)
                    table.update(_replace_with(case.to_dict()), doc_ids=[table.all()[0].doc_id])
                self._put_summary(CaseSummary.of(case, sessions))
            before, after = stored.to_dict(), case.to_dict()
            self._log("case_updated", case_id=case.id,
                      changed=sorted(key for key in after if after[key] != before.get(key)))
            return case

    def import_case(self, case: Case, sessions: list[Session]) -> None:
        """Add a case with its sessions, e.g. from a transfer bundle.

        Refused if a case with the same reference (case-insensitive) or the same id exists.
        """
        self._add(case, sessions, "case_imported")

    # -- sessions ---------------------------------------------------------------------------

    def sessions(self, case_id: str) -> list[Session]:
        """The case's sessions, oldest first."""
        with self._lock:
            return self._load(case_id)[1]

    def read_case_file(self, case_id: str) -> tuple[Path, bytes]:
        """A case file's path and plain (opened) bytes, for
        :func:`srt_tui.records.casefile.case_from_bytes` to check and decode elsewhere: a batch
        export decodes in worker processes, which never hold the records' key."""
        with self._lock:
            path = self._case_path(case_id)
            plain = AtomicJSONStorage(path).read_plain() if path.is_file() else None
            if plain is None:
                raise RecordError(f"There is no case with id {case_id} in the records.")
            return path, plain

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
        from srt_tui.records.model import Session

        with self._lock:
            self.claim()
            case, sessions = self._load(case_id)
            if any(not s.ended for s in sessions):
                raise RecordError("A session is already open for this case.")
            session = Session(case_id=case.id, date=date.today(), started_at=now())
            with self._index_change():
                with _open(self._case_path(case.id)) as db:
                    db.table(SESSIONS_TABLE).insert(session.to_dict())
                self._put_summary(CaseSummary.of(case, [*sessions, session]))
            self._log("session_started", case_id=case.id, session_id=session.id)
            if case.state is CaseState.REFERRED:
                self.update_case(replace(case, state=CaseState.ACTIVE, state_date=session.date,
                                         state_reason="First session started"))
            return session.copy()

    def save_session(self, session: Session) -> None:
        """Store the current content of an open session, replacing what was stored."""
        with self._lock:
            self.claim()
            if session.ended:
                raise RecordError("This session has ended: changes are amendments.")
            stored = self._session_doc(session.case_id, session.id)
            if stored.get("ended_at"):
                raise RecordError("This session has ended: changes are amendments.")
            self._write_session(session, stored.doc_id)

    def end_session(self, session: Session) -> Session:
        """Store the session's content and end it now; returns the ended session.

        Makes no backup: the caller backs up afterwards (:meth:`backup`), off the path the
        practitioner waits on, so a backup that fails can never undo or delay the ending.
        """
        with self._lock:
            self.claim()
            stored = self._session_doc(session.case_id, session.id)
            if stored.get("ended_at") or session.ended:
                raise RecordError("This session has already ended.")
            ended = session.copy()
            ended.ended_at = max(now(), ended.started_at)
            with self._index_change():
                self._write_session(ended, stored.doc_id)
                case, sessions = self._load(session.case_id)
                self._put_summary(CaseSummary.of(case, sessions))
            self._log("session_ended", case_id=case.id, session_id=ended.id)
        return ended

    def amend_session(
        self, case_id: str, session_id: str, target: str, value: str, reason: str, by: str = ""
    ) -> Session:
        """Change an ended session's record, keeping the text it replaces and the reason.

        ``target`` is as :class:`~srt_tui.records.model.Target` reads it: ``notes``,
        ``reflections``, ``task_set``, ``task_review``, ``plan_next``, ``notes_practitioner_only``,
        ``exercise:<id>:outcome``, ``exercise:<id>:skip_reason``, ``exercise:<id>:notes``,
        ``exercise:<id>:notes_practitioner_only`` or ``exercise:<id>:answer:<question id>``
        (who may see notes: ``practitioner-only`` or ``shared``). The original fields stay as they were;
        ``Session.effective()`` shows the record with its amendments applied.
        """
        from srt_tui.records.audit import current_user
        from srt_tui.records.model import Amendment, apply_amendment

        if not reason.strip():
            raise RecordError("An amendment needs a reason.")
        with self._lock:
            self.claim()
            doc = self._session_doc(case_id, session_id)
            session = session_from_row(doc, self._case_path(case_id))
            if not session.ended:
                raise RecordError("This session is still open: change it directly, not by amendment.")
            current = session.effective()
            before = _current_value(current, target)
            try:
                apply_amendment(current, target, value)  # refuses a value the field cannot hold
            except ValueError as error:
                raise RecordError(str(error)) from None
            if value == before:
                raise RecordError("That amendment changes nothing: the text is the same.")
            session.amendments.append(
                Amendment(field=target, before=before, after=value, reason=reason.strip(),
                          by=by or current_user())
            )
            self._write_session(session, doc.doc_id)
            self._log("session_amended", case_id=case_id, session_id=session_id, field=target,
                      by=session.amendments[-1].by)
            return session

    # -- deleting and backing up ------------------------------------------------------------

    def delete_case(self, case_id: str, *, from_backups: bool = False) -> Deletion:
        """Remove a case and its sessions from the records; with ``from_backups``, from every
        backup and every damaged copy kept aside too. Returns what was removed.

        A case whose file is damaged can still be deleted (its reference then comes from the
        index). Exports already written are not the store's: they are never touched. A backup
        in progress finishes first, and none starts until the deletion is done, so no backup
        made from records staged before it can bring the case back.
        """
        with _backup_lock_for(self.data_dir), self._lock:  # the same order as backup()
            self.claim()
            path = self._case_path(case_id)
            summary = self._summaries().get(case_id)
            if summary is None and not path.exists():
                raise RecordError(f"There is no case with id {case_id} in the records.")
            try:
                case, sessions = self._load(case_id)
                ref, count = case.ref, len(sessions)
            except DamagedFileError:
                ref, count = (summary.ref if summary else case_id), None
            with self._index_change():
                try:
                    remove_file(path)
                except OSError as error:
                    raise RecordError(f"Could not delete {path}: {os_reason(error)}. Nothing was deleted.") from None
                self._drop_summary(case_id)
            sessions_text = f"{count} session(s)" if count is not None else "its sessions (the file was damaged)"
            deletion = Deletion(case_id, ref, count, removed=[f"case {ref}: its records file {path.name} "
                                                              f"with {sessions_text}"], left=[])
            if self._marker_path.exists():  # the index could not be written: see _index_change
                deletion.left.append("its row in the case list (index.json) could not be removed now; "
                                     "the list leaves it out and is rewritten the next time it is read")
            else:
                deletion.removed.append("its row in the case list (index.json)")
            if from_backups:
                self._delete_copies(case_id, deletion)
            else:
                deletion.left.append("the backups (delete it from them too to remove every copy)")
            self._log("case_deleted", case_id=case_id, sessions=count, from_backups=from_backups)
            return deletion

    def _delete_copies(self, case_id: str, deletion: Deletion) -> None:
        from srt_tui.records import backup as backups

        rewritten, problems = backups.remove_case(self.data_dir, case_id)
        deletion.removed.append(f"it from {len(rewritten)} backup(s)")
        deletion.left.extend(problems)
        aside = self.data_dir / backups.DAMAGED_DIR
        for copy in sorted(aside.glob(f"{case_id}.*")) if aside.is_dir() else []:
            try:
                remove_file(copy)
            except OSError as error:
                deletion.left.append(f"{copy} could not be deleted ({os_reason(error)}): delete it by hand.")
                continue
            deletion.removed.append(f"the damaged copy {copy.name}")
        for index in sorted(self.data_dir.glob("index.damaged-*.json")):
            deletion.left.append(f"{index} is an old damaged index that may still name the case: "
                                 "delete it by hand once no longer needed.")

    def backup(self, reason: str) -> BackupResult:
        """Back up the records now (``reason`` is e.g. ``start`` or ``session-ended``) and keep
        the newest few. Damaged files are left out and reported in ``problems``.

        One backup at a time, from staging to zip (:meth:`delete_case` waits for it too); never
        call this while holding the store's lock."""
        from srt_tui.records import backup as backups

        with _backup_lock_for(self.data_dir):
            with self._lock:  # only staging the files: saves wait milliseconds, not the zip's time
                self.claim()
                raw = backups.read_records(self.data_dir)
            result = backups.make_backup(self.data_dir, reason, raw)
        for member in result.skipped:
            self.problems.append(
                f"{self.data_dir / member} is damaged, so it was not backed up; "
                "no backup will be deleted until it is restored (srt-tui doctor --restore)."
            )
        return result

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
        return case_from_tables(AtomicJSONStorage(path).read() or {}, path, case_id)

    def _session_doc(self, case_id: str, session_id: str) -> Any:
        path = self._case_path(case_id)
        if not path.is_file():
            raise RecordError(f"There is no case with id {case_id} in the records.")
        with _open(path) as db:
            doc = db.table(SESSIONS_TABLE).get(_with_id(session_id))
        if doc is None:
            raise RecordError("That session is not in this case's records.")
        return doc

    def _write_session(self, session: Session, doc_id: int) -> None:
        with _open(self._case_path(session.case_id)) as db:
            db.table(SESSIONS_TABLE).update(_replace_with(session.to_dict()), doc_ids=[doc_id])

    def _add(self, case: Case, sessions: list[Session], event: str) -> Case:
        from srt_tui.records.model import chronological

        case = _checked(case)
        with self._lock:
            self.claim()
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
            ordered = chronological(sessions)
            tables = {
                CASE_TABLE: {"1": case.to_dict()},
                SESSIONS_TABLE: {str(n): s.to_dict() for n, s in enumerate(ordered, start=1)},
            }
            with self._index_change():
                AtomicJSONStorage(path).write(tables)
                self._put_summary(CaseSummary.of(case, ordered))
            self._log(event, case_id=case.id, sessions=len(ordered))
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
            raise RecordError(f"Could not save to {self.data_dir}: {os_reason(error)}. Nothing was changed.") from None
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
                db.table(INDEX_TABLE).upsert(summary.to_row(), _with_id(summary.id))
        except DamagedFileError:
            self._set_aside(self._index_path)
            self._rebuild_index()
        except RecordError as error:
            raise _IndexWriteFailed(str(error)) from None

    def _drop_summary(self, case_id: str) -> None:
        """Remove one case's row from the index (like :meth:`_put_summary`, after the file)."""
        try:
            with _open(self._index_path) as db:
                db.table(INDEX_TABLE).remove(_with_id(case_id))
        except DamagedFileError:
            self._set_aside(self._index_path)
            self._rebuild_index()
        except RecordError as error:
            raise _IndexWriteFailed(str(error)) from None

    def _summaries(self) -> dict[str, CaseSummary]:
        """The index rows by case id, repaired first if they are stale, missing or damaged.

        Repairs are written only if this process may write the folder; otherwise they are
        made in memory and the folder is left as it is.
        """
        crypto.require_key(self.data_dir)  # locked records are not "no cases"
        if self._marker_path.exists():
            return self._rebuild_index(write=self.can_write())
        try:
            index = self._read_index()
        except DamagedFileError as error:
            if not self.can_write():
                self.problems.append(str(error))
                return self._rebuild_index(write=False)
            self._set_aside(self._index_path)
            return self._rebuild_index()
        except RecordError:
            return self._rebuild_index(write=False)
        on_disk = self._case_ids_on_disk()
        if index is None:
            return self._rebuild_index(write=self.can_write()) if on_disk else {}
        orphans = index.keys() - on_disk
        missing = on_disk - index.keys()
        for case_id in orphans:
            self.vanished[case_id] = index.pop(case_id)
        added = self._read_summaries(sorted(missing))
        index.update(added)
        if (orphans or added) and self.can_write():
            self._write_index(index)
        return index

    def _read_index(self) -> dict[str, CaseSummary] | None:
        if not self._index_path.exists():
            return None
        return summaries_from_tables(AtomicJSONStorage(self._index_path).read() or {}, self._index_path)

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
        repair = f"The case index {path} was damaged: kept as {target.name} and rebuilt."
        self.problems.append(repair)
        self.repairs.append(repair)


    def _log(self, event: str, **fields: Any) -> None:
        """Add ``event`` to the audit log; the change is saved already, so a failure is only
        reported in ``problems``."""
        from srt_tui.records.audit import record_event

        try:
            record_event(self.data_dir, event, **fields)
        except RecordError as error:
            self.problems.append(str(error))


class _IndexWriteFailed(RecordError):
    """The case file was saved but the index was not; the stale marker stays."""


def _open(path: Path) -> TinyDB:
    """A TinyDB on one records file, for one operation (holds no file open). TinyDB is
    imported on the first write or session read, not on the app's way to its first screen
    (listing cases reads the index without it)."""
    from tinydb import TinyDB

    return TinyDB(path, storage=AtomicJSONStorage)


def _with_id(record_id: str) -> QueryInstance:
    """TinyDB's condition for the document whose ``id`` is ``record_id``."""
    from tinydb import Query

    return Query().id == record_id


def _replace_with(row: dict[str, Any]) -> Any:
    """A TinyDB update that replaces a whole document (``update`` alone would merge)."""

    def transform(document: dict[str, Any]) -> None:
        document.clear()
        document.update(row)

    return transform


def _checked(case: Case) -> Case:
    try:
        return replace(case, ref=validate_ref(case.ref), alias=validate_alias(case.alias))
    except ValueError as error:
        raise RecordError(str(error)) from None


def _current_value(session: Session, target: str) -> str:
    """What ``target`` says now in an (effective) session; RecordError if it names nothing."""
    from srt_tui.records.targets import read_target

    try:
        return read_target(session, target)
    except ValueError:
        raise RecordError(f"{target!r} is not something a session amendment can change.") from None


__all__ = ["CaseSummary", "Deletion", "LockedError", "RecordError", "RecordStore"]
