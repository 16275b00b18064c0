"""Opening the app backs the records up, and says plainly if a file is damaged."""

from __future__ import annotations

from pathlib import Path

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.restore import RestoreDialog
from srt_tui.records.backup import list_backups
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
