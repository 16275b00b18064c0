"""A clip plays in the real app, in a real terminal, through real libvlc: the screen stays
clean (libvlc, ALSA and friends write to a log, not over the interface) and the clip panel
follows playback to the end."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import TmuxApp, wait_for_file_text

# What would show if libvlc or the libraries under it wrote to the terminal: their log
# prefixes, ALSA's complaints, escape sequences drawn as text, a Python traceback.
STRAY = re.compile(r"ALSA|XDG_RUNTIME|libvlc|\bvlc\w*\b|\[[0-9a-f]{8,}\]|error:|Traceback|\x1b|\^\[|\[0m")
ELAPSED = re.compile(r"(\d+):(\d\d) / 0:09")


def elapsed(screen: str) -> int:
    found = ELAPSED.search(screen)
    assert found, f"no elapsed time on the screen:\n{screen}"
    return int(found.group(1)) * 60 + int(found.group(2))


def clean(app: TmuxApp) -> str:
    screen = app.screen()
    stray = STRAY.search(screen)
    assert stray is None, f"stray text {stray.group(0)!r} on the screen:\n{screen}"
    return screen


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "records"


def start(data_dir: Path, tmp_path: Path, player_args: str) -> TmuxApp:
    return TmuxApp([sys.executable, "-m", "srt_tui", "--data-dir", str(data_dir),
                    "--export-dir", str(tmp_path / "exports"), "--player-args", player_args],
                   env={"HOME": str(tmp_path)})


@pytest.fixture
def noisy_app(data_dir: Path, tmp_path: Path) -> Iterator[TmuxApp]:
    terminal = start(data_dir, tmp_path, "--vout=dummy --aout=dummy --verbose=2")  # libvlc talks a lot
    yield terminal
    terminal.close()


@pytest.fixture
def alsa_app(data_dir: Path, tmp_path: Path) -> Iterator[TmuxApp]:
    terminal = start(data_dir, tmp_path, "--vout=dummy --aout=alsa")  # no sound card in CI: ALSA complains
    yield terminal
    terminal.close()


def open_last_exercise(app: TmuxApp) -> None:
    app.wait_for("No cases yet")
    app.keys("C-n")
    app.wait_for("Case reference")  # the dialog's own text ("New case" is in the list's footer too)
    app.type("PLAY-001")
    app.keys("Tab")
    app.type("P.L.")
    app.keys("Enter")
    app.wait_for("Start session")
    app.keys("s")
    app.wait_for("Session time")
    app.keys("End", "Enter")  # R06, the last exercise: a 9 s clip with three chapters
    app.wait_for("Worksheet")


def wait_until(app: TmuxApp, what: str, ok, limit: float = 30.0) -> str:  # noqa: ANN001
    deadline = time.monotonic() + limit
    while True:
        screen = clean(app)
        if ok(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {what}:\n{screen}")
        time.sleep(0.1)


def test_a_clip_plays_to_the_end_and_the_screen_stays_clean(noisy_app: TmuxApp, data_dir: Path) -> None:
    app = noisy_app
    open_last_exercise(app)
    app.keys("F4")
    screen = wait_until(app, "the clip playing", lambda s: "Playing" in s and "R06" in s)
    assert "Play/Pause" in screen and "Replay" in screen  # the panel's keys are in the footer
    first = elapsed(wait_until(app, "a second played", lambda s: ELAPSED.search(s) and elapsed(s) >= 1))
    later = elapsed(wait_until(app, "three seconds played", lambda s: ELAPSED.search(s) and elapsed(s) >= 3))
    assert later > first
    assert "Chapter 2 of 3: The urge" in wait_until(app, "chapter 2", lambda s: "Chapter 2 of 3" in s)
    app.keys("c")
    wait_until(app, "captions off", lambda s: "Captions off" in s)
    wait_until(app, "the end", lambda s: "Clip finished" in s and "0:09 / 0:09" in s, limit=40.0)

    log = data_dir / "logs" / "vlc.log"
    assert "main libvlc debug" in log.read_text(encoding="utf-8", errors="replace")  # noise went here
    wait_for_file_text(data_dir / "cases", "clips/R06.mp4")  # what was watched is on the record
    clean(app)
    app.keys("C-q")
    wait_for_file_text(log.parent, "srt-tui player stopped")  # no player left behind


def test_alsa_complaints_stay_off_the_screen(alsa_app: TmuxApp, data_dir: Path) -> None:
    open_last_exercise(alsa_app)
    alsa_app.keys("F4")
    wait_until(alsa_app, "two seconds played", lambda s: ELAPSED.search(s) and elapsed(s) >= 2)
    alsa_app.keys("space")
    wait_until(alsa_app, "paused", lambda s: "Paused" in s)
    clean(alsa_app)
    assert "srt-tui player started" in (data_dir / "logs" / "vlc.log").read_text(encoding="utf-8", errors="replace")
