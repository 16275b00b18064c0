"""Turning encryption at rest on, off, or to a new passphrase (``srt-tui passphrase ...``).

Setting a passphrase writes the keyfile first, then seals the records files one by one, each
with an atomic replace; removing it opens them one by one and deletes the keyfile last. A
folder with a keyfile reads plain and sealed files alike, so a crash part way leaves every
file either plain or sealed and all of them readable with the passphrase; running the same
command again finishes the job. Backups are converted the same way, one zip at a time.

Changing the passphrase rewrites only the keyfile: the data key it wraps stays the same.

The caller holds the folder's writer lock (:meth:`RecordStore.claim`), so nothing else writes
while files are converted. Files set aside as damaged are left as they are and listed.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from srt_tui.atomic import atomic_write_bytes, atomic_writer, remove_file
from srt_tui.records import backup as backups
from srt_tui.records import crypto
from srt_tui.records.audit import AUDIT_NAME
from srt_tui.records.storage import RecordError, os_reason


@dataclass
class Conversion:
    converted: list[Path] = field(default_factory=list)  # files rewritten
    left_plain: list[Path] = field(default_factory=list)  # damaged copies kept aside, not touched


def set_passphrase(data_dir: Path, passphrase: str) -> Conversion:
    """Encrypt the records in ``data_dir`` under a new passphrase.

    If a keyfile exists already (an earlier ``set`` was cut short), ``passphrase`` must open
    it, and the files still plain are sealed.
    """
    data_dir = Path(data_dir)
    if crypto.is_encrypted(data_dir):
        crypto.unlock(data_dir, passphrase)
    else:
        crypto.validate_passphrase(passphrase)
        key = crypto.new_data_key()
        crypto.write_keyfile(data_dir, passphrase, key)
        crypto.unlock(data_dir, passphrase)
    sealer = crypto.sealer_for(data_dir)
    return _convert(data_dir, sealer.open, sealer.seal, want_sealed=True)


def remove_passphrase(data_dir: Path, passphrase: str) -> Conversion:
    """Decrypt the records in ``data_dir`` and delete the keyfile (last)."""
    data_dir = Path(data_dir)
    if not crypto.is_encrypted(data_dir):
        raise RecordError("These records have no passphrase to remove.")
    crypto.unlock(data_dir, passphrase)
    sealer = crypto.sealer_for(data_dir)
    result = _convert(data_dir, sealer.open, lambda data: data, want_sealed=False)
    try:
        remove_file(crypto.keyfile_path(data_dir))
    except OSError as error:
        raise RecordError(f"Could not delete the key file: {os_reason(error)}.") from None
    crypto.forget(data_dir)
    return result


def change_passphrase(data_dir: Path, old: str, new: str) -> None:
    """Wrap the same data key under ``new``; the records files are not touched."""
    key = crypto.open_keyfile(data_dir, old)
    crypto.write_keyfile(data_dir, new, key)
    crypto.unlock(data_dir, new)


def _convert(data_dir: Path, open_: Callable[[bytes], bytes], write: Callable[[bytes], bytes],
             want_sealed: bool) -> Conversion:
    result = Conversion()
    for path in _records_files(data_dir):
        data = _read(path)
        if crypto.is_sealed(data) != want_sealed:
            _write(path, write(_plain(open_, data, path)))
            result.converted.append(path)
    for backup in backups.list_backups(data_dir):
        if _convert_backup(backup.path, open_, write, want_sealed):
            result.converted.append(backup.path)
    aside = data_dir / backups.DAMAGED_DIR
    if want_sealed:
        result.left_plain = sorted(p for p in aside.glob("*") if p.is_file()) if aside.is_dir() else []
        result.left_plain += sorted(data_dir.glob("index.damaged-*.json"))
    return result


def _records_files(data_dir: Path) -> list[Path]:
    cases = data_dir / "cases"
    found = [data_dir / "index.json"] if (data_dir / "index.json").is_file() else []
    if cases.is_dir():
        found += sorted(p for p in cases.glob("*.json") if not p.name.startswith(".") and p.is_file())
    return found


def _convert_backup(path: Path, open_: Callable[[bytes], bytes], write: Callable[[bytes], bytes],
                    want_sealed: bool) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        raise RecordError(f"Cannot read the backup {path} to convert it ({error.__class__.__name__}).") from None
    changed = False
    for name, data in members.items():
        if name in (backups.MANIFEST, AUDIT_NAME) or crypto.is_sealed(data) == want_sealed:
            continue
        members[name] = write(_plain(open_, data, path))
        changed = True
    if not changed:
        return False
    try:
        manifest = json.loads(members.pop(backups.MANIFEST, b"{}"))
    except ValueError:
        manifest = {}
    manifest = manifest if isinstance(manifest, dict) else {}
    manifest["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    try:
        with atomic_writer(path) as stream:
            backups._write_zip(stream, members, manifest)  # noqa: SLF001 (same package)
    except OSError as error:
        raise RecordError(f"Could not rewrite the backup {path}: {os_reason(error)}.") from None
    return True


def _plain(open_: Callable[[bytes], bytes], data: bytes, path: Path) -> bytes:
    try:
        return open_(data)
    except ValueError:
        raise RecordError(f"{path} cannot be decrypted (it is damaged); it was left as it is.") from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise RecordError(f"Cannot read {path}: {os_reason(error)}.") from None


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise RecordError(f"Could not rewrite {path}: {os_reason(error)}. It was left as it was.") from None
