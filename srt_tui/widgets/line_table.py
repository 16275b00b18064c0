"""A table of one-line rows, drawn only where it is on screen: the case list's and the
session history's.

The case list replaces the rows it shows on every keystroke in its filter, and the case
overview fills its session history each time a case opens, so what both cost is mostly
what drawing a screenful of new rows costs. Textual's DataTable drew each cell through Rich
and worked out several styles through the widget tree per row: with an office's caseload,
30 ms and more a keystroke, and a third of the time of opening a case. This table is a
line-API :class:`~textual.scroll_view.ScrollView` that knows its rows are one line each, of
fixed columns, each row in one style:

* a row is one segment (its cells padded to the column widths) in one style (header, zebra
  stripe, cursor or hover), looked up once per theme and focus;
* only the lines on screen are drawn, each kept as a ``Strip`` by what it shows (row,
  stripe, cursor, hover, scrollbar part, theme, focus); a new set of rows redraws only the
  lines that now show something else;
* its lines go to the screen as they are, without Textual's generic per-line styling, when
  the table has no border, padding, tint or opacity to add (:meth:`LineTable.render_lines`);
* the vertical scrollbar is drawn in the lines too, by Textual's own scrollbar renderer:
  Textual's scrollbar widget would draw all its lines on every keystroke that changes the
  number of rows, and appearing or going it would lay the whole screen out;
* new rows set the virtual size without laying the screen out (unless the table is as tall
  as its rows), and the screen is asked for the frame at once, so a typed letter and the
  rows it selects share a frame.

It looks like the DataTable it replaced (the theme's colours, header, zebra stripes, cursor
row and scrollbar) and moves with the same keys and the mouse (a click selects a row, a
click on the selected row opens it; wheel, scrollbar clicks and dragging scroll). Cells are
plain text, never markup: :func:`~srt_tui.records.validation.one_line` takes out what a
line cannot show. It uses two of
Textual's private methods (``_check_refresh`` to ask for the frame at once, ``_scroll_update``
as a layout would call it): Textual is pinned exactly, and the tables' tests and the
snapshots would show a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple, Protocol

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
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip


PADDING = 1  # blank cells either side of each column's text, as DataTable's cell padding
BAR = 2  # the scrollbar's width, Textual's default


class TableRow(Protocol):
    """What the table needs of a row: hashable (its drawn text is kept by row), its cells, and
    what opening it names (None: a line that opens nothing, as "No sessions yet")."""

    @property
    def id(self) -> str | None: ...

    @property
    def cells(self) -> tuple[str, ...]: ...

    def __hash__(self) -> int: ...


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def column_widths(labels: Sequence[str], rows: Sequence[TableRow]) -> tuple[int, ...]:
    """The width of each column: its widest cell or its label."""
    widths = []
    for index, label in enumerate(labels):
        cells = [row.cells[index] for row in rows]
        measure = len if "".join(cells).isascii() else cell_len  # (one pass in C for the usual case)
        widths.append(max(_width(label), max(map(measure, cells), default=0)))
    return tuple(widths)


def table_bindings(noun: str, prefix: str) -> list[Binding]:
    """The keys of a table of ``noun`` (e.g. "case"): Enter opens the selected row, the arrows,
    Page Up/Down, Home and End move the cursor. ``prefix`` makes each binding's id."""
    return [
        Binding("enter", "open", f"Open {noun}", show=False, tooltip=f"Open the selected {noun}", id=f"{prefix}-open"),
        Binding("up", "cursor_up", "Up", show=False, tooltip=f"Select the {noun} above", id=f"{prefix}-up"),
        Binding("down", "cursor_down", "Down", show=False, tooltip=f"Select the {noun} below", id=f"{prefix}-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Up a screenful", id=f"{prefix}-page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Down a screenful",
                id=f"{prefix}-page-down"),
        Binding("home,ctrl+home", "first", "First", show=False, tooltip=f"Select the first {noun}",
                id=f"{prefix}-first"),
        Binding("end,ctrl+end", "last", "Last", show=False, tooltip=f"Select the last {noun}", id=f"{prefix}-last"),
    ]


def _cut(text: str, left: int, width: int) -> str:
    """The ``width`` cells of ``text`` from cell ``left`` on, padded with blanks to ``width``."""
    if text.isascii():
        return text[left:left + width].ljust(width)
    if left:
        text = Segment(text).split_cells(left)[1].text  # (a wide character cut in two: a blank)
    return set_cell_size(text, width)


