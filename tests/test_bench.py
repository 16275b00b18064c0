"""The benchmark runner runs end to end (on a tiny caseload) and prints its table.

Only that it runs and what it prints are checked, never how fast anything was: timings
belong in ``python -m bench``, not in tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bench.run_all import _player_figure

ROOT = Path(__file__).resolve().parent.parent


def test_the_runner_prints_every_item_with_target_figure_and_result(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--cases", "12", "--no-player", "--data-root", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert re.search(r"^#\s+measure\s+data set\s+target\s+figure\s+result$", out, re.MULTILINE)
    for item in "1234567":
        assert re.search(rf"^{item}  ", out, re.MULTILINE), f"no row for item {item}:\n{out}"
    assert "ratio to minimal" in out and "12 cases" in out
    assert re.search(r"export every case as HTML.*\(12 files", out)
    assert re.search(r"^5  export 12 cases as PDF, export_all \(per case\)", out, re.MULTILINE)
    audit = (tmp_path / "office-12x30-v1" / "records" / "audit.log").read_text(encoding="utf-8")
    assert '"exported"' not in audit  # the exports ran on a copy of the cached caseload
    assert re.search(r"^3  filter as you type: key to painted frame .*p95 < 16 ms .* (pass|FAIL)$", out, re.MULTILINE)
    assert re.search(r"^6  peak memory .*< 150 MB .* MB +(pass|FAIL)$", out, re.MULTILINE)
    assert "skipped (--no-player)" in out
    assert (tmp_path / "office-12x30-v1" / "dataset.json").is_file()  # cached for the next run


def test_the_player_figure_is_read_from_what_bench_player_prints() -> None:
    assert _player_figure("warming up\nkeypress to playing: median 61.0 ms, p95 88.5 ms\n") == ("p95", 0.0885)
    assert _player_figure("keypress to playing median 70 ms") == ("median", 0.070)
    assert _player_figure("no figures here") is None
