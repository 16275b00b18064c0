"""--player-args: split like a shell on Linux and macOS, and without eating Windows paths."""

from __future__ import annotations

import subprocess
import sys

import pytest

from srt_tui.cli import build_parser, main
from srt_tui.player.vlc_player import split_player_args


def test_the_test_options_split_into_two() -> None:
    assert split_player_args("--vout=dummy --aout=dummy", windows=False) == ["--vout=dummy", "--aout=dummy"]
    assert split_player_args("--vout=dummy --aout=dummy", windows=True) == ["--vout=dummy", "--aout=dummy"]


def test_quotes_group_words() -> None:
    assert split_player_args('--sub-text-scale=150 --freetype-font="DejaVu Sans"', windows=False) == [
        "--sub-text-scale=150", "--freetype-font=DejaVu Sans"]


def test_windows_paths_keep_their_backslashes() -> None:
    text = r'--sub-file="C:\Users\Jo Smith\clip.srt" --fullscreen'
    assert split_player_args(text, windows=True) == [r"--sub-file=C:\Users\Jo Smith\clip.srt", "--fullscreen"]


@pytest.mark.parametrize("windows", [False, True])
def test_an_unclosed_quote_is_an_error(windows: bool) -> None:
    with pytest.raises(ValueError):
        split_player_args('--freetype-font="DejaVu', windows=windows)


def test_the_command_line_takes_them(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["--player-args", "--vout=dummy --aout=dummy"])
    assert args.player_args == ["--vout=dummy", "--aout=dummy"]
    assert build_parser().parse_args([]).player_args == []
    with pytest.raises(SystemExit) as raised:
        main(["--player-args", '"oops'])
    assert raised.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("srt-tui: argument --player-args: cannot read the VLC options") and error.count("\n") == 1


def test_the_player_package_never_imports_textual() -> None:
    code = ("import sys; import srt_tui.player.vlc_player, srt_tui.player.remote, srt_tui.player.watching, "
            "srt_tui.player.vlc_child; print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"
