"""Case list and case overview, driven through the real app with Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case, CaseState
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.case_overview import CaseOverviewScreen


def visible_refs(app: SrtApp) -> list[str]:
    table = app.screen.query_one("#cases", DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_case_list_filters_as_you_type(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(visible_refs(app)) == ["CRN-2026/0042", "X100001", "X100002"]
        await pilot.press("x", "1", "0", "0", "0", "0", "2")
        assert visible_refs(app) == ["X100002"]
        await pilot.press(*["backspace"] * 7, "m", ".", "p")
        assert visible_refs(app) == ["CRN-2026/0042"]
        await pilot.press(*["backspace"] * 3, "z", "z", "z")
        assert visible_refs(app) == []
        assert "No case matches" in str(app.screen.query_one("#empty", Static).render())


async def test_markup_in_an_alias_shows_literally(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#cases", DataTable)
        aliases = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert "[bold red]K.L.[/]" in aliases


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
        history = screen.query_one("#sessions", DataTable)
        assert history.row_count == 1
        assert "Skipped: not relevant" in str(history.get_row_at(0)[3])


async def test_change_state_needs_a_reason_for_breach(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_case("case-second")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        from textual.widgets import Select

        dialog.query_one("#state", Select).value = CaseState.BREACHED
        await pilot.click("#save")
        await pilot.pause()
        assert "reason" in str(dialog.query_one("#error", Static).render()).lower()
        dialog.query_one("#reason", Input).value = "Did not attend"
        dialog.query_one("#reason", Input).focus()
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


# -- a caseload longer than the table holds at once -------------------------------------------

MANY = 130  # more than two pages of rows at 100x30


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


async def test_a_long_list_fills_in_as_the_cursor_reaches_its_end(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = many_app.screen.query_one("#cases", DataTable)
        assert table.row_count < MANY  # a page, not the whole caseload
        assert f"{MANY} of {MANY} cases" in str(many_app.screen.query_one("#empty", Static).render())
        await pilot.press("down")  # from the filter to the table
        for _ in range(MANY // table.row_count + 1):
            await pilot.press("ctrl+end")  # to the last row in the table, which brings more
        assert visible_refs(many_app) == [f"B{n:04d}" for n in range(MANY)]
        assert str(table.get_row_at(table.cursor_row)[0]) == f"B{MANY - 1:04d}"


async def test_the_filter_finds_cases_beyond_the_first_page(many_app: SrtApp) -> None:
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        await pilot.press(*"b0123")
        assert visible_refs(many_app) == ["B0123"]
        await pilot.press("enter")
        await settled(many_app, pilot)
        assert isinstance(many_app.screen, CaseOverviewScreen)
        assert many_app.screen.case_id == "case-0123"


async def test_a_click_after_filtering_picks_the_row_clicked(many_app: SrtApp) -> None:
    """Cells drawn once are reused on other rows; the row a click lands on must be the new one."""
    async with many_app.run_test(size=(100, 30)) as pilot:
        await settled(many_app, pilot)
        table = many_app.screen.query_one("#cases", DataTable)
        alias_x = table.ordered_columns[0].get_render_width(table) + 1
        await pilot.hover("#cases", offset=(alias_x, 3))  # "C.D." of B0002 on row 2, drawn hovered
        await pilot.press(*"b01")
        assert visible_refs(many_app)[:5] == ["B0100", "B0101", "B0102", "B0103", "B0104"]
        alias_cell = (alias_x, 5)  # below the header, row 4: "C.D." of B0104, hovered as it is clicked
        await pilot.click("#cases", offset=alias_cell)
        assert table.cursor_row == 4
        await pilot.click("#cases", offset=alias_cell)  # a second click on the cursor's row opens it
        await settled(many_app, pilot)
        assert isinstance(many_app.screen, CaseOverviewScreen)
        assert many_app.screen.case_id == "case-0104"
