"""The case overview's session history on its own, and in the overview."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region

from srt_tui.app import SrtApp
from srt_tui.records.validation import one_line
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.screens.session_record import SessionRecordScreen
from srt_tui.widgets.session_table import COLUMNS, SessionRow, SessionTable

from tests.screens.helpers import settle


def session_rows(count: int) -> list[SessionRow]:
    return [SessionRow(f"s{n}", (f"2026-01-{n + 1:02d}", "10:00-11:00", "ended: Enter shows it", f"Exercise {n}"))
            for n in range(count)]


class HistoryApp(App[None]):
    """The table as the overview holds it: as tall as its lines, at most 20, in a scrolling page."""

    CSS = "#sessions { height: auto; max-height: 20; }"

    def __init__(self, rows: list[SessionRow]) -> None:
        super().__init__()
        self.rows = rows
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield SessionTable(id="sessions")

    def on_mount(self) -> None:
        self.query_one(SessionTable).show_sessions(self.rows)

    @on(SessionTable.Opened)
    def _opened(self, event: SessionTable.Opened) -> None:
        self.opened.append(event.id)


def lines(table: SessionTable) -> list[str]:
    return [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))]


async def test_text_from_the_records_or_the_pack_is_drawn_literally() -> None:
    rows = [SessionRow("s1", ("2026-01-02", "10:00-…", "open: s resumes it",
                              one_line("[b]Bold[/b] (Completed); \x1b[31mRed\nnext (no outcome)")))]
    app = HistoryApp(rows)
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        shown = lines(app.query_one(SessionTable))
        assert shown[0].split() == " ".join(COLUMNS).split()
        assert "[b]Bold[/b] (Completed); Red next (no outcome)" in shown[1]
        assert "10:00-…" in shown[1]
        assert all("\x1b" not in line for line in shown)


async def test_the_table_is_as_tall_as_its_lines_up_to_twenty() -> None:
    app = HistoryApp(session_rows(3))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(SessionTable)
        assert table.size.height == 4  # the header and three sessions
        table.show_sessions(session_rows(30))  # e.g. the case read again after a session
        await pilot.pause()
        assert table.size.height == 20
        assert table.max_scroll_y == 31 - 20
        table.show_sessions(session_rows(1))
        await pilot.pause()
        assert table.size.height == 2


async def test_enter_or_a_second_click_opens_a_session_and_the_empty_line_opens_nothing() -> None:
    app = HistoryApp(session_rows(3))
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one(SessionTable)
        table.focus()
        await pilot.press("down", "enter")
        await pilot.click(SessionTable, offset=(3, 3))  # the third session: selects it
        await pilot.click(SessionTable, offset=(3, 3))  # and, selected, opens it
        await pilot.pause()
        assert app.opened == ["s1", "s2"]
        table.show_sessions([SessionRow(None, ("", "", "", "No sessions yet. Press s to start the first."))])
        await pilot.press("enter")
        await pilot.click(SessionTable, offset=(3, 1))
        await pilot.click(SessionTable, offset=(3, 1))
        await pilot.pause()
        assert app.opened == ["s1", "s2"]


async def test_in_the_overview_enter_shows_an_ended_session_and_resumes_an_open_one(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("case-first")
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, CaseOverviewScreen) and overview.view is not None
        table = overview.query_one(SessionTable)
        assert [row.id for row in table.rows] == [s.id for s in reversed(overview.view.sessions)]
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionRecordScreen)
        assert app.screen.session.id == table.rows[0].id
