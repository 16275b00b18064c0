"""The "How to use the toolkit" page: reachable from the case list, help, the palette and
anywhere by key; snapshots at the smallest and a large terminal."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown

from srt_tui.app import SrtApp
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.guide import GUIDE_MARKDOWN, GuideScreen
from srt_tui.screens.help import HelpScreen
from tests.screens.helpers import palette, settle


async def test_ctrl_g_on_the_case_list_opens_the_guide_and_escape_returns(app: SrtApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#filter").has_focus  # a focused filter does not swallow it
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)
        await pilot.press("ctrl+g")  # again: still one guide, not two
        await settle(pilot)
        assert sum(isinstance(s, GuideScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)


async def test_help_links_to_the_guide(app: SrtApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "How to use the toolkit" in str(app.screen.query_one("#guide").render())
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)
        assert not any(isinstance(s, HelpScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)


async def test_the_palette_opens_the_guide(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette(pilot, "how to use")
        assert isinstance(app.screen, GuideScreen)


async def test_the_guide_is_reachable_from_a_case_overview(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_case("case-first")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, GuideScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CaseOverviewScreen"


async def test_the_guide_covers_what_practitioners_asked_about(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        shown = app.screen.query_one(Markdown).source
        assert shown == GUIDE_MARKDOWN
    text = GUIDE_MARKDOWN.casefold()
    for topic in ("foundation first", "choose by need", "for weeks is fine", "not relevant",
                  "with a short reason", "resist", "play it down", "short chunks", "side by side",
                  "controls"):
        assert topic in text, topic


async def test_the_guide_scrolls_by_keyboard_at_80x24(app: SrtApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        scroll = app.screen.query_one("#guide-scroll")
        assert scroll.has_focus and scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroll.scroll_y > 0


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_guide_snapshot(snap_compare, app: SrtApp, size: tuple[int, int]) -> None:
    async def open_guide(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_guide)
