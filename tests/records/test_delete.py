"""Deleting a case (retention): from the records, and on request from every backup."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore


def new_case(ref: str, alias: str = "J.B.") -> Case:
    return Case(ref=ref, alias=alias, referral_date=date(2026, 1, 5))


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "data")
    keep = store.create_case(new_case("KEEP-1"))
    gone = store.create_case(new_case("GONE-1", alias="Z.Q."))
    for case in (keep, gone):
        session = store.start_session(case.id)
        session.notes = f"Notes of {case.ref}"
        store.end_session(session)
        store.backup("session-ended")  # as the app does after each end: each holds both cases
    return store


def backup_text(store: RecordStore) -> list[str]:
    texts = []
    for backup in backups.list_backups(store.data_dir):
        with zipfile.ZipFile(backup.path) as archive:
            texts.append("".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()))
    return texts


def test_deleting_removes_the_case_from_the_records_but_not_the_backups(store: RecordStore) -> None:
    gone = store.find_case("GONE-1")
    assert gone is not None
    deletion = store.delete_case(gone.id)
    assert deletion.removed == [f"case GONE-1: its records file {gone.id}.json with 1 session(s)",
                                "its row in the case list (index.json)"]
    assert deletion.left == ["the backups (delete it from them too to remove every copy)"]
    assert [s.ref for s in store.list_cases()] == ["KEEP-1"]
    assert not (store.data_dir / "cases" / f"{gone.id}.json").exists()
    assert [s.ref for s in RecordStore(store.data_dir).list_cases()] == ["KEEP-1"]
    assert all("GONE-1" in text for text in backup_text(store))
    with pytest.raises(RecordError, match="There is no case"):
        store.delete_case(gone.id)


def test_deleting_from_backups_leaves_no_copy_anywhere(store: RecordStore) -> None:
    gone = store.find_case("GONE-1")
    assert gone is not None
    aside = store.data_dir / "damaged" / f"{gone.id}.20260101T000000000000Z.json"
    aside.parent.mkdir()
    aside.write_bytes(b"an old damaged copy")
    deletion = store.delete_case(gone.id, from_backups=True)
    assert deletion.removed == [f"case GONE-1: its records file {gone.id}.json with 1 session(s)",
                                "its row in the case list (index.json)", "it from 2 backup(s)",
                                f"the damaged copy {aside.name}"]
    assert deletion.left == []
    texts = backup_text(store)
    assert len(texts) == 2
    assert not any("GONE-1" in t or "Z.Q." in t or "Notes of GONE" in t for t in texts)
    for backup in backups.list_backups(store.data_dir):
        with zipfile.ZipFile(backup.path) as archive:
            assert f"cases/{gone.id}.json" not in archive.namelist()
            outside_audit = [archive.read(n) for n in archive.namelist() if n != "audit.log"]
        assert not any(gone.id.encode() in data for data in outside_audit)  # the audit log keeps only its id
    assert all("KEEP-1" in t and "Notes of KEEP-1" in t for t in texts)  # the rest is kept
    assert all(backups.check_backup(b) is None for b in backups.list_backups(store.data_dir))
    assert not aside.exists()


def test_a_damaged_case_can_still_be_deleted(store: RecordStore) -> None:
    gone = store.find_case("GONE-1")
    assert gone is not None
    (store.data_dir / "cases" / f"{gone.id}.json").write_bytes(b"garbage")
    (store.data_dir / "index.damaged-20260101T000000000000Z.json").write_bytes(b"{ old")
    deletion = store.delete_case(gone.id, from_backups=True)
    assert deletion.sessions is None
    assert deletion.removed[0] == (f"case GONE-1: its records file {gone.id}.json with its sessions "
                                   "(the file was damaged)")
    assert any("index.damaged-20260101T000000000000Z.json" in line and "delete it by hand" in line
               for line in deletion.left)
    assert [s.ref for s in store.list_cases()] == ["KEEP-1"]


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "srt_tui", "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=60)


def test_the_cli_says_what_would_go_and_deletes_only_with_yes(store: RecordStore) -> None:
    gone = store.find_case("GONE-1")
    assert gone is not None
    store.close()
    data = store.data_dir
    result = run_cli(data, "delete", "gone-1", "--from-backups")
    assert result.returncode == 1
    assert result.stdout == (
        "This would delete case GONE-1 (Z.Q.) and its 1 session(s) from the records and every backup.\n"
    )
    assert result.stderr == "srt-tui: nothing was deleted: run again with --yes to delete it\n"
    assert [s.ref for s in RecordStore(data).list_cases()] == ["GONE-1", "KEEP-1"]
    RecordStore(data).close()

    result = run_cli(data, "delete", "GONE-1", "--from-backups", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"deleted: case GONE-1: its records file {gone.id}.json with 1 session(s)",
        "deleted: its row in the case list (index.json)",
        "deleted: it from 2 backup(s)",
        "Exports written earlier are not touched: delete any you no longer need yourself.",
    ]
    assert [s.ref for s in RecordStore(data).list_cases()] == ["KEEP-1"]

    result = run_cli(data, "delete", "NOPE\x1b[31m")
    assert result.returncode == 1
    assert result.stderr == "srt-tui: no case with reference NOPE; nothing was deleted\n"
