"""One writer per records folder: a second process is refused, a crashed one does not block.

The contending processes are real ones (the lock is the operating system's, so a thread in
this process would prove nothing).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from srt_tui import atomic
from srt_tui.records.lock import LOCK_NAME, OWNER_NAME, LockedError, lock_state, writer_lock
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore

HOLDER = textwrap.dedent("""
    import sys
    from srt_tui.records.store import RecordStore
    store = RecordStore(sys.argv[1])
    store.claim()
    print("holding", flush=True)
    sys.stdin.readline()  # hold until told, or until killed
""")


def new_case(ref: str) -> Case:
    return Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5))


class Holder:
    """Another process that holds the records folder's lock."""

    def __init__(self, data: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line == "holding\n", self.proc.stderr.read() if self.proc.stderr else line

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A folder with one case, released by this process so another may take it."""
    folder = tmp_path / "data"
    store = RecordStore(folder)
    store.create_case(new_case("A1"))
    store.close()
    return folder


@pytest.fixture
def holder(data: Path):
    other = Holder(data)
    yield other
    if other.proc.poll() is None:
        other.kill()


def test_while_another_process_holds_the_records_every_write_is_refused(data: Path, holder: Holder) -> None:
    store = RecordStore(data)
    before = {p: p.read_bytes() for p in data.rglob("*.json") if p.name != OWNER_NAME}
    case = store.find_case("A1")
    assert case is not None  # reading still works
    for write in (
        lambda: store.create_case(new_case("B2")),
        lambda: store.update_case(case),
        lambda: store.start_session(case.id),
        lambda: store.delete_case(case.id),
        lambda: store.backup("start"),
    ):
        with pytest.raises(LockedError) as caught:
            write()
        message = str(caught.value)
        assert message.startswith("These records are open in another srt-tui window (process ")
        assert f"process {holder.proc.pid} on " in message and message.endswith(": close it first.")
        assert "\n" not in message
    assert not store.can_write()
    assert {p: p.read_bytes() for p in data.rglob("*.json") if p.name != OWNER_NAME} == before
    holder.close()
    assert store.can_write()  # released: this process may write now
    store.create_case(new_case("B2"))


def test_a_read_while_locked_elsewhere_repairs_nothing_on_disk(data: Path, holder: Holder) -> None:
    (data / "index.stale").write_text("")
    index = (data / "index.json").read_bytes()
    store = RecordStore(data)
    assert [s.ref for s in store.list_cases()] == ["A1"]  # rebuilt in memory
    assert (data / "index.stale").exists() and (data / "index.json").read_bytes() == index


def test_the_cli_refuses_a_second_window_in_one_line(data: Path, holder: Holder) -> None:
    result = subprocess.run([sys.executable, "-m", "srt_tui", "--data-dir", str(data)],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.startswith("srt-tui: cannot start: These records are open in another srt-tui window")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "srt_tui", "--data-dir", str(data), "delete", "A1", "--yes"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "open in another srt-tui window" in result.stderr
    assert RecordStore(data).find_case("A1") is not None


def test_a_killed_holder_leaves_no_lock_behind(data: Path, holder: Holder) -> None:
    holder.kill()  # SIGKILL: no chance to clean up
    owner = json.loads((data / OWNER_NAME).read_text())
    assert owner["pid"] == holder.proc.pid
    state = lock_state(data)
    assert state.crashed and state.owner is not None and state.owner.pid == holder.proc.pid
    store = RecordStore(data)
    crashed = store.claim()
    assert crashed is not None and crashed.pid == holder.proc.pid
    assert json.loads((data / OWNER_NAME).read_text())["pid"] == os.getpid()
    store.create_case(new_case("B2"))
    assert lock_state(data).ours


def test_a_clean_exit_removes_the_owner_file(data: Path, holder: Holder) -> None:
    assert lock_state(data).held
    holder.close()
    assert not (data / OWNER_NAME).exists()
    assert lock_state(data).free


def test_claiming_clears_temporary_files_a_killed_writer_left(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = RecordStore(data)
    case = store.create_case(new_case("A1"))
    store.close()
    left = [data / ".index.json.abc123.tmp", data / "cases" / f".{case.id}.json.x_9.tmp",
            data / "backups" / ".backup-1.zip.zz.tmp"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    keep = data / "cases" / "notes.tmp"  # not a name the app writes: not ours to delete
    keep.write_bytes(b"x")
    RecordStore(data).claim()
    assert not any(p.exists() for p in left)
    assert keep.exists()


def test_two_stores_in_one_process_share_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = RecordStore(data), RecordStore(data / ".." / "data")
    first.create_case(new_case("A1"))
    second.create_case(new_case("B2"))  # same process: no refusal
    assert (data / LOCK_NAME).exists()


def test_a_folder_that_cannot_be_made_is_a_record_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RecordError, match="Cannot use the records folder"):
        RecordStore(blocker / "data").claim()


def test_taking_the_lock_waits_for_no_disk_flush_but_saving_still_does(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", flushed.append)
    store = RecordStore(tmp_path / "data")
    store.claim()  # on the way to the first screen: the owner file only informs
    assert flushed == []
    assert json.loads((tmp_path / "data" / OWNER_NAME).read_text(encoding="utf-8"))["pid"] == os.getpid()
    store.create_case(new_case("A1"))
    assert flushed  # the records themselves are made durable as before


def test_the_lock_and_filelocks_lock_exclude_each_other(tmp_path: Path) -> None:
    """The app takes flock itself where it can; filelock (Windows, a filesystem without flock,
    ``doctor``'s probe, an older srt-tui) must still see it held, and the other way round."""
    import filelock

    folder = tmp_path / "records"
    folder.mkdir()
    other = filelock.FileLock(folder / LOCK_NAME, timeout=0, thread_local=False)
    other.acquire()
    with pytest.raises(LockedError):
        writer_lock(folder).acquire()
    other.release()
    writer_lock(folder).acquire()
    with pytest.raises(filelock.Timeout):
        filelock.FileLock(folder / LOCK_NAME, timeout=0, thread_local=False).acquire()
    writer_lock(folder).release()
    filelock.FileLock(folder / LOCK_NAME, timeout=0, thread_local=False).acquire()


def test_without_flock_the_lock_is_filelocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filesystem that has no flock (ENOSYS): the lock falls back to filelock's, which
    works there (its marker file), rather than failing or going unlocked."""
    import errno

    import filelock

    from srt_tui.records import lock as lock_module

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(lock_module.fcntl, "flock", no_flock)
    folder = tmp_path / "records"
    held = writer_lock(folder)
    with pytest.warns(UserWarning, match="flock not supported"):  # filelock says so, and uses its marker file
        held.acquire()
        assert isinstance(held._lock, filelock.BaseFileLock) and held._lock.is_locked
        with pytest.raises(filelock.Timeout):  # the marker file is there: a second holder is refused
            filelock.FileLock(folder / LOCK_NAME, timeout=0, thread_local=False).acquire()
        held.release()
        assert not held.held
        held.acquire()  # and it can be taken again
        assert held.held


def test_records_folder_that_is_a_file_is_named_so(tmp_path: Path) -> None:
    where = tmp_path / "records"
    where.write_text("not a folder", encoding="utf-8")
    with pytest.raises(RecordError, match="it is a file, not a folder"):
        writer_lock(where).acquire()
    assert where.read_text(encoding="utf-8") == "not a folder"
