"""Large plain records are backed up by a process of their own (srt_tui/records/backup_process.py):
the same backup, the same refusals, one backup at a time across processes, and nothing
under a backup's name if that process dies."""

from __future__ import annotations

import hashlib
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records import backup_process, crypto, encryption
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "data")
    for ref in ("A1", "B2", "C3"):
        case = store.create_case(Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5)))
        session = store.start_session(case.id)
        session.notes = f"Notes of {ref}: [/] [b =1+1 <script>"
        store.save_session(session)
    return store


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """Every records folder counts as large; yields the command of each backup process started."""
    monkeypatch.setattr(backups, "OWN_PROCESS_BYTES", 0)
    started: list[list[str]] = []
    run = backup_process.subprocess.run

    def recorded(command, **kwargs):  # type: ignore[no-untyped-def]
        started.append(command)
        return run(command, **kwargs)

    monkeypatch.setattr(backup_process.subprocess, "run", recorded)
    yield started


def members(backup: backups.Backup) -> dict[str, bytes]:
    with zipfile.ZipFile(backup.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def staging_folders(store: RecordStore) -> list[Path]:
    return sorted((store.data_dir / "backups").glob(f"{backups.STAGING_PREFIX}*"))


def case_path(store: RecordStore, ref: str) -> Path:
    case = store.find_case(ref)
    assert case is not None
    return store.data_dir / "cases" / f"{case.id}.json"


def test_the_backup_process_makes_the_same_backup_byte_for_byte(store: RecordStore,
                                                               processes: list[list[str]]) -> None:
    result = store.backup("start")
    assert len(processes) == 1
    held = members(result.backup)
    on_disk = {"index.json": store.data_dir / "index.json", "audit.log": store.data_dir / "audit.log"}
    on_disk |= {f"cases/{p.name}": p for p in (store.data_dir / "cases").iterdir()}
    assert {name: held[name] for name in on_disk} == {name: path.read_bytes() for name, path in on_disk.items()}
    manifest = json.loads(held["manifest.json"])
    assert manifest["reason"] == "start" and manifest["skipped"] == []
    assert manifest["files"] == {name: hashlib.sha256(data).hexdigest() for name, data in held.items()
                                 if name != "manifest.json"}
    assert backups.check_backup(result.backup) is None
    assert backups.list_backups(store.data_dir) == [result.backup]
    assert staging_folders(store) == []
    assert store.backup("start").unchanged  # the app reads the process's answer as its own


def test_the_backup_process_never_backs_up_a_damaged_file_nor_rotates_while_one_is(
        store: RecordStore, processes: list[list[str]]) -> None:
    store.backup("start")
    damaged = case_path(store, "B2")
    damaged.write_bytes(b'{"case": ')
    for number in range(2):
        (store.data_dir / "audit.log").open("a").write(f'{{"event": "test {number}"}}\n')  # something new to hold
        result = backups.make_backup(store.data_dir, "start", backups.read_records(store.data_dir), keep=1)
        assert result.skipped == [f"cases/{damaged.name}"]
        assert f"cases/{damaged.name}" not in members(result.backup)
        assert result.removed == []
    assert len(processes) == 3
    assert len(backups.list_backups(store.data_dir)) == 3  # keep=1, but the last good copy stays
    assert damaged.read_bytes() == b'{"case": '


def test_the_backup_processs_refusal_comes_back_as_the_same_sentence(store: RecordStore,
                                                                   processes: list[list[str]]) -> None:
    staged = backups.read_records(store.data_dir)
    gone = staged.paths["index.json"]
    gone.unlink()  # the staged index cannot be read any more
    with pytest.raises(RecordError, match=f"Cannot read {gone} to back it up"):
        backups.make_backup(store.data_dir, "start", staged)
    assert len(processes) == 1
    assert backups.list_backups(store.data_dir) == []
    assert staging_folders(store) == []


def test_a_backup_process_killed_while_zipping_leaves_no_backup_and_the_next_one_is_whole(
        store: RecordStore, processes: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = store.backup("start").backup
    command = backup_process._command

    def dies_half_way() -> list[str]:  # writes part of the zip, then ends as a kill would (no cleanup)
        python, flag, boot = command()
        kill = ("import os, srt_tui.records.backup as b\n"
                "def half(stream, members, manifest):\n"
                "    stream.write(b'PK' + bytes(500)); stream.flush(); os._exit(137)\n"
                "b._write_zip = half\n")
        run = "from srt_tui.records.backup_process"
        return [python, flag, boot.replace(run, kill + run)]

    monkeypatch.setattr(backup_process, "_command", dies_half_way)
    (store.data_dir / "audit.log").open("a").write('{"event": "test"}\n')
    with pytest.raises(RecordError, match=r"the backup process ended without finishing \(exit code 137\)"):
        store.backup("start")
    assert backups.list_backups(store.data_dir) == [earlier]
    assert backups.check_backup(earlier) is None
    assert staging_folders(store) == []
    [half] = (store.data_dir / "backups").glob(".backup-*.tmp")  # only a temporary file, never under a backup's name
    monkeypatch.setattr(backup_process, "_command", command)
    store.close()
    reopened = RecordStore(store.data_dir)
    reopened.claim()  # the next start clears it
    assert not half.exists()
    result = reopened.backup("start")
    assert backups.check_backup(result.backup) is None
    assert len(backups.list_backups(store.data_dir)) == 2


def test_a_backup_waits_while_another_is_being_made(store: RecordStore, processes: list[list[str]]) -> None:
    outcome: list[object] = []
    with backups.one_backup_at_a_time(store.data_dir):  # as a backup process of an earlier start would
        making = threading.Thread(target=lambda: outcome.append(store.backup("start")))
        making.start()
        deadline = time.monotonic() + 60
        while not processes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes  # its process is started...
        time.sleep(2.0)  # ...and, three cases being a fraction of a second's work, would be done by now
        assert making.is_alive()
        assert backups.list_backups(store.data_dir) == []
    making.join(timeout=60)
    [result] = outcome
    assert isinstance(result, backups.BackupResult)
    assert backups.list_backups(store.data_dir) == [result.backup]


def test_staging_folders_are_kept_while_a_backup_may_be_reading_them(store: RecordStore) -> None:
    folder = store.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    orphan = folder / f"{backups.STAGING_PREFIX}999999999-abc"  # of an app killed while its backup process runs
    orphan.mkdir()
    (orphan / "0.json").write_bytes(b"{}")
    with backups.one_backup_at_a_time(store.data_dir):
        backups.read_records(store.data_dir).discard()
        assert orphan.is_dir()
    backups.read_records(store.data_dir).discard()
    assert not orphan.exists()


def test_encrypted_records_are_backed_up_in_the_apps_own_process(
        store: RecordStore, processes: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    encryption.set_passphrase(store.data_dir, "correct horse battery")
    try:
        result = store.backup("start")
    finally:
        crypto.forget(store.data_dir)
    assert processes == []  # the data key never leaves this process
    assert all(crypto.is_sealed(data) for name, data in members(result.backup).items()
               if name.endswith(".json") and name != "manifest.json")


def test_without_a_process_the_app_makes_the_backup_itself(store: RecordStore,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backups, "OWN_PROCESS_BYTES", 0)
    monkeypatch.setattr(backup_process.subprocess, "run", refused)
    result = store.backup("start")
    assert backups.check_backup(result.backup) is None
    assert staging_folders(store) == []


def test_small_records_are_backed_up_without_a_process(store: RecordStore, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(backup_process.subprocess, "run", lambda *a, **k: started.append(a))
    store.backup("start")
    assert started == []
