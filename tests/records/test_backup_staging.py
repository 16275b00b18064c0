"""Backups stage the records under the store's lock and zip them one file at a time outside
it: what is backed up is the records as they were when staged, and nothing stays behind."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records.audit import AUDIT_NAME
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "data")
    store.create_case(Case(ref="A1", alias="J.B.", referral_date=date(2026, 1, 5)))
    return store


def held(backup: backups.Backup) -> dict[str, bytes]:
    with zipfile.ZipFile(backup.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def notes_in(data: bytes) -> str:
    [row] = json.loads(data)["case"].values()
    return row["responsivity_notes"]


def staging_folders(store: RecordStore) -> list[Path]:
    return sorted((store.data_dir / "backups").glob(f"{backups.STAGING_PREFIX}*"))


def test_a_backup_holds_the_records_as_they_were_when_staged(store: RecordStore) -> None:
    case = store.find_case("A1")
    assert case is not None
    case.responsivity_notes = "Before the backup."
    store.update_case(case)
    staged = backups.read_records(store.data_dir)  # what RecordStore.backup does under its lock
    log_then = (store.data_dir / AUDIT_NAME).read_bytes()
    case.responsivity_notes = "Saved while the backup was being zipped."
    store.update_case(case)  # replaces the case file and appends to the audit log
    result = backups.make_backup(store.data_dir, "start", staged)
    members = held(result.backup)
    assert notes_in(members[f"cases/{case.id}.json"]) == "Before the backup."
    assert members[AUDIT_NAME] == log_then  # the log grows in place: it was copied, not linked
    assert notes_in((store.data_dir / "cases" / f"{case.id}.json").read_bytes()) == (
        "Saved while the backup was being zipped.")
    assert staging_folders(store) == []


def test_a_file_damaged_after_it_was_checked_is_never_backed_up(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.find_case("A1")
    assert case is not None
    path = store.data_dir / "cases" / f"{case.id}.json"
    checked = backups._good_members

    def damaged_in_place_after_checking(staged, sealer):  # type: ignore[no-untyped-def]
        found = checked(staged, sealer)
        with path.open("r+b") as handle:  # damage written into the file itself, as a disk might
            handle.write(b"\x00\x00")
        return found

    monkeypatch.setattr(backups, "_good_members", damaged_in_place_after_checking)
    with pytest.raises(RecordError, match="changed while it was being backed up"):
        store.backup("start")
    assert backups.list_backups(store.data_dir) == []
    assert staging_folders(store) == []


def test_a_crashed_backups_staging_folder_is_removed_by_the_next_backup(store: RecordStore) -> None:
    folder = store.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    crashed = folder / f"{backups.STAGING_PREFIX}999999999-abc"
    crashed.mkdir()
    (crashed / "0.json").write_bytes(b"{}")
    in_flight = backups.read_records(store.data_dir)  # another backup of this process, not yet zipped
    store.backup("start")
    assert not crashed.exists()
    assert in_flight.folder.is_dir() and in_flight.folder in staging_folders(store)
    backups.make_backup(store.data_dir, "start", in_flight)
    assert staging_folders(store) == []
    assert all(b.path.is_file() for b in backups.list_backups(store.data_dir))


def test_an_unreadable_records_file_stops_the_backup_and_leaves_nothing_behind(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(source: object, target: object, **_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refused)
    monkeypatch.setattr(backups.shutil, "copyfile", refused)
    with pytest.raises(RecordError, match="to back it up: "):
        store.backup("start")
    assert staging_folders(store) == []
