"""``srt-tui doctor``: look over a records folder and a content pack, and say in plain words
what is wrong and what to do; ``--restore`` puts damaged case files back from a backup.

Checking changes nothing on disk (it does not even repair the index, as opening the records
would). Each finding is one line: ``ok``, ``note`` (worth knowing, nothing to do) or
``problem`` (something is damaged or missing; the line says what to do).

Restoring needs the records to be closed everywhere else. A damaged case file is never
overwritten: it is moved to ``damaged/`` first, then the newest backup's good copy takes its
place, and the audit log records it. Anything saved to that case after the backup was made
is only in the damaged copy, so the message says when the backup was made.

The app uses the same rules: :func:`start_checks` as it opens the records (and
:func:`find_damage` in read-only mode or when asked from the palette) lists the damaged and
missing case files as :class:`Damage`, and :func:`restore_cases` puts back the ones the
practitioner chooses to restore, inside the running app.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from srt_tui.atomic import atomic_write_bytes, leftovers
from srt_tui.records import backup as backups
from srt_tui.records.audit import AUDIT_NAME, read_events, record_event
from srt_tui.records.casefile import CaseSummary, case_from_tables, summaries_from_tables
from srt_tui.records.crypto import sealer_for
from srt_tui.records.lock import lock_state
from srt_tui.records.storage import AtomicJSONStorage, DamagedFileError, RecordError, decode_tables, os_reason
from srt_tui.records.store import CASES_DIR, INDEX_NAME, STALE_MARKER, RecordStore

_CASE_FILE = re.compile(r"([A-Za-z0-9_-]{1,64})\.json")


@dataclass
class Report:
    lines: list[tuple[str, str]] = field(default_factory=list)  # (ok | note | problem, text)

    def ok(self, text: str) -> None:
        self.lines.append(("ok", text))

    def note(self, text: str) -> None:
        self.lines.append(("note", text))

    def problem(self, text: str) -> None:
        self.lines.append(("problem", text))

    @property
    def problems(self) -> int:
        return sum(1 for level, _ in self.lines if level == "problem")

    def render(self) -> list[str]:
        return [f"{level}: {text}" for level, text in self.lines]


@dataclass(frozen=True)
class Damage:
    """One case whose records file cannot be used, and the newest backup that can put it back."""

    case_id: str
    ref: str | None  # from the case list, else from the backup's copy; None if neither has it
    path: Path  # where the case file is, or was
    problem: str  # what is wrong, in a few plain words: "missing", "damaged (not valid JSON)"
    copy: backups.Backup | None  # the newest backup holding a good copy; None if none does

    @property
    def name(self) -> str:
        return f"case {self.ref}" if self.ref is not None else f"the case in {self.path.name}"


@dataclass
class StartReport:
    messages: list[str] = field(default_factory=list)  # to show as they are, one sentence each
    damage: list[Damage] = field(default_factory=list)  # case files to offer to restore


@dataclass
class _CaseFiles:
    good: dict[str, CaseSummary] = field(default_factory=dict)
    damaged: dict[str, str] = field(default_factory=dict)  # case id -> why


def check(data_dir: Path, pack_dir: Path | None = None) -> Report:
    """Everything ``srt-tui doctor`` reports about ``data_dir`` (and the pack, if given)."""
    report = Report()
    data_dir = Path(data_dir)
    if not data_dir.exists():
        report.ok(f"There are no records yet in {data_dir}: the folder is made on the first save.")
    elif not data_dir.is_dir():
        report.problem(f"{data_dir} is a file, not a folder: records cannot be kept there.")
    else:
        try:
            _check_records(data_dir, report)
        except (OSError, RecordError) as error:
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            report.problem(f"The records folder {data_dir} cannot be read: {reason}")
    if pack_dir is not None:
        _check_pack(pack_dir, report)
    return report


def restore(data_dir: Path) -> Report:
    """Put back every damaged or missing case file from the newest backup with a good copy.

    Raises :class:`RecordError` (e.g. :class:`LockedError`) if the records cannot be written.
    """
    report = Report()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        report.ok(f"There are no records in {data_dir}: nothing to restore.")
        return report
    store = RecordStore(data_dir)
    with store.writing():
        index = _index_rows(data_dir)
        files = _case_files(data_dir)
        stale = (data_dir / STALE_MARKER).exists()
        missing = set() if stale else set(index) - set(files.good) - set(files.damaged)
        names = {case_id: f"case {index[case_id].ref}" if case_id in index else f"case id {case_id}"
                 for case_id in set(files.damaged) | missing}
        _restore_all(store, sorted(names.items()), report)
    if not report.lines:
        report.ok("Nothing needed restoring.")
    return report


def restore_cases(store: RecordStore, damage: Sequence[Damage]) -> Report:
    """Put back each case in ``damage`` from the newest backup with a good copy, as
    ``srt-tui doctor --restore`` does, inside the running app: the store's saves wait
    meanwhile, and the case list is brought up to date after.

    Raises :class:`RecordError` (e.g. :class:`LockedError`) if the records cannot be written.
    """
    report = Report()
    with store.writing():
        _restore_all(store, [(item.case_id, item.name) for item in damage], report)
    return report


def start_checks(store: RecordStore) -> StartReport:
    """What the app does as it opens the records: a backup, then what is wrong with them.

    Backing up reads every file anyway, so the damaged case files are the ones it left out;
    missing ones are those the case list named but whose file was gone (``store.vanished``).
    """
    report = StartReport()
    try:
        store.list_cases()  # repairs a damaged or stale index first, so the backup holds a good one
        report.messages += store.repairs  # the case list may have made them before this ran
        result = store.backup("start")
    except RecordError as error:
        report.messages.append(f"No backup was made as the app started: {error}")
        return report
    damaged: dict[str, str] = {}
    for member in result.skipped:
        name = Path(member)
        if not member.startswith(backups.CASES_MEMBER):
            report.messages.append(f"The records file {name.name} is damaged, so it was left out of the "
                                   "backup. Run srt-tui doctor for details.")
        elif (why := _why_damaged(store.data_dir, name.stem)) is not None:
            damaged[name.stem] = why
    report.damage = _described(store, damaged)
    return report


def find_damage(store: RecordStore) -> list[Damage]:
    """The case files that are damaged or missing now. Reads every case file (about a second
    at 1,000 cases) and writes nothing a read-only store may not; for a check on request or
    in read-only mode, where no backup is made to find them."""
    return _described(store, _case_files(store.data_dir).damaged)


# -- checking ---------------------------------------------------------------------------------


def _check_records(data_dir: Path, report: Report) -> None:
    _check_lock(data_dir, report)
    index = _check_index(data_dir, report)
    files = _case_files(data_dir)
    stale = (data_dir / STALE_MARKER).exists()
    for case_id, why in sorted(files.damaged.items()):
        summary = index.get(case_id) if index else None
        name = f"case {summary.ref}" if summary else f"case id {case_id}"
        copy = backups.good_copy(data_dir, f"{backups.CASES_MEMBER}{case_id}.json")
        fix = (f"run srt-tui doctor --restore to put back the copy from {copy[0].describe()}"
               if copy else "no backup holds a good copy; keep the file for recovery by hand")
        report.problem(f"The file of {name} ({data_dir / CASES_DIR / (case_id + '.json')}) is damaged: "
                       f"{why}. It has been left untouched; {fix}.")
    if index is not None and not stale:
        on_disk = set(files.good) | set(files.damaged)
        for case_id in sorted(set(index) - on_disk):
            copy = backups.good_copy(data_dir, f"{backups.CASES_MEMBER}{case_id}.json")
            fix = (f"run srt-tui doctor --restore to put back the copy from {copy[0].describe()}"
                   if copy else "no backup holds a copy")
            report.problem(f"Case {index[case_id].ref} is in the case list but its file is missing; {fix}.")
        unlisted = sorted(set(files.good) - set(index))
        if unlisted:
            report.note(f"{len(unlisted)} case file(s) are not in the case list yet; "
                        "they are added the next time the records are opened.")
    report.ok(f"{len(files.good)} case file(s) read cleanly in {data_dir}.")
    _check_leftovers(data_dir, report)
    _check_kept_aside(data_dir, report)
    _check_backups(data_dir, report, has_records=bool(files.good or files.damaged))
    _check_audit(data_dir, report)


def _check_lock(data_dir: Path, report: Report) -> None:
    state = lock_state(data_dir)
    if state.held:
        who = state.owner.describe() if state.owner else "another process"
        report.note(f"The records are open in srt-tui now ({who}). Close it before restoring anything.")
    elif state.crashed and state.owner:
        report.note(f"The last srt-tui to open these records ({state.owner.describe()}) did not close "
                    "normally. Its lock was released when it ended; nothing to do.")
    else:
        report.ok("The records are not open in another srt-tui window.")


def _check_index(data_dir: Path, report: Report) -> dict[str, CaseSummary] | None:
    path = data_dir / INDEX_NAME
    if (data_dir / STALE_MARKER).exists():
        report.note("The case list (index.json) was being updated when srt-tui last stopped; "
                    "it is rebuilt from the case files the next time the records are opened.")
    if not path.exists():
        if (data_dir / CASES_DIR).is_dir():
            report.note("The case list (index.json) is missing; it is rebuilt from the case files "
                        "the next time the records are opened.")
        return None
    try:
        index = summaries_from_tables(AtomicJSONStorage(path).read() or {}, path)
    except DamagedFileError as error:
        report.problem(f"{error} srt-tui keeps it aside and rebuilds it from the case files the next "
                       "time the records are opened (or run srt-tui doctor --restore now).")
        return None
    report.ok(f"The case list (index.json) lists {len(index)} case(s).")
    return index


def _case_files(data_dir: Path) -> _CaseFiles:
    files = _CaseFiles()
    folder = data_dir / CASES_DIR
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return files
    for name in names:
        match = _CASE_FILE.fullmatch(name)
        if not match:
            continue
        path = folder / name
        try:
            case, sessions = case_from_tables(AtomicJSONStorage(path).read() or {}, path, match[1])
        except DamagedFileError as error:
            files.damaged[match[1]] = error.detail
            continue
        files.good[case.id] = CaseSummary.of(case, sessions)
    return files


def _check_leftovers(data_dir: Path, report: Report) -> None:
    found = [p for folder in (data_dir, data_dir / CASES_DIR, backups.backups_dir(data_dir))
             for p in leftovers(folder)]
    if found:
        report.note(f"{len(found)} unfinished temporary file(s) from an interrupted save; the records "
                    "are whole, and srt-tui deletes these the next time it opens the records.")


def _check_kept_aside(data_dir: Path, report: Report) -> None:
    aside = sorted(data_dir.glob("index.damaged-*.json"))
    damaged_dir = data_dir / backups.DAMAGED_DIR
    if damaged_dir.is_dir():
        aside += sorted(p for p in damaged_dir.iterdir() if p.is_file())
    if aside:
        report.note(f"{len(aside)} damaged file(s) are kept aside for recovery by hand "
                    f"({', '.join(p.name for p in aside[:3])}{', ...' if len(aside) > 3 else ''}); "
                    "delete them once they are no longer needed.")


def _check_backups(data_dir: Path, report: Report, has_records: bool) -> None:
    found = backups.list_backups(data_dir)
    if not found:
        if has_records:
            report.note("There are no backups yet; one is made each time srt-tui starts and each "
                        "time a session ends.")
        return
    broken = [problem for backup in found if (problem := backups.check_backup(backup))]
    for problem in broken:
        report.problem(f"Backup {problem} Delete it; the other backups are not affected.")
    report.ok(f"{len(found) - len(broken)} backup(s) read back whole; the newest is "
              f"{found[0].describe()}.")


def _check_audit(data_dir: Path, report: Report) -> None:
    if not (data_dir / AUDIT_NAME).exists():
        return
    log = read_events(data_dir)
    if log.bad_lines:
        report.note(f"{len(log.bad_lines)} line(s) of the audit log cannot be read (line "
                    f"{', '.join(map(str, log.bad_lines[:5]))}); usually a line cut short by a crash. "
                    "The other events are intact.")
    report.ok(f"The audit log holds {len(log.events)} event(s).")


def _check_pack(pack_dir: Path, report: Report) -> None:
    from srt_tui.content.check import check_pack

    problems = check_pack(pack_dir)
    for problem in problems:
        report.problem(f"Content pack: {problem}")
    if not problems:
        report.ok(f"The content pack in {pack_dir} is valid.")


# -- restoring --------------------------------------------------------------------------------


def _described(store: RecordStore, damaged: dict[str, str]) -> list[Damage]:
    """``damaged`` (case id -> why) and the vanished case files as :class:`Damage`, each with
    its case reference and the newest backup holding a good copy."""
    data_dir = store.data_dir
    listed = store.list_cases()  # first: it finds the files gone since the index was written
    known = {summary.id: summary.ref for summary in (*store.vanished.values(), *listed)}
    found = [(case_id, f"damaged ({why})") for case_id, why in sorted(damaged.items())]
    found += [(case_id, "missing") for case_id in sorted(store.vanished)
              if case_id not in damaged and not _case_path(data_dir, case_id).exists()]
    described = []
    for case_id, problem in found:
        member = f"{backups.CASES_MEMBER}{case_id}.json"
        copy = backups.good_copy(data_dir, member)
        ref = known.get(case_id) or (_ref_in(data_dir, member, copy[1]) if copy else None)
        described.append(Damage(case_id, ref, _case_path(data_dir, case_id), problem, copy[0] if copy else None))
    return described


def _why_damaged(data_dir: Path, case_id: str) -> str | None:
    """Why a case file cannot be read, or None if it reads cleanly (or is gone) now."""
    path = _case_path(data_dir, case_id)
    try:
        tables = AtomicJSONStorage(path).read()
        if tables is not None:
            case_from_tables(tables, path, case_id)
    except DamagedFileError as error:
        return error.detail
    except RecordError:
        pass  # unreadable for another reason (permissions): not damage to restore
    return None


def _ref_in(data_dir: Path, member: str, data: bytes) -> str | None:
    """The case reference in a backup's good copy of a case file."""
    try:
        case, _ = case_from_tables(decode_tables(sealer_for(data_dir).open(data)), Path(member))
    except (ValueError, RecordError):
        return None
    return case.ref


