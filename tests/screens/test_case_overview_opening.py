"""Opening a case quickly without showing the wrong one: the overview is read before it is
shown, the screen is kept and turned to the next case, and nothing of the last case stays
on it or comes back later."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.progress import ModuleProgress
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.case_overview import CaseOverviewScreen, read_case_view
from srt_tui.widgets.module_bars import ModuleBars
from srt_tui.widgets.session_table import SessionTable
from tests.screens.helpers import settle


async def open_case(pilot, case_id: str) -> None:  # type: ignore[no-untyped-def]
    """Open a case as Enter on its row does, and wait until its overview has settled."""
    pilot.app.open_case(case_id)
    await settle(pilot)


def _shown(app: SrtApp) -> str:
    """Everything the overview's details, task, progress and history say, as text."""
    screen = app.screen
    parts = [str(screen.query_one(selector, Static).render()) for selector in ("#details", "#task", "#category")]
    table = screen.query_one("#sessions", SessionTable)
    parts += [" ".join(row.cells) for row in table.rows]
    return "\n".join(parts)


async def test_the_overview_is_shown_filled_in_its_first_frame(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("case-first")
        assert isinstance(app.screen, CaseListScreen)  # nothing is pushed before the case is read
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseOverviewScreen) and screen.view is not None
        assert "X100001" in _shown(app) and "Notice one moment" in _shown(app)
        assert screen.query_one(ModuleBars).modules == screen.view.progress.modules
        assert app.focused is screen.query_one("#overview")


async def test_the_next_case_replaces_everything_the_last_one_showed(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        first_screen = app.screen
        await pilot.press("tab", "down")  # the history focused, and scrolled a little
        await pilot.press("escape")
        await settle(pilot)
        await open_case(pilot, "case-second")
        screen = app.screen
        assert screen is first_screen  # the same screen, turned to the other case
        shown = _shown(app)
        assert "X100002" in shown and "[bold red]K.L.[/]" in shown  # markup in the alias shown literally
        assert "X100001" not in shown and "Notice one moment" not in shown and "Getting started" not in shown
        assert "No sessions yet" in shown
        assert screen.sub_title == "X100002 ([bold red]K.L.[/])"
        table = screen.query_one("#sessions", SessionTable)
        assert table.cursor_row == 0 and table.row_count == 1
        assert app.focused is screen.query_one("#overview")  # as on a new screen
        assert screen.query_one("#overview").scroll_y == 0


async def test_a_late_reload_of_the_last_case_is_ignored(app: SrtApp, pack: ContentPack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        screen = app.screen
        assert isinstance(screen, CaseOverviewScreen)
        old = read_case_view(app.store, pack, "case-first")
        await pilot.press("escape")
        await settle(pilot)
        await open_case(pilot, "case-second")
        screen._reloaded(old)  # what a reload started for the first case would deliver now
        screen._failed("case-first", "The records file is damaged.")
        await pilot.pause()
        assert app.screen is screen and "X100001" not in _shown(app)
        assert not app._notifications


async def test_a_case_that_cannot_be_read_says_so_and_opens_nothing(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # damaged after the start's checks (they would offer to restore it)
        (app.store.data_dir / "cases" / "case-third.json").write_text("{", encoding="utf-8")
        await open_case(pilot, "case-third")
        assert isinstance(app.screen, CaseListScreen)
        (message,) = [n.message for n in app._notifications if n.title == "Cannot open case"]
        assert "case-third.json" in message and "damaged" in message


async def test_a_case_opened_from_its_own_overview_gets_a_screen_of_its_own(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        first_screen = app.screen
        await open_case(pilot, "case-second")  # e.g. from the command palette, with the overview open
        assert app.screen is not first_screen and "X100002" in _shown(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first_screen and "X100001" in _shown(app)


async def test_the_kept_screen_follows_a_new_theme_and_terminal_size(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        screen = app.screen
        bars = screen.query_one(ModuleBars)
        before = bars.get_component_rich_style("module-bars--bar")
        assert screen.has_class("-wide")
        await pilot.press("escape")
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await open_case(pilot, "case-second")
        assert app.screen is screen
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        after = bars.get_component_rich_style("module-bars--bar")
        assert after != before
        assert after.color is not None and after.color.triplet is not None
        primary = app.current_theme.primary.lstrip("#").lower()
        assert after.color.triplet.hex.lstrip("#").lower() == primary


async def test_module_titles_are_shown_literally() -> None:
    class Bars(App[None]):
        def compose(self) -> ComposeResult:
            yield ModuleBars()

    hostile = ModuleProgress("m", "[b]Mod[/b]\x1b[31m", done=2, total=4, not_relevant=1)
    async with Bars().run_test(size=(80, 5)) as pilot:
        bars = pilot.app.query_one(ModuleBars)
        bars.show([hostile])
        await pilot.pause()
        assert bars.size.height == 1
        (line,) = str(bars.render()).splitlines()
        assert line.startswith("[b]Mod[/b]") and "\x1b" not in line and line.endswith(" 2/4 + 1 not relevant")


async def test_each_module_line_has_its_name_bar_and_counts(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        lines = str(app.screen.query_one(ModuleBars).render()).splitlines()
        assert lines[0].startswith("Foundation      ") and lines[0].endswith(" 1/8")
        assert lines[-1].startswith("Relationships") and lines[-1].endswith(" 0/6 + 1 not relevant")
        assert all(len(line.split(" ")[0]) <= 16 for line in lines)
        assert "━" in lines[0]


async def test_css_added_while_the_screen_was_kept_applies_when_it_is_shown_again(app: SrtApp) -> None:
    """As when a widget met for the first time brings its default CSS: the rules are parsed
    again, but only the new widget is styled with them."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_case(pilot, "case-first")
        screen = app.screen
        await pilot.press("escape")
        await settle(pilot)
        app.stylesheet.add_source("ModuleBars > .module-bars--bar { color: #ff0000; }", read_from=("test", ""))
        app.stylesheet.reparse()
        await open_case(pilot, "case-second")
        assert app.screen is screen
        style = screen.query_one(ModuleBars).get_component_rich_style("module-bars--bar")
        assert style.color is not None and style.color.triplet is not None
        assert style.color.triplet.hex == "#ff0000"


async def test_the_overview_is_made_while_idle_showing_no_case_and_the_first_opening_uses_it(app: SrtApp) -> None:
    from srt_tui.screens.case_overview import KEPT

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(app.PREPARE_OVERVIEW_AFTER + 0.3)
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)  # made off screen, never shown
        assert app.is_screen_installed(KEPT)
        kept = app.get_screen(KEPT)
        assert isinstance(kept, CaseOverviewScreen) and kept.ready and kept.view is None
        table = kept.query_one("#sessions", SessionTable)
        assert table.row_count == 0 and str(kept.query_one("#details", Static).render()) == ""
        await open_case(pilot, "case-second")
        assert app.screen is kept and "X100002" in _shown(app)


async def test_the_overview_is_not_made_while_the_practitioner_is_typing(app: SrtApp) -> None:
    from srt_tui.screens.case_overview import KEPT

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in "x10000":  # a key every 0.2 s, for longer than the wait before making it
            await pilot.press(key)
            await pilot.pause(0.2)
        assert not app.is_screen_installed(KEPT)
        await pilot.pause(app.PREPARE_OVERVIEW_AFTER * 2 + 0.3)
        await settle(pilot)
        assert app.is_screen_installed(KEPT) and isinstance(app.screen, CaseListScreen)
