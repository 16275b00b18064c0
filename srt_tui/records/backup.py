"""Rotating backups of the records, and the places damaged files are kept.

A backup is one zip file, ``data_dir/backups/backup-<UTC time>-<reason>.zip``, written
atomically (a crash leaves no half backup under that name). It holds the index, every case
file that reads cleanly, the audit log and a ``manifest.json`` (when, why, a SHA-256 for each
file, and which damaged files were left out). Backups are made when the app starts and when
a session ends; the newest :data:`KEEP` are kept. A backup that would hold exactly what the
newest one holds is not made, so the ones kept are all different (ten restarts in a day do
not push out last week's records).

Rules that protect a damaged file's last good copy:

* A damaged case file is never put into a backup, so backups only ever hold good copies.
* While any records file is damaged, no backup is deleted, however many are made: the newest
  good copy of that file can never rotate away before someone restores it.

Files are copied byte for byte, so when records are encrypted at rest (:mod:`srt_tui.records.crypto`)
their copies in a backup are too; checking a copy opens it with the folder's key. Callers hold the store's locks (see :meth:`RecordStore.backup`).

One backup at a time, across processes: checking, zipping and rotating happen only while
holding ``srt-tui.backup.lock`` (:func:`one_backup_at_a_time`). Plain records larger than
:data:`OWN_PROCESS_BYTES` are checked and zipped in a process of their own
(:mod:`srt_tui.records.backup_process`): about a second of work at an office's caseload then
runs on another core instead of holding up the app's interpreter.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srt_tui import __version__
from srt_tui.atomic import atomic_writer
from srt_tui.records.audit import AUDIT_NAME
from srt_tui.records.crypto import Sealer, sealer_for
from srt_tui.records.casefile import INDEX_TABLE, case_from_tables, summaries_from_tables
from srt_tui.records.storage import (
    DamagedFileError,
    RecordError,
    decode_tables,
    encode_tables,
    os_reason,
    private_folder,
)

BACKUPS_DIR = "backups"
DAMAGED_DIR = "damaged"
KEEP = 10
MANIFEST = "manifest.json"
INDEX_MEMBER = "index.json"
CASES_MEMBER = "cases/"
STAGING_PREFIX = ".staging-"  # + pid: the files of one backup in progress, in the backups folder
LOCK_NAME = "srt-tui.backup.lock"  # in the records folder: held by whoever is making a backup
LOCK_WAIT = 120.0  # seconds to wait for another backup of the same records to finish
OWN_PROCESS_BYTES = 2 * 1024 * 1024  # plain records larger than this are backed up in a process of their own

_NAME = re.compile(r"backup-(\d{8}T\d{12}Z)-([a-z-]+)(?:-\d+)?\.zip")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str

    def describe(self) -> str:
        return f"the backup of {self.made_at.astimezone():%Y-%m-%d %H:%M} ({self.path.name})"


@dataclass
class BackupResult:
    backup: Backup  # the new backup, or the newest one if nothing had changed since
    skipped: list[str] = field(default_factory=list)  # damaged files left out, as named in the zip
    removed: list[Path] = field(default_factory=list)  # older backups rotated out
    unchanged: bool = False  # nothing changed since the newest backup, so none was made


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups in ``data_dir``, newest first (files not named like a backup are ignored)."""
    found = []
    try:
        paths = list(backups_dir(data_dir).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise RecordError(f"Cannot read the backups folder {backups_dir(data_dir)}: {os_reason(error)}.") from None
    for path in paths:
        match = _NAME.fullmatch(path.name)
        if match and path.is_file():
            made_at = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(path, made_at, match[2]))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def make_backup(data_dir: Path, reason: str, raw: Mapping[str, bytes] | None = None,
                keep: int = KEEP) -> BackupResult:
    """Back up the records in ``data_dir`` (or ``raw``, as :func:`read_records` staged them;
    its staging folder is removed here), then delete all but the newest ``keep`` backups.

    Files are checked, hashed and zipped one at a time, so memory does not grow with the
    records: a staged caseload of 40 MB is never in memory at once. Staged plain records
    over :data:`OWN_PROCESS_BYTES` are backed up by another process, while this thread waits."""
    data_dir = Path(data_dir)
    staged = read_records(data_dir) if raw is None else raw
    try:
        if isinstance(staged, StagedRecords) and _worth_its_own_process(data_dir, staged):
            from srt_tui.records.backup_process import make_backup_elsewhere

            made = make_backup_elsewhere(data_dir, reason, staged, keep)
            if made is not None:
                return made
        return zip_staged(data_dir, reason, staged, keep)
    finally:
        if isinstance(staged, StagedRecords):
            staged.discard()


