"""The case list's table: one line per case, drawn only where it is on screen.

A keystroke in the filter replaces the rows the table shows, so what a keystroke costs is
what drawing a screenful of new rows costs. Textual's DataTable draws each cell through
Rich and works out several styles through the widget tree per row; with an office's
caseload that was most of a keystroke's 30-50 ms. This table is a line-API
:class:`~textual.scroll_view.ScrollView` that knows its rows are one line each, of fixed
columns, every cell of a row in the row's style:

* a row is one segment: its cells' text, padded to the column widths, in one style (zebra
  stripe, cursor or hover), looked up once per theme and focus state;
* only the lines on screen are drawn (:meth:`render_line`), each kept as a ``Strip`` by
  case, cursor, hover, stripe, focus and theme, and forgotten when the styles or the width
  change;
* new rows set the virtual size without laying the screen out, unless the scrollbar appears
  or goes (Textual lays out then, as it must).

It looks like the DataTable it replaces (the same colours from the theme, header, zebra
stripes and cursor row), moves with the same keys and the mouse (a click selects a row, a
click on the selected row opens it) and posts :class:`CaseTable.Opened`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from srt_tui.records.store import CaseSummary
from srt_tui.records.validation import clean_text

COLUMNS = ("Case ref", "Alias", "State", "Referred", "Last session")
PADDING = 1  # blank cells either side of each column's text, as DataTable's cell padding


def _one_line(value: str) -> str:
    """User text for a one-line cell: no escapes or control characters, no line breaks or tabs."""
    return clean_text(value).replace("\n", " ").replace("\t", " ")


@dataclass(frozen=True, eq=False)
class CaseRow:
    """One case as the list shows it (plain text, never markup), and the text the filter looks in.

    Rows are equal only to themselves: a row read again is a new row, drawn again.
    """

    id: str
    cells: tuple[str, ...]  # one per column of COLUMNS; the first is the case reference
    search: str  # reference and alias, casefolded, one per line (a filter never holds a newline)

    @property
    def ref(self) -> str:
        return self.cells[0]

    @classmethod
    def of(cls, summary: CaseSummary) -> CaseRow:
        last = summary.last_session.isoformat() if summary.last_session else "none yet"
        cells = (_one_line(summary.ref), _one_line(summary.alias), summary.state.label,
                 summary.referral_date.isoformat(), last)
        return cls(summary.id, cells, f"{summary.ref.casefold()}\n{summary.alias.casefold()}")


def column_widths(rows: Sequence[CaseRow]) -> tuple[int, ...]:
    """The width of each column: its widest cell or its label."""
    return tuple(max([cell_len(label), *(cell_len(row.cells[index]) for row in rows)])
                 for index, label in enumerate(COLUMNS))


def _text(cells: Sequence[str], widths: Sequence[int]) -> str:
    """A line of the table: each cell padded (or cut) to its column's width, with the padding between."""
    pad = " " * PADDING
    return "".join(f"{pad}{set_cell_size(cell, width)}{pad}" for cell, width in zip(cells, widths))


class _Line(NamedTuple):
    """What one line of the widget shows; the same ``_Line`` is drawn the same way."""

    kind: str  # "header", "row" or "blank"
    row: CaseRow | None = None
    even: bool = False  # zebra stripes: the first row is even
    cursor: bool = False
    hover: bool = False


_HEADER = _Line("header")
_BLANK = _Line("blank")


class _View(NamedTuple):
    """What every line of a frame is drawn for."""

    left: int  # scrolled across
    top: int  # the first row on screen
    width: int
    theme: str
    focus: bool


