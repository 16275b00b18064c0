"""Case list and case overview, driven through the real app with Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input, Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.case_state import CaseStateDialog
from srt_tui.records.model import Case, CaseState
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.widgets import line_table as line_table_module
from srt_tui.widgets.case_table import CaseTable
from srt_tui.widgets.session_table import SessionTable
from srt_tui.widgets.status_line import StatusLine
from tests.screens.helpers import listed_refs


def case_table(app: SrtApp) -> CaseTable:
    return app.screen.query_one("#cases", CaseTable)


def on_screen(app: SrtApp) -> list[str]:
    """The lines the case table draws, as text."""
    table = case_table(app)
    return [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))]


def status(app: SrtApp) -> str:
    return app.screen.query_one("#case-count", StatusLine).text


async def test_case_list_filters_as_you_type(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(listed_refs(app)) == ["CRN-2026/0042", "X100001", "X100002"]
        assert "3 of 3 cases" in status(app)
        await pilot.press("x", "1", "0", "0", "0", "0", "2")
        assert listed_refs(app) == ["X100002"]
        assert "1 of 3 cases" in status(app)
        assert "X100002" in on_screen(app)[1] and "X100001" not in "".join(on_screen(app))
        await pilot.press(*["backspace"] * 7, "m", ".", "p")
        assert listed_refs(app) == ["CRN-2026/0042"]
        await pilot.press(*["backspace"] * 3, "z", "z", "z")
        assert listed_refs(app) == []
        assert "No case matches" in status(app)
        assert on_screen(app)[1].strip() == ""  # no row left on screen


async def test_the_first_frame_of_the_list_shows_the_cases(app: SrtApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases are read as the list mounts, so its first frame already has them (the
    start-up benchmark waits for the first case reference on screen)."""
    painted: list[int] = []
    display = SrtApp._display

    def noting_display(self: SrtApp, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if isinstance(screen, CaseListScreen) and renderable is not None and not painted:
            painted.append(screen.query_one(CaseTable).row_count)
        display(self, screen, renderable)

    monkeypatch.setattr(SrtApp, "_display", noting_display)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert painted == [3]


@pytest.mark.parametrize(("width", "breakpoint"), [(120, "-wide"), (80, "-narrow")])
async def test_the_list_is_the_first_screen_and_is_styled_as_a_whole_only_once(
        app: SrtApp, monkeypatch: pytest.MonkeyPatch, width: int, breakpoint: str) -> None:
    """No empty default screen under the list, and no second styling of all its widgets as
    it starts (its breakpoint class comes with it; its first resume restyles nothing): each
    was a pass over every widget before the first frame."""
    restyled: list[CaseListScreen] = []
    update_node_styles = CaseListScreen.update_node_styles

    def noting_update(self: CaseListScreen, animate: bool = True) -> None:
        restyled.append(self)
        update_node_styles(self, animate)

    monkeypatch.setattr(CaseListScreen, "update_node_styles", noting_update)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 1 and isinstance(app.screen, CaseListScreen)
        assert app.screen.has_class(breakpoint)
        assert restyled == []
        await pilot.resize_terminal(200 - width, 30)  # a real change of breakpoint still restyles
        await pilot.pause()
        assert restyled == [app.screen] and not app.screen.has_class(breakpoint)


async def test_markup_in_an_alias_shows_literally(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("[bold red]K.L.[/]" in line for line in on_screen(app))


async def test_markup_in_a_case_is_drawn_as_text_and_never_run(tmp_path: Path, pack: ContentPack) -> None:
    store = RecordStore(tmp_path / "data")
    for ref, alias in {"A1": "[b]x[/b]", "A2": "[@click=app.quit]x[/]", "A3": "[/]"}.items():
        store.create_case(Case(ref=ref, alias=alias, referral_date=date(2026, 1, 5), id=f"case-{ref}"))
    app = SrtApp(store, pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = "\n".join(on_screen(app))
        assert "[b]x[/b]" in text and "[@click=app.quit]x[/]" in text and " [/] " in text
        await pilot.click("#cases", offset=(12, 2))  # on the click action's text, twice: opens the case
        await pilot.click("#cases", offset=(12, 2))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CaseOverviewScreen)
        assert app.screen.case_id == "case-A2"


async def test_create_a_case_with_validation(app: SrtApp, tmp_path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#ref", Input).value = "x100001"  # differs only in case from an existing ref
        dialog.query_one("#alias", Input).value = "A.B."
        await pilot.click("#create")
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = str(dialog.query_one("#error", Static).render())
        assert "already" in error.lower()
        dialog.query_one("#ref", Input).value = "<bad>"
        dialog.query_one("#ref", Input).focus()
        await pilot.press("enter")  # Enter in a field creates too (the button is still "pressed")
        await pilot.pause()
        assert str(dialog.query_one("#error", Static).render()) != error
        dialog.query_one("#ref", Input).value = "X200300"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseOverviewScreen)
        assert app.store.find_case("X200300") is not None


async def test_overview_shows_progress_task_and_history(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_case("case-first")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseOverviewScreen)
        assert screen.view is not None
        foundation = screen.view.progress.modules[0]
        assert (foundation.done, foundation.total) == (1, 8)
        assert "Notice one moment" in str(screen.query_one("#task", Static).render())
        history = screen.query_one("#sessions", SessionTable)
        assert history.row_count == 1
        assert "Skipped: not relevant" in history.rows[0].cells[3]


async def test_change_state_needs_a_reason_for_breach(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_case("case-second")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaseStateDialog)
        from textual.widgets import Select

        dialog.query_one("#state", Select).value = CaseState.BREACHED
        await pilot.click("#save")
        await pilot.pause()
        assert "reason" in str(dialog.query_one("#error", Static).render()).lower()
        reason = dialog.query_one("#reason", Input)
        reason.value = "Did not attend"
        reason.focus()
        await pilot.pause()  # a key sent before the focus change is handled goes to the widget before
        assert app.focused is reason
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        case = app.store.get_case("case-second")
        assert case.state is CaseState.BREACHED
        assert case.state_reason == "Did not attend"


async def test_escape_goes_back_to_the_list(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case("case-third")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)


def test_case_list_snapshot(snap_compare, app: SrtApp) -> None:
    async def loaded(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=loaded)


def test_case_overview_snapshot(snap_compare, app: SrtApp) -> None:
    async def open_first(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        pilot.app.open_case("case-first")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 36), run_before=open_first)


# -- a caseload longer than the screen ------------------------------------------------------

MANY = 130  # several screenfuls at 100x30


@pytest.fixture
def many_app(tmp_path: Path, pack: ContentPack) -> SrtApp:
    store = RecordStore(tmp_path / "many")
    for n in range(MANY):
        store.create_case(Case(ref=f"B{n:04d}", alias="A.B." if n % 2 else "C.D.",
                               referral_date=date(2026, 1, 5), id=f"case-{n:04d}"))
    return SrtApp(store, pack)


async def settled(app: SrtApp, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def selected_ref(app: SrtApp) -> str:
    selected = case_table(app).selected
    assert selected is not None
    return selected.ref


async def test_keys_move_through_a_long_list_and_it_scrolls(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)
        assert table.row_count == MANY
        assert f"{MANY} of {MANY} cases" in status(many_app)
        await pilot.press("down")  # from the filter into the list
        assert table.has_focus and selected_ref(many_app) == "B0000"
        await pilot.press("down", "down", "up")
        assert selected_ref(many_app) == "B0001"
        shown = table.size.height - 1  # rows under the header
        await pilot.press("pagedown")
        assert table.cursor_row == 1 + shown
        assert f"B{1 + shown:04d}" in "".join(on_screen(many_app))  # scrolled to keep it in view
        assert "B0000" not in "".join(on_screen(many_app))
        await pilot.press("pageup")
        assert table.cursor_row == 1
        await pilot.press("end")
        assert selected_ref(many_app) == f"B{MANY - 1:04d}"
        lines = on_screen(many_app)
        assert lines[0].split() == ["Case", "ref", "Alias", "State", "Referred", "Last", "session"]  # the header stays
        assert lines[-1].split()[0] == f"B{MANY - 1:04d}"  # the last case on the last line
        await pilot.press("home")
        assert selected_ref(many_app) == "B0000" and on_screen(many_app)[1].split()[0] == "B0000"
        await pilot.press("down", "enter")
        await settled(many_app, pilot)
        assert isinstance(many_app.screen, CaseOverviewScreen)
        assert many_app.screen.case_id == "case-0001"


async def test_only_lines_that_change_are_drawn_and_each_once(many_app: SrtApp,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []  # the text of each line the table makes

    def noting_strip(segments, cell_length):  # type: ignore[no-untyped-def]
        drawn.append(segments[0].text)
        return Strip(segments, cell_length)

    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)
        monkeypatch.setattr(line_table_module, "Strip", noting_strip)
        await pilot.press("b", "0")  # every case still matches: every line stays as it was
        await pilot.pause()
        assert drawn == []
        await pilot.press("0")  # B0000-B0099: the same rows on screen, only the scrollbar's thumb grows
        await pilot.pause()
        assert 0 < len(drawn) <= 3  # the lines where the thumb now ends
        drawn.clear()
        await pilot.press("1")  # B0010-B0019: they fit, so every line changes (the scrollbar goes), once each
        await pilot.pause()
        refs = [text.split()[0] for text in drawn if text.strip() and not text.startswith(" Case ref")]
        assert refs == [f"B{n:04d}" for n in range(10, 20)]
        assert len(drawn) == 1 + 10 + 1  # the header, the rows and a blank line (the same for every blank)


async def test_the_filter_finds_any_case_and_enter_opens_the_first(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        await pilot.press(*"b0123")
        assert listed_refs(many_app) == ["B0123"]
        await pilot.press("enter")
        await settled(many_app, pilot)
        assert isinstance(many_app.screen, CaseOverviewScreen)
        assert many_app.screen.case_id == "case-0123"


async def test_a_click_after_filtering_picks_the_row_clicked(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)
        alias_x = len(" B0000  ")  # in the alias column
        await pilot.hover("#cases", offset=(alias_x, 3))  # "C.D." of B0002 on row 2, drawn hovered
        assert many_app.screen.query_one(Input).has_focus
        await pilot.press(*"b01")
        assert listed_refs(many_app)[:5] == ["B0100", "B0101", "B0102", "B0103", "B0104"]
        alias_cell = (alias_x, 5)  # below the header, row 4: "C.D." of B0104, hovered as it is clicked
        await pilot.click("#cases", offset=alias_cell)
        assert table.cursor_row == 4
        await pilot.click("#cases", offset=alias_cell)  # a second click on the cursor's row opens it
        await settled(many_app, pilot)
        assert isinstance(many_app.screen, CaseOverviewScreen)
        assert many_app.screen.case_id == "case-0104"


async def test_the_cursor_and_hover_take_the_theme_and_focus_colours(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)

        def background(y: int) -> Color:
            table.render_lines(Region(0, 0, table.size.width, table.size.height))  # as a frame would
            style = table.render_line(y)._segments[0].style
            assert style is not None and style.bgcolor is not None
            return Color.from_rich_color(style.bgcolor)

        def theme_colour(name: str) -> Color:  # over the table's own background, if translucent
            return table.background_colors[1] + Color.parse(many_app.theme_variables[name])

        assert background(1) == theme_colour("block-cursor-blurred-background")  # the filter has the focus
        await pilot.press("down")
        assert background(1) == theme_colour("block-cursor-background")
        assert background(2) != background(3)  # zebra stripes
        dark_cursor = background(1)
        many_app.theme = "textual-light"
        await settled(many_app, pilot)
        assert background(1) == theme_colour("block-cursor-background") != dark_cursor  # not a cached colour
        await pilot.hover("#cases", offset=(3, 3))
        assert background(3) not in (background(2), background(4))  # the row under the mouse


def thumb_lines(table: CaseTable) -> list[int]:
    """The lines on which the scrollbar (the widget's last two columns) shows its thumb."""
    table.render_lines(Region(0, 0, table.size.width, table.size.height))  # as a frame would
    ends = [table.render_line(y)._segments[-1] for y in range(table.size.height)]
    return [y for y, end in enumerate(ends) if end.cell_length == 2 and end.style and end.style.color]


async def test_the_scrollbar_shows_where_the_list_is_and_scrolls_it(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)
        bar_x = table.size.width - 1
        at_top = thumb_lines(table)
        assert at_top and at_top[0] == 0 and len(at_top) < 10  # a small thumb, at the top
        await pilot.click("#cases", offset=(bar_x, table.size.height - 2))  # the track below it: a page
        assert round(table.scroll_y) == table.size.height - 1
        assert table.cursor_row == 0 and isinstance(many_app.screen, CaseListScreen)  # no row picked
        await pilot.click("#cases", offset=(bar_x, 0))  # above it: a page back
        assert table.scroll_y == 0
        await pilot.mouse_down("#cases", offset=(bar_x, at_top[0]))  # drag the thumb down 10 lines
        await pilot.hover("#cases", offset=(bar_x, at_top[0] + 10))
        await pilot.mouse_up("#cases", offset=(bar_x, at_top[0] + 10))
        await pilot.pause()
        assert round(table.scroll_y) == round(10 * (MANY + 1) / table.size.height)
        assert thumb_lines(table)[0] > 5 and table.cursor_row == 0
        await pilot.press("down", "end")
        assert thumb_lines(table)[-1] == table.size.height - 1  # at the bottom with the last case
        await pilot.press("ctrl+f", *"b012")  # ten cases fit: no scrollbar, the rows use the whole width
        assert thumb_lines(table) == []
        first = table.render_line(1)
        assert first.text.startswith(" B0120") and len(first._segments) == 1 and first.cell_length == table.size.width


async def test_the_wheel_scrolls_the_list(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = case_table(many_app)
        x, y = table.region.x + 5, table.region.y + 5
        for _ in range(3):
            many_app.post_message(events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, screen_x=x,
                                                         screen_y=y))
        await pilot.pause()
        assert table.scroll_y > 0
        assert on_screen(many_app)[1].split()[0] == f"B{round(table.scroll_y):04d}"