def _text(cells: Sequence[str], widths: Sequence[int]) -> str:
    """A line of the table: each cell padded (or cut) to its column's width, with the padding between."""
    pad = " " * PADDING
    return "".join(f"{pad}{set_cell_size(cell, width)}{pad}" for cell, width in zip(cells, widths))


class _Line(NamedTuple):
    """What one line of the widget shows; the same ``_Line`` is drawn the same way."""

    kind: str  # "header", "row" or "blank" (below the rows)
    row: TableRow | None = None
    even: bool = False  # zebra stripes: the first row is even
    cursor: bool = False
    hover: bool = False
    bar: Segment | None = None  # the scrollbar's part of the line, when the rows do not all fit


class _View(NamedTuple):
    """What every line of a frame is drawn for."""

    left: int  # scrolled across
    top: int  # the first row on screen
    width: int
    theme: str
    focus: bool
    bar: list[Segment] | None  # the scrollbar, a segment a line, when the rows do not all fit


class LineTable(ScrollView, can_focus=True):
    """Rows of one line each under a header of column labels (see the module docstring).

    A subclass names its :attr:`COLUMNS` and gives its :attr:`BINDINGS` (:func:`table_bindings`);
    opening a row posts :class:`LineTable.Opened` with the row's id."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    class Opened(Message):
        """The user opened a row (Enter on the selected row, or a click on it): ``id`` is the
        row's (a case's or a session's)."""

        def __init__(self, table: LineTable, id: str) -> None:
            super().__init__()
            self.table = table
            self.id = id

        @property
        def control(self) -> LineTable:
            """The table (so that ``@on(..., "#selector")`` can tell tables apart)."""
            return self.table

    ALLOW_SELECT = False  # a drag scrolls or picks a row, as in DataTable; it selects no text
    COMPONENT_CLASSES = {
        "line-table--header",
        "line-table--even-row",
        "line-table--odd-row",
        "line-table--cursor",
        "line-table--hover",
    }
    # DataTable's look, from the same theme variables. Textual keeps its vertical scrollbar
    # always "shown" but none wide: the table draws it (see the module docstring).
    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .line-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .line-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .line-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .line-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .line-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .line-table--hover {
            background: $block-hover-background;
        }
    }
    """
    cursor_row: var[int] = var(0)
    """The index, in :attr:`rows`, of the selected row (0 when there are none)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[TableRow] = ()
        self._widths: tuple[int, ...] = tuple(cell_len(label) for label in self.COLUMNS)
        self._hover_row = -1  # the row under the mouse, drawn highlighted while the mouse was used last
        self._show_hover = False
        self._bar_hover = False  # the mouse is over the scrollbar
        self._grab: tuple[float, float] | None = None  # dragging the scrollbar: from (screen y, scroll y)
        self._pressed_on_bar = False
        self._styles: dict[tuple[object, ...], Style] = {}  # by theme, focus and kind of line
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)  # by line and view
        self._texts: LRUCache[TableRow | None, str] = LRUCache(4096)  # rows' text, at these widths
        self._bars: LRUCache[tuple[object, ...], list[Segment]] = LRUCache(64)
        self._drawn: dict[int, _Line] = {}  # what each line of the widget was last drawn with
        self._view = _View(0, 0, 0, "", False, None)

    # -- rows -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def selected(self) -> TableRow | None:
        """The row under the cursor, if there is a row."""
        return self.rows[self.cursor_row] if self.rows else None

    def set_widths(self, widths: Sequence[int]) -> None:
        """Fix the width of each column (the widths fit every row it will show)."""
        if tuple(widths) != self._widths:
            self._widths = tuple(widths)
            self._strips.clear()
            self._texts.clear()
            self._drawn.clear()
            self._set_virtual_size(Size(self._table_width, self.virtual_size.height))
            self.refresh()

    def show_rows(self, rows: Sequence[TableRow]) -> None:
        """Show these rows, the cursor on the first, scrolled to the top."""
        top = round(self.scroll_y)
        self.rows = rows
        self.set_reactive(LineTable.cursor_row, 0)
        self._hover_row = -1
        self._set_virtual_size(Size(self._table_width, len(rows) + 1))
        if top:
            self.scroll_to(0, 0, animate=False, immediate=True)  # which draws every line again
        else:  # only the lines that now show another row, or another part of the scrollbar
            width, bar = self.size.width, self._bar()
            changed = [Region(0, y, width, 1) for y in range(self.size.height)
                       if self._drawn.get(y) != self._line(y, 0, bar)]
            if changed:  # (refresh() with no region would draw every line)
                self.refresh(*changed)
        self._check_refresh()  # ask the screen for a frame now, not when idle: see module docstring

    def _set_virtual_size(self, size: Size) -> None:
        """Set the virtual size without a layout of the screen when the table's own size does
        not depend on it (Textual's scrollbars are updated as a layout would). A table as tall
        as its rows (``height: auto``) is laid out again when their number changes."""
        if size != self.virtual_size:
            taller_or_shorter = size.height != self.virtual_size.height
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            height = self.styles.height
            if taller_or_shorter and height is not None and height.is_auto:
                self.refresh(layout=True)

    @property
    def _table_width(self) -> int:
        """The width of every column, and room for the scrollbar (so none is ever hidden under it)."""
        return sum(width + 2 * PADDING for width in self._widths) + BAR

    # -- drawing --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._bars.clear()
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
                style = self.get_component_rich_style("line-table--header")
            else:
                style = self.get_component_rich_style("line-table--even-row" if even else "line-table--odd-row")
                if hover:
                    style += self.get_component_rich_style("line-table--hover")
                if cursor:
                    style += self.get_component_rich_style("line-table--cursor")
            self._styles[key] = style
        return style

    def _bar(self, *, for_mouse: bool = False) -> list[Segment] | None:
        """The scrollbar as Textual's scrollbar widget would draw it, a segment a line, or None
        when every row fits. Drawn without the mouse actions Textual gives its segments, which
        :meth:`on_mouse_down` reads (``for_mouse``) to act as Textual's scrollbar does."""
        window = self.scrollable_content_region.height
        virtual = self.virtual_size.height
        if window <= 0 or virtual <= window:
            return None
        styles = self.styles
        state = "active" if self._grab else "hover" if self._bar_hover else ""
        key = (window, virtual, int(self.scroll_y * 8), state, self.app.theme, self.has_focus, for_mouse)
        bar = self._bars.get(key)
        if bar is None:
            if state == "active":
                background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
            elif state == "hover":
                background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
            else:
                background, color = styles.scrollbar_background, styles.scrollbar_color
            if background.a < 1:
                background = self.background_colors[0] + background
            color = background + color
            bar = ScrollBarRender.render_bar(
                size=window, virtual_size=virtual, position=int(self.scroll_y * 8) / 8, thickness=BAR,
                window_size=window if self.screen.styles.scrollbar_color.a else 0,  # (as Textual's)
                vertical=True, back_color=background.rich_color, bar_color=color.rich_color).segments
            if not for_mouse:
                bar = [Segment(text, style.clear_meta_and_links() if style else style) for text, style, _ in bar]
            self._bars[key] = bar
        return bar

    def _line(self, y: int, top: int, bar: list[Segment] | None) -> _Line:
        """What line ``y`` of the widget shows when row ``top`` is the first on screen."""
        part = bar[y] if bar is not None and y < len(bar) else None
        if y == 0:
            return _Line("header", bar=part)
        index = top + y - 1
        if index >= len(self.rows):
            return _Line("blank", bar=part)
        hover = self._show_hover and index == self._hover_row
        return _Line("row", self.rows[index], index % 2 == 0, index == self.cursor_row, hover, part)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``; drawn directly when the table's box is plain (see below)."""
        scroll_x, scroll_y = self.scroll_offset  # looked up once a frame, not once a line
        self._view = _View(scroll_x, scroll_y, self.size.width, self.app.theme, self.has_focus, self._bar())
        if not self._plain_box():
            return super().render_lines(crop)
        # Each line is already whole: its width, and every segment's colours. Textual's styles
        # cache would give each line a border, padding, tint and opacity, and copy it twice
        # doing so (about 50 us a line, most of drawing a screenful); with none of those to
        # add, what remains is the app's line filters (each filtered line is cached on its
        # strip). tests/screens/test_case_table.py checks this gives what Textual draws.
        background = self.background_colors[1]
        filters = self.app.get_line_filters()
        strips = []
        for y in crop.line_range:
            strip = self.render_line(y)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, self._view.width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _plain_box(self) -> bool:
        """Whether the widget has nothing around or over its lines: no border, padding,
        outline, title, tint, hatch or opacity."""
        styles = self.styles
        return (not styles.gutter and not styles.outline and not styles.tint.a
                and (not styles.has_rule("hatch") or styles.hatch == "none")
                and styles.text_opacity == 1 and self.opacity == 1
                and self._border_title is None and self._border_subtitle is None)

    def render_line(self, y: int) -> Strip:
        view = self._view
        line = self._line(y, view.top, view.bar)
        self._drawn[y] = line
        key = (line, view.left, view.width, view.theme, view.focus)
        strip = self._strips.get(key)
        if strip is None:  # one segment for the row, one for the scrollbar: a single new Strip
            width = view.width - (BAR if line.bar else 0)  # for the row, left of the scrollbar
            if line.kind == "blank":
                text = " " * width
            else:
                text = _cut(self._row_text(line.row), view.left, width)
            segments = [Segment(text, self._style(line.kind, line.even, line.cursor, line.hover))]
            if line.bar:
                segments.append(line.bar)
            strip = self._strips[key] = Strip(segments, view.width)
        return strip

    def _row_text(self, row: TableRow | None) -> str:
        """A row's cells (or the header's labels) padded to the column widths."""
        text = self._texts.get(row)
        if text is None:
            text = self._texts[row] = _text(self.COLUMNS if row is None else row.cells, self._widths)
        return text

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
            self._open(row)

    def _open(self, row: TableRow) -> None:
        if row.id is not None:
            self.post_message(self.Opened(self, row.id))

    # -- the mouse ------------------------------------------------------------------------

    def _on_bar(self, event: events.MouseEvent) -> bool:
        """Whether the mouse is on the scrollbar (when there is one)."""
        offset = event.get_content_offset(self)
        return offset is not None and offset.x >= self.size.width - BAR and self._bar() is not None

    def _row_at(self, event: events.MouseEvent) -> int:
        """The index of the row under the mouse, or -1 (the header, below the rows, the scrollbar)."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or self._on_bar(event):
            return -1
        index = round(self.scroll_y) + offset.y - 1
        return index if index < len(self.rows) else -1

    def _hover(self, index: int, on_bar: bool = False) -> None:
        if on_bar != self._bar_hover:
            self._bar_hover = on_bar
            self.refresh()  # the scrollbar in its hover colours, or not
        if (index, True) != (self._hover_row, self._show_hover):
            self._refresh_row(self._hover_row)
            self._hover_row, self._show_hover = index, True
            self._refresh_row(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grab is not None:  # dragging the scrollbar's thumb, as Textual's scrollbar does
            grabbed_at, scrolled = self._grab
            moved = (event.pointer_screen_y - grabbed_at) * self.virtual_size.height
            self.scroll_to(y=round(scrolled + moved / self.scrollable_content_region.height),
                           animate=False, immediate=True)
            return
        on_bar = self._on_bar(event)
        self._hover(-1 if on_bar else self._row_at(event), on_bar)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(-1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """On the scrollbar: its thumb is dragged; the track above or below it pages."""
        self._pressed_on_bar = self._on_bar(event)
        offset = event.get_content_offset(self)
        bar = self._bar(for_mouse=True)
        if not self._pressed_on_bar or offset is None or bar is None or offset.y >= len(bar):
            return
        event.stop()
        style = bar[offset.y].style
        action = style.meta.get("@mouse.down") if style else None  # what Textual's scrollbar would do
        if action == "grab":
            self._grab = (event.pointer_screen_y, self.scroll_y)
            self.capture_mouse()
            self.refresh()  # the scrollbar in its active colours
        elif action in ("scroll_up", "scroll_down"):
            page = self._rows_on_screen if action == "scroll_down" else -self._rows_on_screen
            self.scroll_to(y=self.scroll_y + page, animate=False, immediate=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            self.release_mouse()

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        """The mouse is no longer captured, whatever ended the drag."""
        self._grab = None
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if self._pressed_on_bar:  # the end of a press on the scrollbar, wherever the mouse is now
            return
        index = self._row_at(event)
        self._hover(index)
        if index < 0:
            return
        event.stop()
        if index == self.cursor_row:
            self._open(self.rows[index])
        else:
            self.cursor_row = index
