"""Writes that a crash cannot leave half done.

Every file the app writes goes through here: the bytes go to a temporary file in the same
folder, are flushed and fsynced, and then replace the target in one step (``os.replace`` is
atomic on Windows and POSIX alike). A crash at any moment leaves either the old file or the
new one, never a mixture.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_new_file(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/stem+suffix`` without ever replacing an existing file.

    If the name is taken, ``stem-2``, ``stem-3``... are tried. The name is reserved with an
    exclusive create (so two writers never pick the same one), then filled atomically.
    """
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        target = folder / name
        try:
            with open(target, "xb"):
                pass
        except FileExistsError:
            number += 1
            continue
        try:
            atomic_write_bytes(target, data)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
