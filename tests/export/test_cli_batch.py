"""`srt-tui report` and `srt-tui export --all` run as a user runs them (a subprocess): exit
codes, paths on stdout, one line per problem on stderr, a progress bar, Ctrl+C, and no
traceback ever; neither loads Textual."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import seed_caseload


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "srt_tui", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    seed_caseload(tmp_path / "data")
    return tmp_path / "data"


def _clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_report_writes_html_and_prints_its_path(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(data_dir, "report", "--out", str(tmp_path / "out"))
    _clean(result)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path / "out" and path.name == f"caseload-{date.today().isoformat()}.html"
    html = path.read_text(encoding="utf-8")
    assert "Cases per category" in html and "CRN-007" in html
    assert "reading cases [" in result.stderr and "7/7" in result.stderr
    assert result.stderr.strip().endswith("caseload report of 7 cases written")


def test_report_csv_with_filters(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(data_dir, "report", "--format", "csv", "--out", str(tmp_path), "--practitioner", "A. Adams",
                     "--from", "2026-01-10", "--to", "2026-02-28", "--state", "breached")
    _clean(result)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.name.startswith("caseload-A_Adams-") and path.suffix == ".csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert ["Practitioner", "A. Adams"] in rows and ["State", "Breached"] in rows
    assert ["Referred", "from 2026-01-10 to 2026-02-28"] in rows
    cases = rows.index(["Cases"])
    assert [row[0] for row in rows[cases + 2 :] if row and row[0].startswith("CRN")] == ["CRN-002", "CRN-004"]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["report", "--from", "2026-02-30"], 2, "is not a date"),
        (["report", "--state", "lost"], 2, "invalid choice"),
        (["report", "--from", "2026-03-01", "--to", "2026-01-01"], 1, "back to front"),
        (["report", "--format", "pdf"], 2, "invalid choice"),
        (["export"], 2, "CASE_REF or --all"),
        (["export", "CRN-001", "--all"], 2, "CASE_REF or --all"),
        (["export", "--all", "--format", "docx"], 2, "invalid choice"),
    ],
)
def test_mistakes_are_one_line_and_an_exit_code(data_dir: Path, tmp_path: Path, args: list[str], code: int,
                                                says: str) -> None:
    result = run_cli(data_dir, *args, *(["--out", str(tmp_path / "out")] if args[0] == "report" else []))
    _clean(result)
    assert result.returncode == code
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_all_writes_every_case_with_a_progress_bar(data_dir: Path, tmp_path: Path) -> None:
    result = run_cli(data_dir, "export", "--all", "--format", "pdf", "--out", str(tmp_path / "out"))
    _clean(result)
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip())
    assert folder.parent == tmp_path / "out"
    assert len([p for p in folder.iterdir() if p.suffix == ".pdf"]) == 7
    progress = [line for line in result.stderr.splitlines() if line.startswith("exporting [")]
    assert len(progress) == 7 and progress[-1].startswith("exporting [########################] 7/7")
    assert result.stderr.strip().endswith(f"7 cases: 7 written to {folder}, 0 failed")


def test_export_one_case_as_pdf_and_csv(data_dir: Path, tmp_path: Path) -> None:
    for fmt in ("pdf", "csv"):
        result = run_cli(data_dir, "export", "crn-006", "--format", fmt, "--out", str(tmp_path))
        _clean(result)
        assert result.returncode == 0, result.stderr
        assert Path(result.stdout.strip()).name == f"case-CRN-006-{date.today().isoformat()}.{fmt}"


def test_export_all_reports_a_failure_and_goes_on(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "cases" / "case-003.json").write_text("garbage", encoding="utf-8")
    result = run_cli(data_dir, "export", "--all", "--format", "html", "--out", str(tmp_path / "out"))
    _clean(result)
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("srt-tui: failed: ")]
    assert len(failed) == 1 and failed[0].startswith("srt-tui: failed: CRN-003: ")
    assert len(list(Path(result.stdout.strip()).iterdir())) == 6
    assert "6 written to" in result.stderr and "1 failed" in result.stderr


def test_ctrl_c_stops_a_batch_cleanly_with_a_summary(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    count = 120
    for number in range(count):
        store.create_case(Case(ref=f"MANY-{number:04d}", alias="A.B.", referral_date=date(2026, 1, 1),
                               id=f"many-{number:04d}"))
    command = [sys.executable, "-m", "srt_tui", "--data-dir", str(tmp_path / "data"),
               "export", "--all", "--format", "pdf", "--out", str(tmp_path / "out")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    first = process.stderr.readline()  # one line per case when stderr is not a terminal
    assert first.startswith("exporting ["), first
    process.send_signal(signal.SIGINT)
    stdout, rest = process.communicate(timeout=120)
    stderr = first + rest
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert process.returncode == 130, stderr
    folder = Path(stdout.strip())
    written = sorted(folder.iterdir())
    summary = stderr.strip().splitlines()[-1]
    assert summary.startswith("srt-tui: stopped after ") and f" of {count} cases: " in summary
    assert f"{len(written)} written to {folder}, 0 failed" in summary
    assert 1 <= len(written) < count
    assert all(p.suffix == ".pdf" and p.stat().st_size > 1000 for p in written)  # no half-written file


def test_supervisor_imports_bundles_from_two_practitioners_and_reports_on_both(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop"
    seed_caseload(laptop)
    bundles = []
    for ref in ("CRN-001", "CRN-005"):
        result = run_cli(laptop, "export", ref, "--format", "json", "--out", str(tmp_path / "bundles"))
        assert result.returncode == 0, result.stderr
        bundles.append(result.stdout.strip())
    supervisor = tmp_path / "supervisor"
    for bundle in bundles:
        result = run_cli(supervisor, "import", bundle)
        _clean(result)
        assert result.returncode == 0, result.stderr
    result = run_cli(supervisor, "report", "--format", "csv", "--out", str(tmp_path / "reports"))
    assert result.returncode == 0, result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8-sig")
    assert '"CRN-001","P.1","A. Adams"' in text and '"CRN-005","P.5","B. Brown"' in text


@pytest.mark.parametrize("args", [["report"], ["export", "--all", "--format", "pdf"]])
def test_report_and_batch_export_do_not_load_textual(data_dir: Path, tmp_path: Path, args: list[str]) -> None:
    code = (
        "import sys\n"
        "from srt_tui.cli import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, *{args!r}, '--out', {str(tmp_path)!r}])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('textual modules:', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("textual modules: []")


def test_the_cli_choices_match_the_export_code() -> None:
    from srt_tui.cli import CASE_STATES, EXPORT_FORMATS
    from srt_tui.export import FORMATS
    from srt_tui.export.report import REPORT_FORMATS
    from srt_tui.records.model import CaseState

    assert EXPORT_FORMATS == tuple(FORMATS)
    assert CASE_STATES == tuple(state.value for state in CaseState)
    assert tuple(REPORT_FORMATS) == ("html", "csv")
