"""The one place records touch the disk: a TinyDB storage that writes atomically.

Private to the records package (the store, backups, doctor); nothing else should import it
(except for ``RecordError``, which the store re-exports). Encryption at rest belongs here:
``read`` and ``write`` see every byte that goes to or comes from a records file. Only one
process writes a records folder at a time: the store makes sure of that with
:mod:`srt_tui.records.lock` before it writes.

* ``write`` serialises to JSON and replaces the file through
  :func:`srt_tui.atomic.atomic_write_text` (temporary file, flush, fsync, ``os.replace``),
  so a crash leaves the old file or the new one, never half of each. It holds no file
  handle open between calls (an open handle would block ``os.replace`` on Windows).
* ``read`` turns a file that is not valid records JSON into :class:`DamagedFileError`, one
  sentence naming the file. Once a file has been found damaged, this storage refuses to write
  to it, so a damaged file is left exactly as it was for someone to recover by hand.
* With a passphrase set, the bytes are sealed with AES-256-GCM on the way out and opened on
  the way in (:mod:`srt_tui.records.crypto`, which finds the key this process unlocked for the
  file's records folder). A sealed file whose tag does not check is damaged, like bad JSON.
* Text is written with ``ensure_ascii``: every character, even a lone surrogate from a bad
  paste, survives a round trip. (A high surrogate directly followed by a low one comes back
  as the one character the pair stands for, as JSON defines it.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NoReturn

from srt_tui.atomic import atomic_write_bytes


class RecordError(Exception):
    """Something the records cannot do; the message is one user-facing sentence."""


RecordError.__module__ = "srt_tui.records.store"


class DamagedFileError(RecordError):
    """A records file exists but cannot be understood."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The records file {path} is damaged and cannot be read ({detail}); "
            "it has been left untouched."
        )
        self.path = path
        self.detail = detail


class AtomicJSONStorage:
    """TinyDB storage for one JSON file, written atomically, read defensively.

    TinyDB needs of a storage only ``read``, ``write`` and ``close``; not deriving from its
    ``Storage`` base spares the app's way to its first screen importing TinyDB (the index is
    read through this class alone)."""

    def __init__(self, path: Path) -> None:
        from srt_tui.records import crypto  # crypto needs RecordError from here

        self.path = Path(path)
        self._sealer = crypto.sealer_for(crypto.records_folder(self.path))
        self._damaged = False
        self._checked = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        plain = self.read_plain()
        if plain is None:
            self._checked = True
            return None
        try:
            data = decode_tables(plain)
        except ValueError as error:
            self._damage(str(error))
        self._checked = True
        return data

    def read_plain(self) -> bytes | None:
        """The file's bytes, opened if sealed (not yet decoded); None if there is no file."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise RecordError(f"Cannot read the records file {self.path}: {os_reason(error)}.") from None
        try:
            return self._sealer.open(raw)
        except ValueError as error:
            self._damage(str(error))

    def close(self) -> None:
        """Nothing to close: each read and write opens and closes the file itself."""

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._checked:
            self.read()  # raises, and refuses the write, if the file on disk is damaged
        if self._damaged:
            raise DamagedFileError(self.path, "refusing to overwrite it")
        sealed = self._sealer.seal(encode_tables(data))
        try:
            private_folder(self.path.parent)
            atomic_write_bytes(self.path, sealed)
        except OSError as error:
            raise RecordError(
                f"Could not save to {self.path}: {os_reason(error)}. The file was not changed."
            ) from None

    def _damage(self, detail: str) -> NoReturn:
        self._damaged = True
        raise DamagedFileError(self.path, detail) from None


def encode_tables(tables: dict[str, dict[str, Any]]) -> bytes:
    """A records file's bytes: its tables as JSON, one row to a line (readable, and a changed
    row shows as a changed line).

    Each row is encoded by itself, with ``json``'s C encoder: ``json.dumps`` with ``indent``
    uses the pure-Python one, which made encoding half the time of an autosave (a case of 30
    sessions, ~100 KB: about 5 ms a save on the benchmark machine).
    """
    parts = []
    for name, rows in tables.items():
        lines = ",\n".join(f"{json.dumps(str(row_id))}: {json.dumps(row, ensure_ascii=True)}"
                            for row_id, row in rows.items())
        parts.append(f"{json.dumps(str(name))}: {{\n{lines}\n}}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("ascii")


def decode_tables(raw: bytes) -> dict[str, dict[str, Any]]:
    """The tables in a records file's bytes; ValueError (saying what is wrong) if there are none."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("not valid JSON") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(row, dict) for row in table.values())
        for table in data.values()
    ):
        raise ValueError("not a records table")
    return data


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed, readable by its owner only on POSIX.

    Files are created owner-only already (``mkstemp`` makes them 0600). On Windows the
    folder keeps the permissions of the user's profile folder it lives in.
    """
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def os_reason(error: OSError) -> str:
    """The operating system's words for ``error`` (e.g. "No space left on device")."""
    return error.strerror or str(error) or type(error).__name__
