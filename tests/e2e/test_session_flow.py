"""The main flow in a real terminal: create a case, run a session, end it, export it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import TmuxApp, wait_for_file_text

ANSWER = "Ask what she needs [bold]first[/]"
STRAY = re.compile(r"Traceback|Error|ALSA|\x1b")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def app(data_dir: Path, tmp_path: Path) -> Iterator[TmuxApp]:
    terminal = TmuxApp([sys.executable, "-m", "srt_tui", "--data-dir", str(data_dir),
                        "--export-dir", str(tmp_path / "exports")],
                       env={"HOME": str(tmp_path)})
    yield terminal
    terminal.close()


def test_a_whole_session_in_a_real_terminal(app: TmuxApp, data_dir: Path, tmp_path: Path) -> None:
    app.wait_for("No cases yet")
    app.keys("C-n")
    app.wait_for("Case reference")  # the dialog's own text ("New case" is in the list's footer too)
    app.type("E2E-001")
    app.keys("Tab")
    app.type("T.E.")
    app.keys("Enter")
    app.wait_for("Start session")
    app.wait_for("E2E-001")

    app.keys("s")
    app.wait_for("Session time")
    app.keys("End", "Enter")  # the last exercise of the toolkit: out of the suggested order
    screen = app.wait_for("Worksheet")
    assert "R06" in screen or "Facilitator guidance" in screen
    app.keys("F5")
    app.type(ANSWER)
    app.wait_for("saved ")
    wait_for_file_text(data_dir, "Ask what she needs [bold]first[/]")  # saved while the app runs

    app.keys("F9", "Enter")
    app.wait_for("Partly done")
    app.keys("Down", "Enter")  # from "Not marked yet": Completed is the next choice
    app.keys("F8")
    screen = app.wait_for("End this session?")
    assert "Completed" in screen
    app.keys("Enter")
    app.wait_for("Session ended and saved")
    screen = app.wait_for("Completed")
    assert "ended" in screen

    app.keys("x")
    app.wait_for("Export the case summary as")
    app.keys("Enter")
    screen = app.wait_for("Exported to")
    assert list((tmp_path / "exports").glob("case-E2E-001-*.html"))
    assert not STRAY.search(app.screen())
    app.keys("C-q")
    for _ in range(100):
        if app.dead():
            break
        time.sleep(0.1)
    assert app.dead(), "ctrl+q did not quit the app"

    # Everything is still there for the next run, and the shell export finds it.
    bundle = tmp_path / "bundle"
    result = subprocess.run(
        [sys.executable, "-m", "srt_tui", "--data-dir", str(data_dir), "export", "E2E-001",
         "--format", "json", "--out", str(bundle)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    exported = json.loads(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    [session] = exported["sessions"]
    assert session["ended_at"]
    [record] = session["exercises"]
    assert record["outcome"] == "completed"
    assert ANSWER in record["answers"].values()
