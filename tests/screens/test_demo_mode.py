"""Demo mode in the real app: it says so on every screen, and shows the whole fictional
caseload; snapshots at the smallest and a large terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.demo import DemoMode, DemoWorkspace
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.widgets.case_table import CaseTable
from srt_tui.widgets.title_bar import TitleBar
from tests.demo.conftest import DEMO_TODAY
from tests.screens.helpers import settle


@pytest.fixture
def demo_app(tmp_path: Path, pack: ContentPack) -> SrtApp:
    """The app as ``srt-tui --demo`` builds it, on the caseload of one fixed day."""
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    return SrtApp(RecordStore(workspace.records_dir), pack, demo=DemoMode(workspace))


def header_text(app: SrtApp) -> str:
    return str(app.screen.query_one(TitleBar).format_title())


async def test_the_case_list_says_it_is_a_demo_and_lists_every_case(demo_app: SrtApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_text(demo_app) == "srt-tui DEMO — fictional records, deleted on exit"
        banner = str(demo_app.screen.query_one("#demo-banner", Static).render())
        assert "fictional" in banner and "deleted when you quit" in banner
        table = demo_app.screen.query_one("#cases", CaseTable)
        assert [row.ref for row in table.rows] == [
            f"DEMO-{n:03d}" for n in range(1, 13)
        ]


async def test_other_screens_still_say_demo(demo_app: SrtApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        demo_app.open_case("demo-010")
        await settle(pilot)
        assert isinstance(demo_app.screen, CaseOverviewScreen)
        assert header_text(demo_app) == "srt-tui DEMO — DEMO-010 (K.Y.)"
        assert "All completed" in str(demo_app.screen.query_one("#category", Static).render())
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert header_text(demo_app).startswith("srt-tui DEMO — ")


async def test_keep_demo_changes_what_the_banner_promises(tmp_path: Path, pack: ContentPack) -> None:
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    app = SrtApp(RecordStore(workspace.records_dir), pack, demo=DemoMode(workspace, keep=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_text(app).endswith("kept after exit")
        assert "kept when you quit" in str(app.screen.query_one("#demo-banner", Static).render())


async def test_without_demo_there_is_no_banner(app: SrtApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "DEMO" not in header_text(app)
        assert not app.screen.query("#demo-banner")


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_demo_case_list_snapshot(snap_compare, demo_app: SrtApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_demo_case_overview_snapshot(snap_compare, demo_app: SrtApp, size: tuple[int, int]) -> None:
    async def open_case(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.open_case("demo-010")  # all completed: skips, an amendment, a dozen sessions
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_case)
