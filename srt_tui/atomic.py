"""Writes that a crash cannot leave half done.

Every file the app writes goes through here: the bytes go to a temporary file in the same
folder, are flushed and fsynced, and then replace the target in one step (``os.replace`` is
atomic on Windows and POSIX alike). A crash at any moment leaves either the old file or the
new one, never a mixture; at worst a ``.<name>.<random>.tmp`` file is left beside it, which
:func:`remove_leftovers` clears once nothing can be writing it.

The one exception is the audit log, which only ever grows: :func:`append_line` adds one
line with a single ``write`` and fsyncs it.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Windows refuses to replace a file that another program (a virus scanner, the search
# indexer, a backup tool) has open for a moment; those clear within milliseconds.
_REPLACE_RETRIES = 5 if os.name == "nt" else 0
_REPLACE_PAUSE = 0.02
_LEFTOVER = re.compile(r"\..+\.[A-Za-z0-9_]+\.tmp")


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True, sync_folder: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, creating the folder if needed.

    ``durable=False`` skips the two fsyncs, for files that only inform and are never records
    (the lock's owner file, written as the app starts): a crash of the process still leaves the
    old file or the new one, but a power cut may leave either, or an empty file.

    ``sync_folder=False`` leaves making the rename durable to the caller, which then calls
    :func:`fsync_folder` once after many files (a batch export): the data of each file is
    still on disk before its name appears.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            _write_all(handle, data)
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
        _replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable and sync_folder:
        fsync_folder(path.parent)


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through; it replaces ``path`` only if the block ends
    without an exception (for content too large to build in memory, such as backups)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def append_line(path: Path, line: str) -> None:
    """Add one line (no newline inside it) to the end of ``path`` and make it durable.

    The line goes out in one ``write`` to a file opened for appending, then is fsynced. If a
    crash ever cut the previous line short, the new one starts on a line of its own, so one
    torn line never spoils the next.
    """
    append_lines(path, [line])


def append_lines(path: Path, lines: list[str]) -> None:
    """:func:`append_line` for several lines at once: one ``write``, one fsync."""
    if any("\n" in line or "\r" in line for line in lines):
        raise ValueError("an appended line cannot contain a line break")
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags, 0o600)
    try:
        data = "".join(f"{line}\n" for line in lines).encode("utf-8")
        if os.fstat(handle).st_size:
            os.lseek(handle, -1, os.SEEK_END)
            if os.read(handle, 1) != b"\n":
                data = b"\n" + data
        _write_all(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)


def write_new_file(folder: Path, stem: str, suffix: str, data: bytes, *, sync_folder: bool = True) -> Path:
    """Write ``data`` to ``folder/stem+suffix`` without ever replacing an existing file.

    If the name is taken, ``stem-2``, ``stem-3``... are tried. The name is reserved with an
    exclusive create (so two writers never pick the same one), then filled atomically
    (``sync_folder`` as for :func:`atomic_write_bytes`).
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
            atomic_write_bytes(target, data, sync_folder=sync_folder)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target


def remove_file(path: Path) -> bool:
    """Delete ``path`` and make the deletion durable; False if it was not there."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    fsync_folder(path.parent)
    return True


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a killed writer left in ``folder`` (not its subfolders).

    Names are matched before any path is made: the app looks in its folder of a thousand
    case files as it starts, and a Path per file was most of the time taken."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(folder / name for name in names if _LEFTOVER.fullmatch(name) and (folder / name).is_file())


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete :func:`leftovers`; call only while no one else can be writing in ``folder``."""
    removed = []
    for path in leftovers(folder):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _replace(source: str, target: Path) -> None:
    for attempt in range(_REPLACE_RETRIES + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES:
                raise
            time.sleep(_REPLACE_PAUSE * (attempt + 1))


def fsync_folder(folder: Path) -> None:
    """Make the renames and creations in ``folder`` durable where the platform allows it
    (not on Windows, where a folder cannot be opened to sync it)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
