"""Opening the app backs the records up, and says plainly if a file is damaged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.app import App

from srt_tui import app as app_module
from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui import recovery
from srt_tui.dialogs.restore import RestoreDialog
from srt_tui.records import backup as backups
from srt_tui.records import backup_process
from srt_tui.records.backup import check_backup, list_backups
from srt_tui.records.doctor import StartReport
from srt_tui.records.store import CaseSummary, RecordStore
from tests.screens.helpers import settle
from tests.screens.seed import seeded_store


async def test_each_start_makes_a_backup_and_says_nothing_when_all_is_well(tmp_path: Path, pack: ContentPack) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [n.message for n in app._notifications] == []
    [backup] = list_backups(tmp_path / "data")
    assert backup.reason == "start"


async def test_a_damaged_case_is_left_untouched_and_offered_for_restore(tmp_path: Path, pack: ContentPack) -> None:
    store = seeded_store(tmp_path / "data")
    store.backup("start")  # an earlier start, before the damage
    damaged = tmp_path / "data" / "cases" / "case-second.json"
    damaged.write_bytes(b'{"case": ')
    app = SrtApp(store, pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)  # tests/screens/test_restore_at_start.py: the rest
        assert [n.message for n in app._notifications] == []
    assert damaged.read_bytes() == b'{"case": '
    assert len(list_backups(tmp_path / "data")) == 2


async def test_a_damaged_index_is_rebuilt_and_said_so(tmp_path: Path, pack: ContentPack) -> None:
    store = seeded_store(tmp_path / "data")
    (tmp_path / "data" / "index.json").write_bytes(b"{ not json")
    app = SrtApp(store, pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [message] = [n.message for n in app._notifications]
    [aside] = (tmp_path / "data").glob("index.damaged-*.json")
    index = tmp_path / "data" / "index.json"
    assert message == f"The case index {index} was damaged: kept as {aside.name} and rebuilt."
    assert aside.read_bytes() == b"{ not json"
    [backup] = list_backups(tmp_path / "data")
    assert backup.reason == "start"
    assert len(store.list_cases()) == 3


async def test_the_start_backup_waits_until_a_frame_has_shown_the_cases(
        tmp_path: Path, pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    display, checks, list_cases = App._display, recovery.start_checks, RecordStore.list_cases

    def slow_first_list(store: RecordStore) -> list[CaseSummary]:  # the case list's, on a slow laptop
        first = "listed" not in events
        if first:
            time.sleep(0.5)  # a first frame without the cases may be painted meanwhile
        cases = list_cases(store)
        if first:
            events.append("listed")
        return cases

    def frame(app: App[object], screen: object, renderable: object) -> None:  # each frame written
        display(app, screen, renderable)
        events.append("frame")

    def checked(store: RecordStore) -> StartReport:
        events.append("backup")
        return checks(store)

    monkeypatch.setattr(RecordStore, "list_cases", slow_first_list)
    monkeypatch.setattr(App, "_display", frame)
    monkeypatch.setattr(recovery, "start_checks", checked)
    app = SrtApp(seeded_store(tmp_path / "data"), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
    assert events.count("backup") == 1
    backup, listed = events.index("backup"), events.index("listed")
    assert "frame" in events[listed:backup]  # the cases were listed, then painted, then backed up
    assert [b.reason for b in list_backups(tmp_path / "data")] == ["start"]


async def test_the_start_backup_runs_even_if_the_first_screen_never_says_it_is_up(
        tmp_path: Path, pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "after_start_up", lambda callback: None)
    monkeypatch.setattr(SrtApp, "START_BACKUP_LATEST", 0.3)
    app = SrtApp(seeded_store(tmp_path / "data"), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)  # the timer's time
        await settle(pilot)
    [backup] = list_backups(tmp_path / "data")
    assert backup.reason == "start"


async def test_a_large_caseload_is_backed_up_by_its_own_process_and_damage_still_found(
        tmp_path: Path, pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    run = backup_process.subprocess.run

    def recorded(command, **kwargs):  # type: ignore[no-untyped-def]
        started.append(command)
        return run(command, **kwargs)

    monkeypatch.setattr(backups, "OWN_PROCESS_BYTES", 0)
    monkeypatch.setattr(backup_process.subprocess, "run", recorded)
    store = seeded_store(tmp_path / "data")
    damaged = tmp_path / "data" / "cases" / "case-second.json"
    damaged.write_bytes(b'{"case": ')
    app = SrtApp(store, pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)  # the damage is found all the same
    assert len(started) == 1
    [backup] = list_backups(tmp_path / "data")
    assert check_backup(backup) is None
    assert damaged.read_bytes() == b'{"case": '
