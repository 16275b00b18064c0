"""The command line: one clear line and an exit code for every mistake, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from srt_tui import __version__


def run_cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "srt_tui"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(command + list(args), capture_output=True, text=True, timeout=60)


def test_version_prints_the_package_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"srt-tui {__version__}"


def test_unknown_argument_is_one_line_and_exit_2() -> None:
    result = run_cli("--no-such-flag")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_content_check_passes_on_the_demo_pack(demo_pack_path: Path) -> None:
    result = run_cli("content", "check", str(demo_pack_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_content_check_lists_problems_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "toolkit.toml").write_text('[pack]\ntitle = "x"\nversion = \n', encoding="utf-8")
    result = run_cli("content", "check", str(tmp_path))
    assert result.returncode == 1
    assert "toolkit.toml" in result.stdout
    assert "line 3" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_app_refuses_to_start_on_a_broken_pack(tmp_path: Path) -> None:
    result = run_cli("--content", str(tmp_path), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "toolkit.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_of_an_unknown_case_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("export", "NOPE-1", "--out", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "NOPE-1" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_import_of_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "missing.json"), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("srt-tui: ")
    assert "Traceback" not in result.stderr


def test_output_piped_to_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """As with ``srt-tui content check DIR | head -1``: the reader is gone before the output is written."""
    command = [sys.executable, "-m", "srt_tui", "content", "check", str(tmp_path / "missing")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the program has started: its first write finds no reader
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 141  # 128 + SIGPIPE, as a shell reports it
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
