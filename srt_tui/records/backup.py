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

Files are copied byte for byte, so when records are encrypted at rest their backups will be
too. Callers hold the store's locks (see :meth:`RecordStore.backup`).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srt_tui import __version__
from srt_tui.atomic import atomic_writer
from srt_tui.records.audit import AUDIT_NAME
from srt_tui.records.casefile import INDEX_TABLE, case_from_tables, summaries_from_tables
from srt_tui.records.storage import DamagedFileError, RecordError, decode_tables, os_reason

BACKUPS_DIR = "backups"
DAMAGED_DIR = "damaged"
KEEP = 10
MANIFEST = "manifest.json"
INDEX_MEMBER = "index.json"
CASES_MEMBER = "cases/"

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


def make_backup(data_dir: Path, reason: str, raw: dict[str, bytes] | None = None,
                keep: int = KEEP) -> BackupResult:
    """Back up the records in ``data_dir`` (or ``raw``, as :func:`read_records` read them),
    then delete all but the newest ``keep`` backups."""
    data_dir = Path(data_dir)
    members, skipped = _good_members(read_records(data_dir) if raw is None else raw)
    files = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
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
        with atomic_writer(target) as stream:
            _write_zip(stream, members, manifest)
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
    for backup in list_backups(data_dir):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                data = archive.read(member)
        except (OSError, zipfile.BadZipFile, KeyError, EOFError):
            continue
        if _problem(member, data) is None:
            return backup, data
    return None


def remove_case(data_dir: Path, case_id: str) -> tuple[list[Path], list[str]]:
    """Take one case out of every backup: its case file and its index row.

    Returns the backups rewritten, and one sentence for each backup that could not be
    changed (those still hold the case and must be deleted by hand).
    """
    member = f"{CASES_MEMBER}{case_id}.json"
    rewritten, problems = [], []
    for backup in list_backups(data_dir):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                members = {info.filename: archive.read(info) for info in archive.infolist()}
        except (OSError, zipfile.BadZipFile, EOFError) as error:
            problems.append(f"{backup.path} cannot be read ({error.__class__.__name__}) and may still "
                            "hold the case: delete it by hand.")
            continue
        index_changed = _drop_index_row(members, case_id)
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


def read_records(data_dir: Path) -> dict[str, bytes]:
    """The bytes of every records file worth backing up, by its name in the zip.

    Only reads: the caller holds the store's lock for this part alone, so saves are held up
    for as long as reading takes, not for checking and compressing.
    """
    found: dict[str, bytes] = {}
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
    for member, path in candidates:
        try:
            found[member] = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise RecordError(f"Cannot read {path} to back it up: {os_reason(error)}.") from None
    return found


def _good_members(raw: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """Split what was read into the files to back up and the damaged ones, left out."""
    members: dict[str, bytes] = {}
    skipped: list[str] = []
    for member, data in raw.items():
        if member == AUDIT_NAME or _problem(member, data) is None:
            members[member] = data
        else:
            skipped.append(member)
    return members, skipped


def _problem(member: str, data: bytes) -> str | None:
    """Why the copy of ``member`` in ``data`` is not good records, or None if it is."""
    where = Path(member)
    try:
        tables = decode_tables(data)
        if member == INDEX_MEMBER:
            summaries_from_tables(tables, where)
        else:
            case_from_tables(tables, where, case_id=where.stem)
    except ValueError as error:
        return str(error)
    except DamagedFileError as error:
        return str(error)
    return None


def _drop_index_row(members: dict[str, bytes], case_id: str) -> bool:
    if INDEX_MEMBER not in members:
        return False
    try:
        tables = decode_tables(members[INDEX_MEMBER])
    except ValueError:
        return False
    rows = tables.get(INDEX_TABLE, {})
    kept = {key: row for key, row in rows.items() if row.get("id") != case_id}
    if len(kept) == len(rows):
        return False
    tables[INDEX_TABLE] = kept
    members[INDEX_MEMBER] = json.dumps(tables, ensure_ascii=True, indent=1).encode("utf-8")
    return True


def _write_zip(stream: Any, members: dict[str, bytes], manifest: dict[str, Any]) -> None:
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