def zip_staged(data_dir: Path, reason: str, staged: Mapping[str, bytes], keep: int = KEEP) -> BackupResult:
    """Check, hash and zip the staged files and rotate, in this process, one backup at a time."""
    with one_backup_at_a_time(data_dir):
        return _make_backup(Path(data_dir), reason, staged, keep)


@contextmanager
def one_backup_at_a_time(data_dir: Path, wait: float | None = None) -> Iterator[bool]:
    """Hold the backups' lock (an operating-system lock, as for writing the records), so no
    other process or thread makes a backup of these records meanwhile.

    With ``wait=0``, yields False at once instead of waiting if another backup holds it."""
    import filelock

    folder = Path(data_dir)
    try:
        private_folder(folder)
        lock = filelock.FileLock(folder / LOCK_NAME, timeout=LOCK_WAIT if wait is None else wait,
                                 thread_local=False, mode=0o600)
        lock.acquire()
    except filelock.Timeout:
        if wait == 0:
            yield False
            return
        raise RecordError("Another backup of these records has been running for minutes; "
                          "this one was not made.") from None
    except OSError as error:
        raise RecordError(f"Cannot prepare a backup in {folder}: {os_reason(error)}.") from None
    try:
        yield True
    finally:
        lock.release()


def _worth_its_own_process(data_dir: Path, staged: StagedRecords) -> bool:
    """Large plain records. Encrypted ones stay here: their key never leaves this process."""
    return not sealer_for(data_dir).encrypted and staged.size() > OWN_PROCESS_BYTES


def _make_backup(data_dir: Path, reason: str, staged: Mapping[str, bytes], keep: int) -> BackupResult:
    files, skipped = _good_members(staged, sealer_for(data_dir))
    newest = next(iter(list_backups(data_dir)), None)
    if newest is not None and _manifest(newest).get("files") == files:
        return BackupResult(newest, skipped=skipped, unchanged=True)
    made_at = datetime.now(UTC)
    target = _free_name(data_dir, made_at, reason)
    manifest = {
        "format": 1,
        "made_at": made_at.isoformat(),
        "reason": reason,
        "app_version": __version__,
        "files": files,
        "skipped": skipped,
    }
    try:
        private_folder(target.parent)
        with atomic_writer(target) as stream:
            _write_zip(stream, _Checked(staged, files), manifest)
    except OSError as error:
        raise RecordError(f"Could not make a backup in {target.parent}: {os_reason(error)}.") from None
    result = BackupResult(Backup(target, made_at, reason), skipped=skipped)
    if not skipped:
        result.removed = _rotate(data_dir, keep)
    return result


def check_backup(backup: Backup) -> str | None:
    """None if the backup can be read back whole, else one sentence saying why not."""
    try:
        with zipfile.ZipFile(backup.path) as archive:
            broken = archive.testzip()
            if broken is not None:
                return f"{backup.path.name} is damaged ({broken} does not match its checksum)."
            json.loads(archive.read(MANIFEST))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        return f"{backup.path.name} cannot be read ({error.__class__.__name__})."
    return None


def good_copy(data_dir: Path, member: str) -> tuple[Backup, bytes] | None:
    """The newest backup holding a readable copy of ``member`` (``index.json`` or
    ``cases/<id>.json``), with that copy's bytes; None if no backup has one."""
    sealer = sealer_for(data_dir)
    for backup in list_backups(data_dir):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                data = archive.read(member)
        except (OSError, zipfile.BadZipFile, KeyError, EOFError):
            continue
        if _problem(member, data, sealer) is None:
            return backup, data
    return None


def holding(data_dir: Path, case_id: str) -> list[Backup]:
    """The backups holding the case (its file or its row in the index), newest first: those
    :func:`remove_case` rewrites. A backup that cannot be read counts, as it may hold it."""
    member = f"{CASES_MEMBER}{case_id}.json"
    sealer = sealer_for(data_dir)
    found = []
    for backup in list_backups(data_dir):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                names = set(archive.namelist())
                held = member in names or (INDEX_MEMBER in names and
                                           case_id in _index_ids(archive.read(INDEX_MEMBER), sealer))
        except (OSError, zipfile.BadZipFile, KeyError, EOFError):
            held = True
        if held:
            found.append(backup)
    return found


