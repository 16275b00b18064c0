"""`srt-tui --demo` for real, in tmux: the banner, the fictional caseload, and no trace of it
afterwards, in the user's records or in the temp folder, however the demo ends."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from srt_tui.demo import DemoWorkspace
from srt_tui.paths import DATA_DIR_ENV
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from srt_tui.settings import CONFIG_DIR_ENV
from tests.demo.listing import fingerprint
from tests.e2e.tmux import WAIT_LIMIT, TmuxApp


class Places:
    """The folders one demo run could reach, each made and fingerprinted up front."""

    def __init__(self, root: Path) -> None:
        self.temp = root / "tmp"
        self.real = root / "real-records"  # SRT_TUI_DATA_DIR
        self.other = root / "other-records"  # --data-dir
        self.config = root / "config"
        self.home = root / "home"
        for folder in (self.temp, self.config, self.home):
            folder.mkdir()
        for folder, ref in ((self.real, "REAL-1"), (self.other, "OTHER-1")):
            store = RecordStore(folder)
            store.create_case(Case(ref=ref, alias="R.R.", referral_date=date(2026, 1, 5)))
            store.close()
        self.before = self.fingerprints()

    def fingerprints(self) -> tuple[dict, ...]:
        return tuple(fingerprint(folder) for folder in (self.real, self.other, self.config, self.home))

    def env(self) -> dict[str, str]:
        return {"TMPDIR": str(self.temp), DATA_DIR_ENV: str(self.real), CONFIG_DIR_ENV: str(self.config),
                "HOME": str(self.home)}

    def demo_folders(self) -> list[Path]:
        return sorted(self.temp.glob("srt-tui-demo-*"))


@pytest.fixture
def places(tmp_path: Path) -> Places:
    return Places(tmp_path)


def start(places: Places, *flags: str) -> TmuxApp:
    return TmuxApp([sys.executable, "-m", "srt_tui", "--demo", *flags, "--data-dir", str(places.other)],
                   size=(100, 30), env=places.env())


@pytest.fixture
def terminals() -> Iterator[list[TmuxApp]]:
    started: list[TmuxApp] = []
    yield started
    for terminal in started:
        terminal.close()


def scrollback(app: TmuxApp) -> str:
    """Everything the pane printed, history included, wrapped lines joined (a long path wraps)."""
    return app.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", app.name)


def wait_until(condition, what: str, limit: float = WAIT_LIMIT) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.2)


def test_demo_shows_itself_and_quitting_leaves_no_trace(places: Places, terminals: list[TmuxApp]) -> None:
    app = start(places)
    terminals.append(app)
    screen = app.wait_for("DEMO-012")
    assert "srt-tui DEMO" in screen and "deleted on exit" in screen
    assert "REAL-1" not in screen and "OTHER-1" not in screen
    assert len(places.demo_folders()) == 1
    app.type("006")
    app.keys("Enter")
    screen = app.wait_for("Category: Ongoing")
    assert "srt-tui DEMO" in screen  # still said on the case overview
    app.keys("C-g")
    app.wait_for("Foundation first")
    app.keys("Escape")
    app.wait_for("Category: Ongoing")
    app.keys("C-q")
    wait_until(app.dead, "the app quit")
    assert places.demo_folders() == []
    assert places.fingerprints() == places.before


def test_keep_demo_keeps_the_folder_and_its_exports(places: Places, terminals: list[TmuxApp]) -> None:
    app = start(places, "--keep-demo")
    terminals.append(app)
    app.wait_for("kept after exit")
    app.type("010")
    app.keys("Enter")
    app.wait_for("Category: All completed")
    app.keys("x")
    app.wait_for("Export the case summary as")
    app.keys("Enter")
    app.wait_for("Exported to")
    app.keys("C-q")
    wait_until(app.dead, "the app quit")
    [kept] = places.demo_folders()
    assert f"kept in {kept}" in scrollback(app)
    assert list((kept / "exports").glob("case-DEMO-010-*.html"))
    assert places.fingerprints() == places.before
    DemoWorkspace(kept).remove()


def test_closing_the_terminal_still_deletes_the_demo(places: Places, terminals: list[TmuxApp]) -> None:
    app = start(places)
    terminals.append(app)
    app.wait_for("DEMO-012")
    assert len(places.demo_folders()) == 1
    app.close()  # like closing the window: the app gets SIGHUP
    wait_until(lambda: places.demo_folders() == [], "the demo folder was deleted")
    assert places.fingerprints() == places.before
