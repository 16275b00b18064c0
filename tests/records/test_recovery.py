"""What the app is told about damaged and missing case files, and restoring them inside it;
backups that cannot race a deletion; a backup killed half way never counts."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records.audit import read_events
from srt_tui.records.doctor import find_damage, restore_cases, start_checks
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    """Three cases, backed up once (as the app does when it starts)."""
    store = RecordStore(tmp_path / "data")
    for ref in ("A1", "B2", "C3"):
        store.create_case(Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5), id=f"id-{ref.lower()}"))
    store.backup("start")
    return store


def case_file(store: RecordStore, case_id: str) -> Path:
    return store.data_dir / "cases" / f"{case_id}.json"


def fingerprints(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_start_checks_say_nothing_when_all_is_well(store: RecordStore) -> None:
    report = start_checks(store)
    assert report.messages == [] and report.damage == []


def test_start_checks_name_a_damaged_case_with_its_newest_good_backup(store: RecordStore) -> None:
    good = backups.list_backups(store.data_dir)[0]
    case_file(store, "id-b2").write_bytes(b'{"case": ')
    report = start_checks(store)
    assert report.messages == []
    [damage] = report.damage
    assert (damage.case_id, damage.ref, damage.problem) == ("id-b2", "B2", "damaged (not valid JSON)")
    assert damage.path == case_file(store, "id-b2") and damage.copy == good
    assert damage.name == "case B2"
    assert case_file(store, "id-b2").read_bytes() == b'{"case": '  # untouched
    assert len(backups.list_backups(store.data_dir)) == 2  # the start backup, without the damaged file


def test_a_case_file_gone_from_under_the_index_is_reported_missing(store: RecordStore) -> None:
    case_file(store, "id-c3").unlink()
    assert [s.ref for s in store.list_cases()] == ["A1", "B2"]  # the case list drops its row...
    [damage] = start_checks(store).damage  # ...but it is not forgotten
    assert (damage.case_id, damage.ref, damage.problem) == ("id-c3", "C3", "missing")
    assert damage.copy is not None


def test_the_reference_comes_from_the_backup_when_the_index_no_longer_knows_the_case(
    store: RecordStore,
) -> None:
    case_file(store, "id-a1").write_bytes(b"\xff")
    (store.data_dir / "index.json").write_bytes(b"[")  # damaged: rebuilt without the damaged case
    [damage] = start_checks(store).damage
    assert (damage.case_id, damage.ref) == ("id-a1", "A1")


def test_with_no_good_copy_the_damage_says_so(store: RecordStore) -> None:
    for backup in backups.list_backups(store.data_dir):
        backup.path.unlink()
    case_file(store, "id-a1").write_bytes(b"{}")
    [damage] = start_checks(store).damage
    assert damage.copy is None and damage.problem == "damaged (it should hold exactly one case)"
    assert damage.ref == "A1"


def test_find_damage_in_a_read_only_store_finds_both_kinds_and_writes_nothing(store: RecordStore) -> None:
    case_file(store, "id-a1").write_bytes(b"garbage")
    case_file(store, "id-c3").unlink()
    store.close()
    before = fingerprints(store.data_dir)
    found = find_damage(RecordStore(store.data_dir, read_only=True))
    assert [(d.ref, d.problem) for d in found] == [("A1", "damaged (not valid JSON)"), ("C3", "missing")]
    assert all(d.copy is not None for d in found)
    assert fingerprints(store.data_dir) == before


def test_restore_cases_puts_the_files_back_and_keeps_the_damaged_one_aside(store: RecordStore) -> None:
    good_b2 = case_file(store, "id-b2").read_bytes()
    good_c3 = case_file(store, "id-c3").read_bytes()
    case_file(store, "id-b2").write_bytes(b"garbage")
    case_file(store, "id-c3").unlink()
    damage = start_checks(store).damage
    report = restore_cases(store, damage)
    assert report.problems == 0
    assert case_file(store, "id-b2").read_bytes() == good_b2
    assert case_file(store, "id-c3").read_bytes() == good_c3
    [aside] = (store.data_dir / backups.DAMAGED_DIR).iterdir()
    assert aside.name.startswith("id-b2.") and aside.read_bytes() == b"garbage"
    texts = [text for _, text in report.lines]
    assert texts[0].startswith("Restored case B2 from the backup of ") and str(aside) in texts[0]
    assert texts[1].startswith("Restored case C3 from the backup of ")
    assert [s.ref for s in store.list_cases()] == ["A1", "B2", "C3"]
    assert [e["event"] for e in read_events(store.data_dir).events[-2:]] == ["case_restored"] * 2
    assert find_damage(store) == []  # the vanished case is back, so no longer reported


def test_delete_waits_for_a_backup_in_progress_so_it_cannot_bring_the_case_back(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup staged before the deletion must not be written after it (it holds the case)."""
    zipping, finish = threading.Event(), threading.Event()
    real = backups.make_backup

    def slow(*args: object, **kwargs: object) -> backups.BackupResult:
        zipping.set()
        finish.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "make_backup", slow)
    store.update_case(Case(ref="B2", alias="Changed", referral_date=date(2026, 1, 5), id="id-b2",
                           created_at=store.get_case("id-b2").created_at))
    backup = threading.Thread(target=store.backup, args=("session-ended",))
    backup.start()
    assert zipping.wait(30)  # staged, holding B2
    deleting = threading.Thread(target=store.delete_case, args=("id-b2",), kwargs={"from_backups": True})
    deleting.start()
    deleting.join(0.3)
    assert deleting.is_alive()  # waits for the backup in progress
    finish.set()
    backup.join(30)
    deleting.join(30)
    assert len(backups.list_backups(store.data_dir)) == 2
    for made in backups.list_backups(store.data_dir):
        with zipfile.ZipFile(made.path) as archive:
            assert "cases/id-b2.json" not in archive.namelist()
    assert backups.holding(store.data_dir, "id-b2") == []


