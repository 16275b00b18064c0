"""Rotating backups: made at start and at each ended session, never holding a damaged file,
never rotating away the last good copy of one."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore


def new_case(ref: str) -> Case:
    return Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5))


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "data")
    for ref in ("A1", "B2"):
        store.create_case(new_case(ref))
    return store


def change(store: RecordStore, number: int) -> None:
    """Change something, so the next backup has something new to hold."""
    case = store.find_case("A1")
    assert case is not None
    case.responsivity_notes = f"Change {number}"
    store.update_case(case)


def members(backup: backups.Backup) -> dict[str, bytes]:
    with zipfile.ZipFile(backup.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_backup_holds_every_records_file_byte_for_byte(store: RecordStore) -> None:
    result = store.backup("start")
    data = store.data_dir
    held = members(result.backup)
    on_disk = {"index.json": (data / "index.json").read_bytes(), "audit.log": (data / "audit.log").read_bytes()}
    on_disk |= {f"cases/{p.name}": p.read_bytes() for p in (data / "cases").glob("*.json")}
    manifest = json.loads(held.pop("manifest.json"))
    assert held == on_disk
    assert manifest["reason"] == "start" and manifest["skipped"] == []
    assert set(manifest["files"]) == set(on_disk)
    assert backups.check_backup(result.backup) is None
    assert result.backup.path.parent == data / "backups"


def test_ending_a_session_makes_no_backup_and_the_one_after_holds_it_ended(store: RecordStore) -> None:
    case = store.find_case("A1")
    assert case is not None
    session = store.start_session(case.id)
    session.notes = "In the backup."
    store.end_session(session)
    assert backups.list_backups(store.data_dir) == []  # the app backs up after, in a worker
    store.backup("session-ended")
    [backup] = backups.list_backups(store.data_dir)
    assert backup.reason == "session-ended"
    stored = json.loads(members(backup)[f"cases/{case.id}.json"])
    [row] = stored["sessions"].values()
    assert row["notes"] == "In the backup." and row["ended_at"]


def test_only_the_newest_ten_are_kept(store: RecordStore) -> None:
    made = []
    for number in range(13):
        change(store, number)
        made.append(store.backup("start").backup.path)
    kept = [b.path for b in backups.list_backups(store.data_dir)]
    assert kept == list(reversed(made))[:10]
    stranger = store.data_dir / "backups" / "my-own-copy.zip"
    stranger.write_bytes(b"not ours")
    change(store, 13)
    store.backup("start")
    assert stranger.exists()  # only files named like our backups are ever deleted


def test_nothing_changed_since_the_newest_backup_makes_no_new_one(store: RecordStore) -> None:
    first = store.backup("start")
    again = store.backup("start")
    assert again.unchanged and again.backup == first.backup
    assert len(backups.list_backups(store.data_dir)) == 1
    change(store, 1)
    assert not store.backup("start").unchanged
    assert len(backups.list_backups(store.data_dir)) == 2


def test_a_damaged_file_is_left_out_and_no_backup_is_deleted_while_it_is_damaged(store: RecordStore) -> None:
    for number in range(10):
        change(store, number)
        store.backup("start")
    oldest_good = backups.list_backups(store.data_dir)[-1]
    case = store.find_case("B2")
    assert case is not None
    path = store.data_dir / "cases" / f"{case.id}.json"
    damaged = b'{"case": {"1": {"ref": '
    path.write_bytes(damaged)
    for number in range(12):
        change(store, 100 + number)
        result = store.backup("start")
        assert result.skipped == [f"cases/{case.id}.json"] and result.removed == []
    assert len(backups.list_backups(store.data_dir)) == 22
    assert oldest_good.path.exists()
    assert f"cases/{case.id}.json" not in members(result.backup)
    assert any("is damaged, so it was not backed up" in p for p in store.problems)
    assert path.read_bytes() == damaged  # never touched
    found = backups.good_copy(store.data_dir, f"cases/{case.id}.json")
    assert found is not None and found[0].made_at < result.backup.made_at


def test_a_crash_while_writing_a_backup_leaves_no_backup_under_its_name(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(source: str, target: str) -> None:
        raise KeyboardInterrupt  # stands in for the process dying before the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        store.backup("start")
    monkeypatch.undo()
    assert backups.list_backups(store.data_dir) == []
    assert not list((store.data_dir / "backups").iterdir())


def test_a_damaged_backup_is_reported_and_skipped_when_looking_for_a_good_copy(store: RecordStore) -> None:
    good = store.backup("start").backup
    change(store, 1)
    broken = store.backup("start").backup
    broken.path.write_bytes(broken.path.read_bytes()[:200])
    assert backups.check_backup(broken) is not None and "cannot be read" in backups.check_backup(broken)
    case = store.find_case("A1")
    assert case is not None
    found = backups.good_copy(store.data_dir, f"cases/{case.id}.json")
    assert found is not None and found[0] == good
