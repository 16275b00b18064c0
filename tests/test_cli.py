"""The command line: one clear line and an exit code for every mistake, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srt_tui import __version__, cli


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


def test_starting_the_app_builds_no_command_parsers_and_anything_else_gets_the_full_parser(
        monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    real = cli._add_commands
    monkeypatch.setattr(cli, "_add_commands", lambda commands: (built.append(1), real(commands)))
    _, args = cli.parse_args(["--data-dir", "records", "--read-only"])
    assert built == [] and args.command is None and args.read_only and args.data_dir == Path("records")
    _, args = cli.parse_args(["--data-dir", "export"])  # a folder named like a command is a folder
    assert built == [] and args.command is None and args.data_dir == Path("export")
    _, args = cli.parse_args(["export", "CRN-1", "--format", "csv"])
    assert built == [1] and (args.command, args.case_ref, args.format) == ("export", "CRN-1", "csv")
    with pytest.raises(SystemExit) as exit_:
        cli.parse_args(["--data-dir", "records", "--no-such-flag"])
    assert exit_.value.code == 2 and built == [1, 1]


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "doctor" in result.stdout and "export" in result.stdout and "--data-dir" in result.stdout
    assert "(content check, export, import, report)." in " ".join(result.stdout.split())


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