def _case_path(data_dir: Path, case_id: str) -> Path:
    return data_dir / CASES_DIR / f"{case_id}.json"


def _restore_all(store: RecordStore, cases: Iterable[tuple[str, str]], report: Report) -> None:
    """Restore each (case id, name) in ``cases``; the caller holds ``store.writing()``."""
    for case_id, name in cases:
        try:
            _restore_case(store.data_dir, case_id, name, report)
        except OSError as error:
            report.problem(f"Could not restore {name}: {os_reason(error)}. Its file was left as it was.")
    store.list_cases()  # rebuilds the index if it was damaged, stale or out of step
    for problem in store.problems:
        report.note(problem)


def _restore_case(data_dir: Path, case_id: str, name: str, report: Report) -> None:
    path = _case_path(data_dir, case_id)
    copy = backups.good_copy(data_dir, f"{backups.CASES_MEMBER}{case_id}.json")
    if copy is None:
        report.problem(f"The file of {name} is damaged or missing and no backup holds a good copy; "
                       f"it was left as it is ({path}).")
        return
    backup, data = copy
    kept = ""
    if path.exists():  # copied aside before it is replaced: a failure here changes nothing
        aside = data_dir / backups.DAMAGED_DIR / f"{case_id}.{_stamp()}.json"
        atomic_write_bytes(aside, path.read_bytes())
        kept = f" The damaged file is kept as {aside}: anything saved after the backup is only there."
    (data_dir / STALE_MARKER).touch()
    atomic_write_bytes(path, data)
    try:
        record_event(data_dir, "case_restored", case_id=case_id, backup=backup.path.name)
    except RecordError as error:
        report.note(str(error))
    report.ok(f"Restored {name} from {backup.describe()}.{kept}")


def _index_rows(data_dir: Path) -> dict[str, CaseSummary]:
    path = data_dir / INDEX_NAME
    try:
        return summaries_from_tables(AtomicJSONStorage(path).read() or {}, path)
    except RecordError:
        return {}


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
