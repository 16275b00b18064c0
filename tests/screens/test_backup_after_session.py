"""The backup after a session ends runs in its own worker: ending does not wait for it, a
failure is shown while the session stays saved, and quitting waits for a backup under way."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from srt_tui.app import SrtApp
from srt_tui.records import backup as backups
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_overview import CaseOverviewScreen
from tests.screens.helpers import open_session, settle


class HeldBackups:
    """Backups that wait, once started, until released (so the test can look in between)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        real = backups.make_backup

        def held(*args: object, **kwargs: object) -> backups.BackupResult:
            self.started.set()
            self.release.wait(30)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(backups, "make_backup", held)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldBackups]:
    holder = HeldBackups(monkeypatch)
    yield holder
    holder.release.set()  # never leave a worker thread waiting


async def end_session(pilot: Pilot) -> None:
    """F8 and confirm, without waiting for workers (a backup may be held)."""
    await pilot.press("f8")
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.02)
        if isinstance(pilot.app.screen, CaseOverviewScreen):
            return
    raise AssertionError(f"still on {pilot.app.screen}")


def ended_on_disk(data: Path, session_id: str) -> bool:
    return RecordStore(data, read_only=True).get_session("case-first", session_id).ended


async def test_ending_does_not_wait_for_the_backup_which_follows(app: SrtApp, monkeypatch: pytest.MonkeyPatch) -> None:
    data = app.store.data_dir
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the start backup
        before = backups.list_backups(data)
        held = HeldBackups(monkeypatch)
        screen = await open_session(pilot)
        screen.session.notes = "Ended before its backup."
        await end_session(pilot)  # back on the overview while the backup is still held
        assert held.started.wait(10)
        assert ended_on_disk(data, screen.session.id)
        assert backups.list_backups(data) == before
        held.release.set()
        await settle(pilot)
    [newest, *_] = backups.list_backups(data)
    assert newest.reason == "session-ended" and backups.check_backup(newest) is None
    with zipfile.ZipFile(newest.path) as archive:
        stored = json.loads(archive.read("cases/case-first.json"))
    [row] = [r for r in stored["sessions"].values() if r["id"] == screen.session.id]
    assert row["notes"] == "Ended before its backup." and row["ended_at"]


async def test_a_failing_backup_shows_an_error_and_the_session_stays_saved(
    app: SrtApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = app.store.data_dir
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def full(*_: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(backups, "atomic_writer", full)  # the disk fills up as the zip is written
        screen = await open_session(pilot)
        await end_session(pilot)
        await settle(pilot)
        [failure] = [n for n in app._notifications if n.title == "Backup failed"]
        assert failure.severity == "error"
        assert failure.message == ("The session is saved, but the backup after it failed: Could not make a backup "
                                   f"in {data / 'backups'}: No space left on device.")
    assert ended_on_disk(data, screen.session.id)


async def test_quitting_waits_for_the_backup_under_way(app: SrtApp, held: HeldBackups) -> None:
    data = app.store.data_dir
    async with app.run_test(size=(120, 40)) as pilot:
        held.release.set()  # let the start backup through
        await settle(pilot)
        held.release.clear()
        held.started.clear()
        screen = await open_session(pilot)
        await end_session(pilot)
        assert held.started.wait(10)
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
        assert app.return_code is None  # still waiting for the backup, and saying so
        assert "Finishing the backup of the records before quitting…" in [n.message for n in app._notifications]
        held.release.set()
        for _ in range(300):
            await asyncio.sleep(0.02)
            if app.return_code is not None:
                break
        assert app.return_code == 0
    [newest, *_] = backups.list_backups(data)
    assert newest.reason == "session-ended" and backups.check_backup(newest) is None
    assert ended_on_disk(data, screen.session.id)