def test_holding_counts_the_backups_with_the_case_file_or_its_row(store: RecordStore) -> None:
    assert backups.holding(store.data_dir, "id-a1") == backups.list_backups(store.data_dir)
    case_file(store, "id-a1").write_bytes(b"garbage")  # left out of the next backup, row kept
    store.update_case(Case(ref="B2", alias="Changed", referral_date=date(2026, 1, 5), id="id-b2",
                           created_at=store.get_case("id-b2").created_at))
    store.backup("start")
    assert len(backups.holding(store.data_dir, "id-a1")) == 2
    assert backups.holding(store.data_dir, "id-none") == []


KILLED_MID_ZIP = textwrap.dedent("""
    import sys, time, zipfile
    from srt_tui.records.store import RecordStore
    real = zipfile.ZipFile.writestr
    def slow(self, name, data, *args, **kwargs):
        real(self, name, data, *args, **kwargs)
        self.fp.flush()
        print("zipping", flush=True)
        time.sleep(60)  # killed here, half way through the zip
    zipfile.ZipFile.writestr = slow
    RecordStore(sys.argv[1]).backup("session-ended")
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_backup_killed_half_way_leaves_no_backup_and_its_leftovers_are_cleared(store: RecordStore) -> None:
    """What a quit that cannot wait (the terminal closed, a kill) does to a backup in progress."""
    store.update_case(Case(ref="B2", alias="Changed", referral_date=date(2026, 1, 5), id="id-b2",
                           created_at=store.get_case("id-b2").created_at))
    before = backups.list_backups(store.data_dir)
    store.close()
    child = subprocess.Popen([sys.executable, "-c", KILLED_MID_ZIP, str(store.data_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "zipping\n", child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    folder = store.data_dir / "backups"
    partial = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(partial) == 1 and partial[0].stat().st_size > 0  # the half-written zip...
    assert backups.list_backups(store.data_dir) == before  # ...is not a backup
    assert all(backups.check_backup(b) is None for b in before)
    reopened = RecordStore(store.data_dir)
    reopened.claim()  # the next writer clears what the killed one left
    assert not partial[0].exists()
    reopened.backup("start")  # and the next backup clears its staging folder
    assert [p.name for p in folder.iterdir() if not p.name.startswith("backup-")] == []
    assert len(backups.list_backups(store.data_dir)) == len(before) + 1
