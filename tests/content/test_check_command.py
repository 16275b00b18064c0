"""``srt-tui content check DIR`` and app start on a broken pack, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from srt_tui.content.check import check_pack
from tests.content.pack_factory import VALID_MANIFEST, edit, line_of, write_pack

F01, F02, T01 = line_of('id = "F01"'), line_of('id = "F02"'), line_of('id = "T01"')


def srt_tui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "srt_tui", *args], capture_output=True,
                          text=True, timeout=60)


def test_a_valid_pack_passes(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    result = srt_tui("content", "check", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{root}: content pack is valid\n"
    assert "Traceback" not in result.stderr


def test_each_problem_is_one_stdout_line_and_exit_1(tmp_path: Path) -> None:
    manifest = edit("minutes = 10", 'minutes = "ten"')
    manifest = edit('id = "q2"', 'id = "q1"', manifest)
    manifest = edit('aim = "Spot early warning signs."', 'aim = ""', manifest)
    root = write_pack(tmp_path / "pack", manifest, skip=("clips/T01.mp4",))
    result = srt_tui("content", "check", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [str(problem) for problem in check_pack(root)]
    assert lines == [
        f"toolkit.toml:{F01}: exercise F01: minutes: must be a whole number, not 'ten'",
        f"toolkit.toml:{F01}: exercise F01: questions[1].id: "
        "duplicate question id 'q1': questions[0] has it too",
        f"toolkit.toml:{F02}: exercise F02: aim: must not be empty",
        f"toolkit.toml:{T01}: exercise T01: clips[0].file: "
        "clip file clips/T01.mp4 not found",
    ]
    assert result.stderr == f"4 problem(s) in {root}\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", edit("minutes = 15", "minutes = = 15"))
    result = srt_tui("content", "check", str(root))
    assert result.returncode == 1
    line = line_of("minutes = 15")
    assert result.stdout.startswith(f"toolkit.toml:{line}: TOML syntax error: ")
    assert f"(at line {line}, column" in result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = srt_tui("content", "check", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"toolkit.toml: content pack folder '{tmp_path / 'nowhere'}' not found"]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_app_will_not_start_on_a_broken_pack(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", VALID_MANIFEST, skip=("clips/F01-female.srt",))
    result = srt_tui("--data-dir", str(tmp_path / "data"), "--content", str(root))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"toolkit.toml:{F01}: exercise F01: clips[0].subtitles: "
        "subtitles file clips/F01-female.srt not found",
        "srt-tui: cannot start: the content pack has problems (listed above)",
    ]
