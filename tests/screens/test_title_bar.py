"""The bar at the top of every screen: Header's look and places, one widget."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Static

from srt_tui.widgets.title_bar import CLOCK_WIDTH, ICON_WIDTH, TitleBar


class BarApp(App[None]):
    TITLE = "srt-tui"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("body")


def line(app: App[None]) -> str:
    return app.query_one(TitleBar).render_line(0).text


async def test_the_title_is_centred_between_icon_and_clock_space_and_follows_the_screen() -> None:
    app = BarApp()
    async with app.run_test(size=(60, 5)) as pilot:
        app.sub_title = "[b]X1[/b] (A.B.)"  # user text: shown as typed, never as markup
        await pilot.pause()
        shown = line(app)
        assert len(shown) == 60 and shown.startswith(" ⭘ ")
        title = "srt-tui — [b]X1[/b] (A.B.)"
        middle = shown[ICON_WIDTH:60 - CLOCK_WIDTH]
        assert middle.strip() == title
        left = middle.index(title)
        assert abs(left - (len(middle) - left - len(title))) <= 1  # centred
        app.screen.sub_title = "Session with X2"  # a screen's own sub-title wins
        await pilot.pause()
        assert line(app)[ICON_WIDTH:60 - CLOCK_WIDTH].strip() == "srt-tui — Session with X2"


async def test_a_long_title_is_cut_with_an_ellipsis_and_the_line_keeps_its_width() -> None:
    app = BarApp()
    async with app.run_test(size=(40, 5)) as pilot:
        app.sub_title = "A very long toolkit title that cannot fit in forty columns"
        await pilot.pause()
        shown = line(app)
        assert len(shown) == 40
        assert shown[ICON_WIDTH:40 - CLOCK_WIDTH].rstrip().endswith("…")


async def test_a_click_on_the_icon_opens_the_command_palette_and_elsewhere_nothing() -> None:
    app = BarApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.click(TitleBar, offset=(30, 0))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.hover(TitleBar, offset=(2, 0))
        assert app.query_one(TitleBar).tooltip == "Open the command palette"
        await pilot.click(TitleBar, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
