"""The crash harness (bench/crash_harness.py) at a small count, and a check that it can fail.

``python bench/crash_harness.py --kills 200`` is the large run; this one kills the saving
process ten times at random moments with a fresh seed, which is printed if it fails.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "crash_harness.py"


def load_harness():
    if "crash_harness" not in sys.modules:
        spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["crash_harness"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["crash_harness"]


def test_ten_kills_lose_nothing_acknowledged_and_corrupt_nothing() -> None:
    seed = random.randrange(1_000_000)
    result = subprocess.run(
        [sys.executable, str(HARNESS), "--kills", "10", "--seed", str(seed), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"seed {seed}:\n{result.stdout}\n{result.stderr}"
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["kills"] == 10
    assert figures["corrupt_files"] == 0 and figures["lost_acknowledged"] == 0
    assert figures["problems_opening"] == 0
    assert figures["acknowledged_changes"] > 0  # the child really was saving when killed
    assert figures["audit_events_at_end"] > 0


def test_the_checker_reports_an_acknowledged_save_that_is_not_on_disk(tmp_path: Path) -> None:
    harness = load_harness()
    data = tmp_path / "data"
    store = RecordStore(data)
    case = store.create_case(Case(ref="A1", alias="J.B.", referral_date=date(2026, 1, 5)))
    session = store.start_session(case.id)
    session.notes = "what is on disk"
    store.save_session(session)
    store.close()
    expect = harness.Expect()
    expect.apply([
        {"k": "try", "op": "save", "case": case.id, "session": session.id, "sha": harness.digest("newer")},
        {"k": "ack", "op": "save", "case": case.id, "session": session.id, "sha": harness.digest("newer")},
        {"k": "ack", "op": "create", "case": "0" * 32},
    ])
    lost, problems = harness.check(data, expect)
    assert problems == []
    assert any(session.id in line and "notes" in line for line in lost)
    assert any("0" * 32 in line and "missing" in line for line in lost)
    assert any("audit log" in line and "case_created" in line for line in lost)


def test_the_checker_finds_a_damaged_file(tmp_path: Path) -> None:
    harness = load_harness()
    data = tmp_path / "data"
    case = RecordStore(data).create_case(Case(ref="A1", alias="J.B.", referral_date=date(2026, 1, 5)))
    RecordStore(data).close()
    path = data / "cases" / f"{case.id}.json"
    path.write_bytes(path.read_bytes()[:-20])
    assert [line.split(":")[0] for line in harness.corrupt_files(data)] == [path.name]
