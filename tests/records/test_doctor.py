"""``srt-tui doctor``: plain words about the records and the pack; ``--restore`` from backups."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records.audit import read_events
from srt_tui.records.doctor import check, restore
from srt_tui.records.lock import LockedError
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from tests.records.test_lock import Holder


def run_doctor(data: Path, *args: str, pack: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "srt_tui", "--data-dir", str(data)]
    if pack is not None:
        command += ["--content", str(pack)]
    return subprocess.run([*command, "doctor", *args], capture_output=True, text=True, timeout=60)


def everything(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Two cases with an ended session each (so backups exist), released for other processes."""
    store = RecordStore(tmp_path / "data")
    for ref in ("A1", "B2"):
        case = store.create_case(Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5)))
        session = store.start_session(case.id)
        session.notes = f"Good notes of {ref}"
        store.end_session(session)
        store.backup("session-ended")  # as the app does after each end
    store.close()
    return store.data_dir


def case_file(data: Path, ref: str) -> Path:
    case = RecordStore(data).find_case(ref)
    assert case is not None
    return data / "cases" / f"{case.id}.json"


def test_healthy_records_and_pack_pass(data: Path) -> None:
    result = run_doctor(data)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "ok: 2 case file(s) read cleanly in" in result.stdout
    assert "ok: The case list (index.json) lists 2 case(s)." in lines
    assert any(line.startswith("ok: 2 backup(s) read back whole; the newest is the backup of ") for line in lines)
    assert "ok: The audit log holds" in result.stdout
    assert any(line.startswith("ok: The content pack in ") for line in lines)
    assert lines[-1] == "No problems found." and result.stderr == ""


def test_no_records_yet_is_fine(tmp_path: Path) -> None:
    result = run_doctor(tmp_path / "nothing")
    assert result.returncode == 0
    assert not (tmp_path / "nothing").exists()


def test_a_damaged_case_is_named_with_its_fix_and_checking_changes_nothing(data: Path) -> None:
    path = case_file(data, "B2")
    path.write_bytes(path.read_bytes()[:100])
    before = everything(data)
    result = run_doctor(data)
    assert result.returncode == 1
    [problem] = [line for line in result.stdout.splitlines() if line.startswith("problem:")]
    assert problem.startswith(f"problem: The file of case B2 ({path}) is damaged: not valid JSON. "
                              "It has been left untouched; run srt-tui doctor --restore to put back the copy "
                              "from the backup of ")
    assert result.stderr == f"srt-tui: 1 problem(s) found in {data}\n"
    assert everything(data) == before


def test_restore_keeps_the_damaged_file_aside_and_puts_back_the_backup(data: Path) -> None:
    path = case_file(data, "B2")
    damaged = path.read_bytes()[:100]
    path.write_bytes(damaged)
    result = run_doctor(data, "--restore")
    assert result.returncode == 0, result.stdout + result.stderr
    [restored] = [line for line in result.stdout.splitlines() if line.startswith("ok: Restored case B2 from")]
    [aside] = list((data / "damaged").iterdir())
    assert aside.read_bytes() == damaged and str(aside) in restored
    store = RecordStore(data)
    [session] = store.sessions(path.stem)
    assert session.notes == "Good notes of B2"
    assert [s.ref for s in store.list_cases()] == ["A1", "B2"]
    assert read_events(data).events[-1]["event"] == "case_restored"
    assert "note: 1 damaged file(s) are kept aside for recovery by hand" in result.stdout


def test_a_missing_case_file_is_a_problem_and_is_restored(data: Path) -> None:
    path = case_file(data, "A1")
    path.unlink()
    report = check(data)
    assert report.problems == 1
    assert any("Case A1 is in the case list but its file is missing" in text for _, text in report.lines)
    assert "ok: Restored case A1 from the backup of " in "\n".join(restore(data).render())
    assert path.exists() and check(data).problems == 0


def test_with_no_good_copy_the_file_is_left_as_it_is(data: Path) -> None:
    for backup in (data / "backups").iterdir():
        backup.unlink()
    path = case_file(data, "A1")
    path.write_bytes(b"\xff")
    assert "no backup holds a good copy; keep the file for recovery by hand" in "\n".join(check(data).render())
    report = restore(data)
    assert report.problems == 1 and path.read_bytes() == b"\xff"


def test_a_damaged_index_is_a_problem_that_restore_rebuilds(data: Path) -> None:
    (data / "index.json").write_bytes(b"[")
    assert check(data).problems == 1
    restore(data)
    assert check(data).problems == 0
    assert len(list(data.glob("index.damaged-*.json"))) == 1


def test_restore_is_refused_while_the_records_are_open_elsewhere(data: Path) -> None:
    path = case_file(data, "B2")
    path.write_bytes(b"garbage")
    holder = Holder(data)
    try:
        with pytest.raises(LockedError):
            restore(data)
        result = run_doctor(data, "--restore")
        assert result.returncode == 1
        assert result.stderr.startswith("srt-tui: nothing was restored: These records are open in another")
        assert "note: The records are open in srt-tui now (process " in run_doctor(data).stdout
    finally:
        holder.kill()
    assert path.read_bytes() == b"garbage"
    assert "did not close normally" in run_doctor(data).stdout


def test_content_pack_problems_are_reported(data: Path, tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "toolkit.toml").write_text('[pack]\ntitle = "x"\nversion = \n', encoding="utf-8")
    result = run_doctor(data, pack=tmp_path / "pack")
    assert result.returncode == 1
    assert any(line.startswith("problem: Content pack: ") and "toolkit.toml" in line
               for line in result.stdout.splitlines())
