"""The case table on its own: rows of any text, drawn one line each and literally."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from srt_tui.records.model import CaseState
from srt_tui.records.store import CaseSummary
from srt_tui.widgets.case_table import COLUMNS, CaseRow, CaseTable, column_widths


def summary(ref: str, alias: str, last: date | None = None) -> CaseSummary:
    return CaseSummary(id=f"id-{ref}", ref=ref, alias=alias, state=CaseState.ACTIVE,
                       referral_date=date(2026, 1, 5), last_session=last)


class TableApp(App[None]):
    def __init__(self, rows: list[CaseRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield CaseTable(id="cases")

    def on_mount(self) -> None:
        table = self.query_one(CaseTable)
        table.set_widths(column_widths(self.rows))
        table.show_rows(self.rows)


def test_a_row_is_plain_one_line_text_whatever_the_records_hold() -> None:
    """The store refuses such aliases, but an index from elsewhere may hold anything."""
    row = CaseRow.of(summary("X1", "\x1b[31mred\x1b[0m\nnext\tcol\x07", date(2026, 2, 3)))
    assert row.cells == ("X1", "red next col", "Active", "2026-01-05", "2026-02-03")
    assert CaseRow.of(summary("X2", "A.B.")).cells[4] == "none yet"
    assert row.search == "x1\n\x1b[31mred\x1b[0m\nnext\tcol\x07"  # what the filter matches: as stored


def test_columns_are_as_wide_as_their_widest_cell_or_label() -> None:
    rows = [CaseRow.of(summary("X1", "A much longer alias")), CaseRow.of(summary("X100002", "字字"))]
    assert column_widths(rows) == (len("Case ref"), len("A much longer alias"), len("Active"), 10, len("Last session"))
    assert column_widths([CaseRow.of(summary("X1", "字字字字字字"))])[1] == 12  # wide characters: two cells each


async def test_the_table_draws_escapes_and_markup_as_text() -> None:
    rows = [CaseRow.of(summary(f"X{n}", alias)) for n, alias in
            enumerate(["\x1b[31mred", "[b]bold[/b]", "[@click=app.quit]q[/]", "two\nlines", "字字"])]
    app = TableApp(rows)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(CaseTable)
        lines = [strip.text for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))]
        assert lines[0].split() == " ".join(COLUMNS).split()
        assert lines[1].split()[:2] == ["X0", "red"]
        assert "[b]bold[/b]" in lines[2] and "[@click=app.quit]q[/]" in lines[3]
        assert "two lines" in lines[4]
        assert all("\x1b" not in line for line in lines)
        widths = {table.render_line(y).cell_length for y in range(len(rows) + 1)}
        assert widths == {table.size.width}  # every row, wide characters too, fills the table exactly


async def test_lines_drawn_directly_are_those_textual_would_draw() -> None:
    """The table draws its lines itself when its box is plain (no border, padding, tint...);
    they must be exactly what Textual's own line styling would give, in every state."""
    rows = [CaseRow.of(summary(f"X{n:03d}", f"A{n}.B.")) for n in range(40)]
    app = TableApp(rows)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(CaseTable)

        def both(crop: Region) -> tuple[list[Strip], list[Strip]]:
            direct = table.render_lines(crop)
            assert table._plain_box()
            table._styles_cache.clear()
            table._plain_box = lambda: False  # type: ignore[method-assign]
            try:
                return direct, table.render_lines(crop)
            finally:
                del table._plain_box

        whole = Region(0, 0, table.size.width, table.size.height)
        states = []
        for step in ("blurred", "focused", "hovered", "scrolled", "light theme"):
            if step == "blurred":
                app.set_focus(None)
            elif step == "focused":
                table.focus()
            elif step == "hovered":
                await pilot.hover(CaseTable, offset=(3, 4))
            elif step == "scrolled":
                await pilot.press("pagedown", "down")
            elif step == "light theme":
                app.theme = "textual-light"
            await pilot.pause()
            for crop in (whole, Region(2, 3, 20, 4)):
                direct, textual = both(crop)
                assert direct == textual, step
            states.append(table.render_lines(whole))
        assert [before != after for before, after in zip(states, states[1:])] == [True] * 4  # each step changed them
