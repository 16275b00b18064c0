"""Opening a clip in the VLC program: the command line, and a real process started."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from srt_tui.content.model import Clip
from srt_tui.player.external import PlayerError, find_vlc, install_hint, open_in_vlc, vlc_command


def a_clip(tmp_path: Path, subtitles: bool = True) -> Clip:
    video = tmp_path / "clip [1].mp4"
    video.write_bytes(b"not really a video")
    srt = tmp_path / "clip.srt"
    if subtitles:
        srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n", encoding="utf-8")
    return Clip(video, 1.0, subtitles=srt if subtitles else None)


def test_command_has_subtitles_and_the_file_as_one_argument(tmp_path: Path) -> None:
    clip = a_clip(tmp_path)
    command = vlc_command(Path("/opt/vlc"), clip)
    assert command[0] == "/opt/vlc"
    assert f"--sub-file={clip.subtitles}" in command
    assert command[-1] == str(clip.file)


def test_command_without_subtitles(tmp_path: Path) -> None:
    command = vlc_command(Path("vlc"), a_clip(tmp_path, subtitles=False))
    assert not any(part.startswith("--sub-file") for part in command)


def test_missing_vlc_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_vlc(platform="linux") is None
    with pytest.raises(PlayerError, match="VLC was not found: install it"):
        open_in_vlc(a_clip(tmp_path))


@pytest.mark.parametrize(("platform", "words"), [("win32", "Windows"), ("darwin", "macOS"), ("linux", "apt")])
def test_install_hint_names_the_platform(platform: str, words: str) -> None:
    assert words in install_hint(platform)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in VLC is a shell script")
def test_a_real_process_gets_the_arguments_and_no_terminal(tmp_path: Path) -> None:
    record = tmp_path / "args.txt"
    program = tmp_path / "vlc"
    program.write_text(
        f"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{record}'\n"
        f"[ -t 0 ] && echo tty >> '{record}'\necho noise >&2\n",
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    clip = a_clip(tmp_path)
    process = open_in_vlc(clip, vlc=program)
    assert process.wait(timeout=10) == 0
    for _ in range(50):
        if record.exists():
            break
        time.sleep(0.05)
    lines = record.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == str(clip.file)
    assert "tty" not in lines


def test_a_missing_clip_file_is_one_sentence(tmp_path: Path) -> None:
    clip = Clip(tmp_path / "gone.mp4", 1.0)
    with pytest.raises(PlayerError, match="gone.mp4 is missing"):
        open_in_vlc(clip, vlc=Path(sys.executable))