class CaseTable(ScrollView, can_focus=True):
    """The cases the filter matches, one per line under a header of column labels."""

    COMPONENT_CLASSES = {
        "case-table--header",
        "case-table--even-row",
        "case-table--odd-row",
        "case-table--cursor",
        "case-table--hover",
    }
    # DataTable's look, from the same theme variables.
    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .case-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .case-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .case-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .case-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .case-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .case-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .case-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .case-table--hover {
            background: $block-hover-background;
        }
    }
    """
    BINDINGS = [
        Binding("enter", "open", "Open case", show=False, tooltip="Open the selected case", id="case-table-open"),
        Binding("up", "cursor_up", "Up", show=False, tooltip="Select the case above", id="case-table-up"),
        Binding("down", "cursor_down", "Down", show=False, tooltip="Select the case below", id="case-table-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Up a screenful", id="case-table-page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Down a screenful",
                id="case-table-page-down"),
        Binding("home,ctrl+home", "first", "First", show=False, tooltip="Select the first case",
                id="case-table-first"),
        Binding("end,ctrl+end", "last", "Last", show=False, tooltip="Select the last case", id="case-table-last"),
    ]

    cursor_row: var[int] = var(0)
    """The index, in :attr:`rows`, of the selected row (0 when there are none)."""

    class Opened(Message):
        """The user opened a case: Enter on the selected row, or a click on it."""

        def __init__(self, case_id: str) -> None:
            super().__init__()
            self.case_id = case_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[CaseRow] = ()
        self._widths: tuple[int, ...] = tuple(cell_len(label) for label in COLUMNS)
        self._hover_row = -1  # the row under the mouse, drawn highlighted while the mouse was used last
        self._show_hover = False
        self._styles: dict[tuple[object, ...], Style] = {}  # by theme, focus and kind of line
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)  # by line, width, theme, focus
        self._drawn: dict[int, _Line] = {}  # what each line of the widget was last drawn with
        self._view = _View(0, 0, 0, "", False)

    # -- rows -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def selected(self) -> CaseRow | None:
        """The row under the cursor, if there is a row."""
        return self.rows[self.cursor_row] if self.rows else None

    def set_widths(self, widths: Sequence[int]) -> None:
        """Fix the width of each column (set once per load, from every case)."""
        if tuple(widths) != self._widths:
            self._widths = tuple(widths)
            self._strips.clear()
            self._drawn.clear()
            self.refresh()

    def show_rows(self, rows: Sequence[CaseRow]) -> None:
        """Show these rows, the cursor on the first, scrolled to the top."""
        top = round(self.scroll_y)
        self.rows = rows
        self.set_reactive(CaseTable.cursor_row, 0)
        self._hover_row = -1
        self._set_virtual_size(Size(self._table_width, len(rows) + 1))
        if top:
            self.scroll_to(0, 0, animate=False, immediate=True)  # which draws every line again
        else:  # only the lines that now show another case, or none
            width = self.size.width
            changed = [Region(0, y, width, 1) for y in range(1, self.size.height)
                       if self._drawn.get(y) != self._line(y, 0)]
            if changed:  # (refresh() with no region would draw every line)
                self.refresh(*changed)
        self._check_refresh()  # ask the screen for a frame now, not when idle: see module docstring

    def _set_virtual_size(self, size: Size) -> None:
        """Set the virtual size without a layout of the screen: the table's own size never
        depends on it. Only if a scrollbar now appears or goes, Textual lays out (its scrollbar
        reactives ask for it); otherwise the scrollbars are only updated, as a layout would."""
        if size == self.virtual_size:
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)

    @property
    def _table_width(self) -> int:
        return sum(width + 2 * PADDING for width in self._widths)

    # -- drawing --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    def _style(self, kind: str, even: bool = False, cursor: bool = False, hover: bool = False) -> Style:
        """The style of a line of this ``kind`` ("header", "row" or "blank", below the rows),
        for the theme and focus of now."""
        key = (self.app.theme, self.has_focus, kind, even, cursor, hover)
        style = self._styles.get(key)
        if style is None:
            if kind == "blank":
                style = self.rich_style
            elif kind == "header":
                style = self.get_component_rich_style("case-table--header")
            else:
                style = self.get_component_rich_style("case-table--even-row" if even else "case-table--odd-row")
                if hover:
                    style += self.get_component_rich_style("case-table--hover")
                if cursor:
                    style += self.get_component_rich_style("case-table--cursor")
            self._styles[key] = style
        return style

    def _line(self, y: int, top: int) -> _Line:
        """What line ``y`` of the widget shows when row ``top`` is the first on screen."""
        if y == 0:
            return _HEADER
        index = top + y - 1
        if index >= len(self.rows):
            return _BLANK
        hover = self._show_hover and index == self._hover_row
        return _Line("row", self.rows[index], index % 2 == 0, index == self.cursor_row, hover)

    def render_lines(self, crop: Region) -> list[Strip]:
        scroll_x, scroll_y = self.scroll_offset  # looked up once a frame, not once a line
        self._view = _View(scroll_x, scroll_y, self.size.width, self.app.theme, self.has_focus)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        view = self._view
        line = self._line(y, view.top)
        self._drawn[y] = line
        if line.kind == "blank":
            return Strip.blank(view.width, self._style("blank"))
        key = (line, view.width, view.theme, view.focus)
        strip = self._strips.get(key)
        if strip is None:
            text = _text(COLUMNS if line.row is None else line.row.cells, self._widths)
            text += " " * max(0, view.width - cell_len(text))  # the row's colour to the edge
            strip = Strip([Segment(text, self._style(line.kind, line.even, line.cursor, line.hover))],
                          cell_len(text))
            self._strips[key] = strip
        return strip.crop(view.left, view.left + view.width)

    def _refresh_row(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.refresh_line(index + 1)  # the header is the first line

    # -- the cursor and the keys ----------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()

    @property
    def _rows_on_screen(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top, shown = round(self.scroll_y), self._rows_on_screen
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False, immediate=True)

    def _by_keyboard(self) -> None:
        if self._show_hover:
            self._show_hover = False
            self._refresh_row(self._hover_row)

    def action_cursor_up(self) -> None:
        self._by_keyboard()
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self._by_keyboard()
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self._by_keyboard()
        self.scroll_to(y=self.scroll_y - self._rows_on_screen, animate=False, immediate=True)
        self.cursor_row -= self._rows_on_screen

    def action_page_down(self) -> None:
        self._by_keyboard()
        self.scroll_to(y=self.scroll_y + self._rows_on_screen, animate=False, immediate=True)
        self.cursor_row += self._rows_on_screen

    def action_first(self) -> None:
        self._by_keyboard()
        self.cursor_row = 0

    def action_last(self) -> None:
        self._by_keyboard()
        self.cursor_row = len(self.rows) - 1

    def action_open(self) -> None:
        self._by_keyboard()
        if (row := self.selected) is not None:
            self.post_message(self.Opened(row.id))

    # -- the mouse ------------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int:
        """The index of the row under the mouse, or -1 (the header, below the rows, a scrollbar)."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return -1
        index = round(self.scroll_y) + offset.y - 1
        return index if index < len(self.rows) else -1

    def _hover(self, index: int) -> None:
        if (index, True) != (self._hover_row, self._show_hover):
            self._refresh_row(self._hover_row)
            self._hover_row, self._show_hover = index, True
            self._refresh_row(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(-1)

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event)
        self._hover(index)
        if index < 0:
            return
        event.stop()
        if index == self.cursor_row:
            self.post_message(self.Opened(self.rows[index].id))
        else:
            self.cursor_row = index
