"""The case list: filter as you type, create a case, open one.

Built to stay quick with an office's caseload (a thousand cases and more):

* The cells of every case are made once per load, off the UI thread, with the text the
  filter searches; a keystroke only picks matching rows, it makes no new text.
* The table holds the matching rows only as far as has been reached, a page (two
  screenfuls) at a time: a keystroke costs the same with 100 cases or 10,000. More rows are
  added as the cursor or the scrollbar nears the end of those in the table.
* Column widths are set once per load from every case, so they never change as rows are
  added (and never depend on which rows a filter shows).
* :class:`CaseTable` draws each distinct cell once, where DataTable would draw every cell on
  screen again after each keystroke.
* :class:`FilterInput` does not lay the whole screen out on each keystroke, as Input would,
  and after the first rows are shown start-up's objects are frozen out of the garbage
  collector's passes (:mod:`srt_tui.heap`).

``python -m bench`` measures the keystroke at 1,000 cases (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import ScreenResume
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import RowKey

from srt_tui.display import plain
from srt_tui.heap import freeze_start_up_objects
from srt_tui.records.store import CaseSummary, RecordError

if TYPE_CHECKING:
    from srt_tui.app import SrtApp
    from srt_tui.records.model import Case

MIN_PAGE = 50  # rows added to the table at a time, at least; two screenfuls on a tall terminal
COLUMNS = (("Case ref", "ref"), ("Alias", "alias"), ("State", "state"), ("Referred", "referred"),
           ("Last session", "last"))


@dataclass(frozen=True)
class CaseRow:
    """One case as the list shows it, and the text the filter looks in."""

    id: str
    cells: tuple[Text, ...]
    search: str  # reference and alias, casefolded, one per line (a filter never holds a newline)

    @classmethod
    def of(cls, summary: CaseSummary) -> CaseRow:
        last = summary.last_session.isoformat() if summary.last_session else "none yet"
        cells = (plain(summary.ref), plain(summary.alias), Text(summary.state.label),
                 Text(summary.referral_date.isoformat()), Text(last))
        return cls(summary.id, cells, f"{summary.ref.casefold()}\n{summary.alias.casefold()}")


def column_widths(rows: list[CaseRow]) -> tuple[int, ...]:
    """The width of each column: its widest cell or its label."""
    return tuple(
        max([len(label), *(row.cells[index].cell_len for row in rows)])
        for index, (label, _key) in enumerate(COLUMNS)
    )


class CaseTable(DataTable[Text]):
    """A DataTable of fixed-width columns and one-line rows, quick to refill on each keystroke.

    Two DataTable habits cost more than a frame when rows are replaced on every keystroke:

    * It forgets every drawn cell whenever a row is added, so every cell on screen was drawn
      again through Rich: about 0.1 ms a cell, 15-20 ms a screenful on a modest laptop. Most
      cells repeat (a state, a date, initials), so this keeps each drawing by column, text
      and style; reused on another row, it only gets that row's number, which the mouse
      needs. Cells with spans, and the header, are drawn by DataTable as before.
    * It measures every new cell, later, when idle, then lays the screen out again. With
      fixed widths there is nothing to measure, so :meth:`add_case_rows` sizes the table at
      once and the keystroke's frame is the only one.

    These override DataTable's private ``_render_cell`` and ``_update_dimensions``: Textual
    is pinned exactly, and the case list snapshot tests would show any change in drawing.
    """

    _DRAWN_LIMIT = 20_000  # cached drawings, a few per distinct cell; forgotten all at once

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._drawn: dict[tuple[Any, ...], tuple[int, list[list[Segment]]]] = {}

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        def draw() -> list[list[Segment]]:
            return DataTable._render_cell(self, row_index, column_index, base_style, width, cursor, hover)

        if row_index < 0 or column_index < 0:
            return draw()
        cell = self.get_cell_at(Coordinate(row_index, column_index))
        if not isinstance(cell, Text) or cell.spans:
            return draw()
        key = (column_index, cell.plain, str(cell.style), base_style, width, cursor, hover, self.show_cursor,
               self._show_hover_cursor, self._pseudo_class_state, self.app.theme)
        drawn = self._drawn.get(key)
        if drawn is None:
            if len(self._drawn) > self._DRAWN_LIMIT:
                self._drawn.clear()
            lines = draw()
            self._drawn[key] = (row_index, lines)
            return lines
        drawn_on, lines = drawn
        if drawn_on == row_index:
            return lines
        row = Style.from_meta({"row": row_index, "column": column_index})
        return [[Segment(text, style + row if style else style, control) for text, style, control in line]
                for line in lines]

    def fix_columns(self, columns: Sequence[tuple[str, str]], widths: Sequence[int]) -> None:
        """Replace the columns (and clear the rows) with ones of these labels, keys and widths."""
        self.clear(columns=True)
        for (label, key), width in zip(columns, widths):
            self.add_column(label, key=key, width=width)

    def add_case_rows(self, rows: Sequence[CaseRow]) -> None:
        """Add rows at the end and size the table now (DataTable would wait until idle)."""
        for row in rows:
            self.add_row(*row.cells, key=row.id)
        self._require_update_dimensions = False
        self._update_dimensions(self._new_rows)
        self._new_rows.clear()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header)


class FilterInput(Input):
    """An Input whose keystrokes do not lay the whole screen out again.

    Input sets its virtual size (the width of its text) on every change, and a change of
    virtual size lays out the screen: about 5 ms a keystroke with the case list. The filter's
    own size never depends on its text (fixed width and height, no scrollbar), so the virtual
    size is set here without a layout, and its scrolling updated as a layout would.
    Overrides Input's private ``_watch_value``; Textual is pinned exactly and the case list
    tests type into this filter.
    """

    def _watch_value(self, value: str) -> None:
        size = Size(self.content_width, 1)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        super()._watch_value(value)


class CaseListScreen(Screen[None]):
    CSS_PATH = "case_list.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new_case", "New case", tooltip="Create a case", id="case-new"),
        Binding("f2", "new_case", "New case", show=False, id="case-new-f2"),
        Binding("ctrl+f", "focus_filter", "Filter", tooltip="Type to filter cases", id="case-filter"),
        Binding("down", "focus_table", "Cases", show=False, id="case-table"),
        Binding("ctrl+r", "caseload_report", "Report", tooltip="Caseload report and export of every case",
                id="case-report"),
        Binding("ctrl+g", "app.guide", "Guide", tooltip="How to use the toolkit", id="case-guide"),
    ]

    app: SrtApp

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseRow] = []  # every case, in list order
        self._shown: list[CaseRow] = []  # the cases the filter matches
        self._filled = 0  # how many of them are in the table
        self._widths: tuple[int, ...] = ()
        self._problem: str | None = None  # why the records could not be read, shown instead of a count

    def compose(self) -> ComposeResult:
        yield Header()
        if self.app.demo is not None:
            yield Static(self.app.demo.explanation, id="demo-banner", markup=False)
        yield FilterInput(placeholder="Filter by case reference or alias", id="filter")
        yield CaseTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty", classes="muted", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.watch(table, "scroll_y", self._scrolled, init=False)

    @on(ScreenResume)
    def reload(self) -> None:
        self._load_cases()

    @work(thread=True, exclusive=True, group="case-list")
    def _load_cases(self) -> None:
        try:
            summaries = self.app.store.list_cases()
        except RecordError as error:  # an unreadable folder: say so, and keep the app open
            self.app.call_from_thread(self._cannot_load, str(error))
            return
        rows = [CaseRow.of(summary) for summary in summaries]
        self.app.call_from_thread(self._show_cases, rows, column_widths(rows))

    def _cannot_load(self, message: str) -> None:
        self._problem = f"The records cannot be read: {message}"
        self._rows = []
        self._refill(self.query_one(Input).value)
        self.notify(f"{message} Run srt-tui doctor for details.", title="Cannot read the records",
                    severity="error", markup=False, timeout=60)
        self.app.call_after_refresh(freeze_start_up_objects)  # the first screen is up: see heap.py

    def _show_cases(self, rows: list[CaseRow], widths: tuple[int, ...]) -> None:
        self._problem = None
        self._rows = rows
        if widths != self._widths:
            self._widths = widths
            self.query_one(CaseTable).fix_columns(COLUMNS, widths)
        self._refill(self.query_one(Input).value)
        self.app.call_after_refresh(freeze_start_up_objects)  # the first screen is up: see heap.py

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#filter")
    def _open_first(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open_row(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)

    def _refill(self, query: str) -> None:
        """Show the cases matching ``query``: the first page of them in the table."""
        needle = query.strip().casefold()  # matched, case-insensitively, in reference and alias
        self._shown = [row for row in self._rows if needle in row.search] if needle else self._rows
        table = self.query_one(CaseTable)
        table.clear()
        self._filled = 0
        self._add_page(table)
        if self._problem:
            status = self._problem
        elif not self._rows:
            status = "No cases yet. Press ctrl+n to create one."
        elif not self._shown:
            status = "No case matches the filter."
        else:
            status = f"{len(self._shown)} of {len(self._rows)} cases. Enter opens the selected case."
        shown = self.query_one("#empty", Static)
        shown.set_class(self._problem is not None, "error")
        shown.update(status, layout=False)  # one line, always: no new layout

    def _add_page(self, table: CaseTable) -> None:
        end = min(len(self._shown), self._filled + max(MIN_PAGE, 2 * table.size.height))
        if end > self._filled:
            table.add_case_rows(self._shown[self._filled:end])
            self._filled = end

    @on(DataTable.RowHighlighted, "#cases")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._filled - event.data_table.size.height:
            self._add_page(self.query_one(CaseTable))

    def _scrolled(self) -> None:
        table = self.query_one(CaseTable)
        if table.scroll_y >= table.max_scroll_y - table.size.height:
            self._add_page(table)

    @on(DataTable.RowSelected, "#cases")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._open_row(event.row_key.value)

    def _open_row(self, case_id: str | None) -> None:
        if case_id:
            self.app.open_case(case_id)

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def action_caseload_report(self) -> None:
        from srt_tui.screens.caseload_report import CaseloadReportScreen

        self.app.push_screen(CaseloadReportScreen())

    def action_new_case(self) -> None:
        from srt_tui.dialogs.new_case import NewCaseDialog  # not needed for the first screen

        self.app.push_screen(NewCaseDialog(self.app.pack.variants), self._case_created)

    def _case_created(self, case: Case | None) -> None:
        if case is not None:
            self.notify(f"Case {case.ref} created", markup=False)
            self.app.open_case(case.id)
