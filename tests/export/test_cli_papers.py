"""`srt-tui handout CASE_REF` and `srt-tui plan CASE_REF` as a user runs them: a new file,
its path on stdout, one clear line for a case that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import seed_caseload
from tests.export.test_cli_batch import _clean, run_cli


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    store = seed_caseload(tmp_path / "data")
    case = store.find_case("CRN-007")
    assert case is not None
    store.update_case(type(case).from_dict({**case.to_dict(), "next_plan": ["F01"], "next_plan_note": "Recap"}))
    return tmp_path / "data"


def test_handout_and_plan_write_files(data_dir: Path, tmp_path: Path) -> None:
    handout = run_cli(data_dir, "handout", "CRN-007", "--format", "md", "--out", str(tmp_path / "out"))
    _clean(handout)
    assert handout.returncode == 0, handout.stderr
    path = Path(handout.stdout.strip())
    assert path.name.startswith("handout-P_7-") and path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Your session on ") and "For P.7" in text.split("\n")[2]
    plan = run_cli(data_dir, "plan", "CRN-007", "--format", "pdf", "--out", str(tmp_path / "out"))
    _clean(plan)
    assert plan.returncode == 0, plan.stderr
    assert Path(plan.stdout.strip()).read_bytes().startswith(b"%PDF")
    assert RecordStore(data_dir).find_case("CRN-007").next_plan == ["F01"]  # type: ignore[union-attr]


def test_a_missing_case_or_no_session_is_one_line(data_dir: Path, tmp_path: Path) -> None:
    for args, words in ((("handout", "NOPE-1"), "No case with reference NOPE-1"),
                        (("handout", "CRN-001"), "no sessions yet"),
                        (("plan", "NOPE-1"), "No case with reference NOPE-1")):
        result = run_cli(data_dir, *args, "--out", str(tmp_path / "out"))
        _clean(result)
        assert result.returncode == 1 and words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_handout_and_plan_do_not_load_textual(data_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom srt_tui.cli import main\n"
        f"for command in ('handout', 'plan'):\n"
        f"    assert main(['--data-dir', {str(data_dir)!r}, command, 'CRN-007', '--out', {str(tmp_path)!r}]) == 0\n"
        "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