def remove_case(data_dir: Path, case_id: str) -> tuple[list[Path], list[str]]:
    """Take one case out of every backup: its case file and its index row.

    Returns the backups rewritten, and one sentence for each backup that could not be
    changed (those still hold the case and must be deleted by hand). Waits for a backup
    being made by another process, so none made from older records appears afterwards.
    """
    member = f"{CASES_MEMBER}{case_id}.json"
    rewritten, problems = [], []
    with one_backup_at_a_time(data_dir):  # a backup process of a crashed app may still be zipping
        for backup in list_backups(data_dir):
            try:
                with zipfile.ZipFile(backup.path) as archive:
                    members = {info.filename: archive.read(info) for info in archive.infolist()}
            except (OSError, zipfile.BadZipFile, EOFError) as error:
                problems.append(f"{backup.path} cannot be read ({error.__class__.__name__}) and may still "
                                "hold the case: delete it by hand.")
                continue
            index_changed = _drop_index_row(members, case_id, sealer_for(data_dir))
            if members.pop(member, None) is None and not index_changed:
                continue
            try:
                manifest = json.loads(members.pop(MANIFEST, b"{}"))
            except ValueError:
                manifest = {}
            manifest = manifest if isinstance(manifest, dict) else {}
            manifest["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
            try:
                with atomic_writer(backup.path) as stream:
                    _write_zip(stream, members, manifest)
            except OSError as error:
                problems.append(f"{backup.path} could not be rewritten ({os_reason(error)}) and still "
                                "holds the case: delete it by hand.")
                continue
            rewritten.append(backup.path)
    return rewritten, problems

def _manifest(backup: Backup) -> dict[str, Any]:
    """The backup's manifest, or {} if it cannot be read."""
    try:
        with zipfile.ZipFile(backup.path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


class StagedRecords(Mapping[str, bytes]):
    """The records files as they were at one moment, kept in a staging folder until the
    backup is made; each file is read only when asked for, so at most one is in memory.

    Case files and the index are hard links: the store replaces a file (a new file renamed
    over the old, :mod:`srt_tui.atomic`) and never changes one in place, so a link keeps the
    staged version as it was. The audit log grows in place, so it is copied; so is every
    file on Windows (an open link would block the store's rename of that file) and where
    the disk has no hard links.
    """

    def __init__(self, folder: Path, paths: dict[str, Path]) -> None:
        self.folder = folder
        self._paths = paths

    @property
    def paths(self) -> dict[str, Path]:
        """Where each staged file is, by its name in the zip."""
        return dict(self._paths)

    def size(self) -> int:
        """The staged files' bytes, all told."""
        total = 0
        for path in self._paths.values():
            try:
                total += path.stat().st_size
            except OSError:
                pass  # reading it will say what is wrong
        return total

    def __getitem__(self, member: str) -> bytes:
        path = self._paths[member]
        try:
            return path.read_bytes()
        except OSError as error:
            raise RecordError(f"Cannot read {path} to back it up: {os_reason(error)}.") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def read_records(data_dir: Path) -> StagedRecords:
    """Every records file worth backing up, by its name in the zip, as it is now.

    Only links or copies files into a staging folder: the caller holds the store's lock for
    this part alone, so saves are held up for milliseconds, not for checking and compressing.
    The caller must pass the result to :func:`make_backup`, which removes the folder.
    """
    data_dir = Path(data_dir)
    candidates = [(INDEX_MEMBER, data_dir / "index.json")]
    cases = data_dir / "cases"
    try:
        names = sorted(p.name for p in cases.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
    except FileNotFoundError:
        names = []
    except OSError as error:
        raise RecordError(f"Cannot read the records folder {cases}: {os_reason(error)}.") from None
    candidates += [(f"{CASES_MEMBER}{name}", cases / name) for name in names]
    candidates.append((AUDIT_NAME, data_dir / AUDIT_NAME))
    folder = _staging_folder(data_dir)
    paths: dict[str, Path] = {}
    try:
        for number, (member, path) in enumerate(candidates):
            copy = folder / f"{number}.json"
            try:
                _stage(path, copy, link=member != AUDIT_NAME)
            except FileNotFoundError:
                continue
            except OSError as error:
                raise RecordError(f"Cannot read {path} to back it up: {os_reason(error)}.") from None
            paths[member] = copy
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StagedRecords(folder, paths)


def _staging_folder(data_dir: Path) -> Path:
    """A new, empty staging folder; those of crashed processes are removed first.

    Only the folder's one writer stages backups, so another process's staging folder is a
    leftover, unless a backup is being made from it right now: a backup process can outlive
    the app that staged its files, if the app was killed. So leftovers are removed only
    while no backup is being made."""
    parent = backups_dir(data_dir)
    try:
        private_folder(parent)
        mine = f"{STAGING_PREFIX}{os.getpid()}-"
        with one_backup_at_a_time(data_dir, wait=0) as no_backup_running:
            for old in parent.glob(f"{STAGING_PREFIX}*") if no_backup_running else ():
                if old.is_dir() and not old.name.startswith(mine):
                    shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=mine, dir=parent))
    except OSError as error:
        raise RecordError(f"Cannot prepare a backup in {parent}: {os_reason(error)}.") from None


def _stage(path: Path, copy: Path, *, link: bool) -> None:
    if link and os.name != "nt":
        try:
            os.link(path, copy)
            return
        except FileNotFoundError:
            raise
        except OSError:
            pass  # no hard links on this disk: copy instead
    shutil.copyfile(path, copy)


def _good_members(staged: Mapping[str, bytes], sealer: Sealer) -> tuple[dict[str, str], list[str]]:
    """The SHA-256 of each file to back up, and the damaged files, left out; reads one file
    at a time."""
    files: dict[str, str] = {}
    skipped: list[str] = []
    for member in staged:
        data = staged[member]
        if member == AUDIT_NAME or _problem(member, data, sealer) is None:
            files[member] = hashlib.sha256(data).hexdigest()
        else:
            skipped.append(member)
    return files, skipped


class _Checked(Mapping[str, bytes]):
    """The good files of ``staged``, each read again as it is zipped and checked against the
    hash taken when it was checked: a file that changed since is never put in a backup."""

    def __init__(self, staged: Mapping[str, bytes], files: dict[str, str]) -> None:
        self._staged = staged
        self._files = files

    def __getitem__(self, member: str) -> bytes:
        data = self._staged[member]
        if hashlib.sha256(data).hexdigest() != self._files[member]:
            raise RecordError(f"{member} changed while it was being backed up; no backup was made.")
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _problem(member: str, data: bytes, sealer: Sealer) -> str | None:
    """Why the copy of ``member`` in ``data`` is not good records, or None if it is.

    Raises :class:`~srt_tui.records.crypto.PassphraseNeeded` for a sealed copy while the
    records are locked: that is not damage."""
    where = Path(member)
    try:
        tables = decode_tables(sealer.open(data))
        if member == INDEX_MEMBER:
            summaries_from_tables(tables, where)
        else:
            case_from_tables(tables, where, case_id=where.stem)
    except ValueError as error:
        return str(error)
    except DamagedFileError as error:
        return str(error)
    return None


def _index_ids(data: bytes, sealer: Sealer) -> set[str]:
    """The case ids in a backup's index; none if it cannot be read."""
    try:
        tables = decode_tables(sealer.open(data))
    except ValueError:
        return set()
    return {str(row.get("id")) for row in tables.get(INDEX_TABLE, {}).values()}


def _drop_index_row(members: dict[str, bytes], case_id: str, sealer: Sealer) -> bool:
    if INDEX_MEMBER not in members:
        return False
    try:
        tables = decode_tables(sealer.open(members[INDEX_MEMBER]))
    except ValueError:
        return False
    rows = tables.get(INDEX_TABLE, {})
    kept = {key: row for key, row in rows.items() if row.get("id") != case_id}
    if len(kept) == len(rows):
        return False
    tables[INDEX_TABLE] = kept
    members[INDEX_MEMBER] = sealer.seal(encode_tables(tables))
    return True


def _write_zip(stream: Any, members: Mapping[str, bytes], manifest: dict[str, Any]) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))


def _free_name(data_dir: Path, made_at: datetime, reason: str) -> Path:
    folder = backups_dir(data_dir)
    stem = f"backup-{made_at.strftime(_STAMP)}-{reason}"
    target, number = folder / f"{stem}.zip", 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}.zip"
    return target


def _rotate(data_dir: Path, keep: int) -> list[Path]:
    removed = []
    for backup in list_backups(data_dir)[keep:]:
        try:
            backup.path.unlink()
        except OSError:
            continue  # tried again after the next backup
        removed.append(backup.path)
    return removed
