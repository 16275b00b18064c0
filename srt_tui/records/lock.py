"""One writer per records folder, across processes, on Windows as on Linux and macOS.

TinyDB has no idea that a second copy of the app could be writing the same files. The first
process that writes a folder takes an operating-system lock on ``srt-tui.lock`` in it:
``flock`` on POSIX, taken here directly; elsewhere, and on a filesystem without ``flock``, the
``filelock`` package (``LockFileEx`` on Windows; on a filesystem with neither, a marker file
whose owner is checked by host, process id and process start time). Both use the same
``flock`` where it exists, so they exclude each other; the direct path spares the app's way
to its first screen importing ``filelock`` (11-15 ms, a 2,400-line module).
The lock is held until the process releases it or ends; the operating system drops it when a
process dies in any way, SIGKILL and power loss included, so a crash never leaves the
records locked.

Beside the lock, ``srt-tui.lock.json`` says who holds it (process id, computer, since when),
so a refused second copy can say which window to look for. It is removed on a normal exit;
finding it while the lock is free means the last holder crashed, and the next holder simply
replaces it. It is written atomically but not fsynced (it is on the app's way to its first
screen and only informs): after a power cut it may be gone or empty, which reads as no owner.

The lock belongs to the process: every store on the same folder in one process shares it.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import platform
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from srt_tui import __version__
from srt_tui.atomic import atomic_write_text
from srt_tui.records.storage import RecordError, os_reason

try:  # POSIX
    import fcntl
except ImportError:  # Windows: filelock's LockFileEx
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "srt-tui.lock"
OWNER_NAME = "srt-tui.lock.json"


class Owner(NamedTuple):
    """Who holds (or last held) a records folder."""

    pid: int
    host: str
    since: datetime
    version: str = ""

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.since.astimezone():%Y-%m-%d %H:%M}"

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "since": self.since.isoformat(),
                           "version": self.version})

    @classmethod
    def read(cls, folder: Path) -> Owner | None:
        """The owner file in ``folder``, or None if there is none or it cannot be understood."""
        try:
            data = json.loads((folder / OWNER_NAME).read_text(encoding="utf-8"))
            since = datetime.fromisoformat(data["since"])
            return cls(int(data["pid"]), str(data["host"]),
                       since if since.tzinfo else since.replace(tzinfo=UTC), str(data.get("version", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


class LockedError(RecordError):
    """Another process holds the records folder."""

    def __init__(self, owner: Owner | None) -> None:
        where = f" ({owner.describe()})" if owner else ""
        super().__init__(f"These records are open in another srt-tui window{where}: close it first.")
        self.owner = owner


class WriterLock:
    """The lock on one records folder for this process. Use :func:`writer_lock` to get it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._guard = threading.Lock()
        self._lock: _Held | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None

    def acquire(self) -> Owner | None:
        """Take the lock unless this process has it already.

        Returns the owner a crashed process left on record (now replaced), if there was one.
        Raises :class:`LockedError` if another live process holds the lock, and
        :class:`RecordError` if the folder cannot be used at all.
        """
        with self._guard:
            if self._lock is not None:
                return None
            if self.folder.exists() and not self.folder.is_dir():
                raise RecordError(f"Cannot use the records folder {self.folder}: it is a file, not a folder.")
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                lock = _take(self.folder / LOCK_NAME)
            except _Busy:
                raise LockedError(Owner.read(self.folder)) from None
            except OSError as error:
                raise RecordError(f"Cannot use the records folder {self.folder}: {os_reason(error)}.") from None
            previous = Owner.read(self.folder)
            me = Owner(os.getpid(), platform.node() or "this computer", datetime.now(UTC), __version__)
            try:  # not fsynced: it is on the way to the first screen, and only ever informs
                atomic_write_text(self.folder / OWNER_NAME, me.to_json(), durable=False)
            except OSError as error:
                lock.release()
                raise RecordError(f"Cannot write to the records folder {self.folder}: {os_reason(error)}.") from None
            self._lock = lock
            return previous

    def release(self) -> None:
        """Let another process write the folder (the owner file goes first)."""
        with self._guard:
            if self._lock is None:
                return
            try:
                (self.folder / OWNER_NAME).unlink(missing_ok=True)
            except OSError:
                pass  # a leftover owner file only reads as "the last window crashed"
            self._lock.release()
            self._lock = None


class _Held(Protocol):
    """A lock this process holds: a :class:`_Flock`, or filelock's."""

    def release(self) -> None: ...


class _Busy(Exception):
    """Another process holds the lock."""


class _Flock:
    """An exclusive ``flock`` on an open file, held until released or the process ends."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)


_BUSY = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK})  # as filelock reads them


def _open(path: Path) -> tuple[int, bool]:
    """The lock file opened for writing, and whether this call made it."""
    while True:
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), True
        except FileExistsError:
            pass
        try:
            return os.open(path, os.O_RDWR), False
        except FileNotFoundError:
            continue  # removed in between (a marker-file lock let go): make it again


def _take(path: Path) -> _Held:
    """The lock on ``path``, without waiting: raises :class:`_Busy` if another process holds
    it, ``OSError`` if the file cannot be opened."""
    if fcntl is not None:
        fd, created = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in _BUSY:
                raise _Busy from None
            if error.errno != errno.ENOSYS:
                raise
            # No flock on this filesystem: filelock's marker file (below), whose being
            # there is the lock, so the file made just now goes (one found there stays).
            if created:
                path.unlink(missing_ok=True)
        else:
            return _Flock(fd)
    import filelock

    lock = filelock.FileLock(path, timeout=0, thread_local=False, mode=0o600)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise _Busy from None
    return lock


class LockState(NamedTuple):
    """What ``srt-tui doctor`` says about the lock: exactly one flag is true."""

    ours: bool = False  # this process holds it
    held: bool = False  # another live process holds it
    crashed: bool = False  # free, but the last holder did not release it
    free: bool = False
    owner: Owner | None = None


def lock_state(folder: Path) -> LockState:
    """Whether ``folder`` is locked, without keeping the lock (it is taken and released at once)."""
    import filelock

    if writer_lock(folder).held:
        return LockState(ours=True, owner=Owner.read(folder))
    owner = Owner.read(folder)
    if not (folder / LOCK_NAME).exists():
        return LockState(crashed=owner is not None, free=owner is None, owner=owner)
    probe = filelock.FileLock(folder / LOCK_NAME, timeout=0, thread_local=False)
    try:
        probe.acquire()
    except filelock.Timeout:
        return LockState(held=True, owner=owner)
    except OSError:
        return LockState(held=True, owner=owner)  # cannot tell: say someone may be using it
    probe.release()
    return LockState(crashed=owner is not None, free=owner is None, owner=owner)


_LOCKS: dict[str, WriterLock] = {}
_LOCKS_GUARD = threading.Lock()


def writer_lock(folder: Path) -> WriterLock:
    """This process's lock on ``folder`` (one per folder, however it is spelled)."""
    folder = Path(folder).absolute()
    key = os.path.normcase(os.path.realpath(folder))
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, WriterLock(folder))


@atexit.register
def release_all() -> None:
    """Release every records folder this process holds (at exit; and after each test)."""
    with _LOCKS_GUARD:
        locks = list(_LOCKS.values())
    for lock in locks:
        try:
            lock.release()
        except OSError:
            pass  # at exit the operating system releases the lock anyway
