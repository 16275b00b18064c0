"""The case list: filter as you type, create a case, open one.

Built to stay quick with an office's caseload (a thousand cases and more):

* The cases are read and their rows' text made once per load. The first load happens as the
  screen mounts, so its first frame already shows the cases: reading the index takes less
  time than a worker's round trip (a first frame without them, then another). Every later
  load (coming back from a case) runs in a worker.
* Column widths are set once per load from every case, so they never depend on which rows
  a filter shows.
* A keystroke only picks the matching rows (no new text) and hands them to
  :class:`~srt_tui.widgets.case_table.CaseTable`, which redraws only the lines that change
  and lays nothing out; the filter (:class:`FilterInput`) and the count
  (:class:`~srt_tui.widgets.status_line.StatusLine`) lay nothing out either, and all three
  go out in the keystroke's one frame.

``python -m bench`` measures the keystroke and start-up at 1,000 cases (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import ScreenResume
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from srt_tui.heap import freeze_start_up_objects
from srt_tui.records.store import RecordError
from srt_tui.screens.styling import KeptStyles, set_breakpoint_classes
from srt_tui.widgets.case_table import CaseRow, CaseTable, column_widths
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.status_line import StatusLine
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from rich.text import Text
    from textual.app import App

    from srt_tui.app import SrtApp
    from srt_tui.records.model import Case


class Caseload(NamedTuple):
    """What one load of the list found: every case in list order, or why there are none."""

    rows: list[CaseRow]
    widths: tuple[int, ...]
    problem: str | None = None  # why the records could not be read


class FilterInput(Input):
    """An Input whose keystrokes do not lay the whole screen out again.

    Input sets its virtual size (the width of its text) on every change, and a change of
    virtual size lays out the screen: about 2 ms of UI-thread CPU a keystroke at 1,000 cases,
    a third of what is left of one. The filter's own size never depends on its text (fixed
    width and height, no scrollbar), so the virtual size is set here without a layout, and
    its scrolling updated as a layout would. Overrides Input's private ``_watch_value``;
    Textual is pinned exactly and the case list tests type into this filter.
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
        set_breakpoint_classes(self, update=False)  # the first screen: styled once (see styling.py)
        self._kept_styles = KeptStyles()
        self._rows: list[CaseRow] = []  # every case, in list order
        self._problem: str | None = None  # why the records could not be read, shown instead of a count
        self._loaded_on_mount = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        if self.app.demo is not None:
            yield Static(self.app.demo.explanation, id="demo-banner", markup=False)
        yield FilterInput(placeholder="Filter by case reference or alias", id="filter")
        yield CaseTable(id="cases")
        yield StatusLine(id="case-count", classes="muted")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show(self._read_cases())  # before the first frame: see the module docstring
        self._loaded_on_mount = True
        self._kept_styles.styled(self.app)
        self.app.call_after_refresh(freeze_start_up_objects)  # the first screen is up: see heap.py

    @on(ScreenResume)
    def _resumed(self, event: ScreenResume) -> None:
        """Read the cases again when the list is shown again; restyle it only if what its
        styles depend on changed (on the first resume, just after the mount, nothing has)."""
        self._kept_styles.resumed(self.app, event)
        if self._loaded_on_mount:  # the first resume comes straight after the mount
            self._loaded_on_mount = False
            return
        self.reload()

    def reload(self) -> None:
        """Read the cases again (in a worker) and show them."""
        self._load_cases()

    def _read_cases(self) -> Caseload:
        try:
            summaries = self.app.store.list_cases()
        except RecordError as error:  # an unreadable folder: say so, and keep the app open
            return Caseload([], (), str(error))
        rows = [CaseRow.of(summary) for summary in summaries]
        return Caseload(rows, column_widths(rows))

    @work(thread=True, exclusive=True, group="case-list")
    def _load_cases(self) -> None:
        self.app.call_from_thread(self._show, self._read_cases())

    def _show(self, caseload: Caseload) -> None:
        self._rows = caseload.rows
        self._problem = None
        if caseload.problem is not None:
            self._problem = f"The records cannot be read: {caseload.problem}"
            self.notify(f"{caseload.problem} Run srt-tui doctor for details.", title="Cannot read the records",
                        severity="error", markup=False, timeout=60)
        else:
            self.query_one(CaseTable).set_widths(caseload.widths)
        self._refill(self.query_one(Input).value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#filter")
    def _open_first(self) -> None:
        selected = self.query_one(CaseTable).selected  # the first match, unless the cursor was moved since
        if selected is not None:
            self.app.open_case(selected.id)

    def _refill(self, query: str) -> None:
        """Show the cases matching ``query``."""
        needle = query.strip().casefold()  # matched, case-insensitively, in reference and alias
        shown = [row for row in self._rows if needle in row.search] if needle else self._rows
        self.query_one(CaseTable).show_rows(shown)
        if self._problem:
            status = self._problem
        elif not self._rows:
            status = "No cases yet. Press ctrl+n to create one."
        elif not shown:
            status = "No case matches the filter."
        else:
            status = f"{len(shown)} of {len(self._rows)} cases. Enter opens the selected case."
        line = self.query_one(StatusLine)
        line.set_class(self._problem is not None, "error")
        line.update(status)

    @on(CaseTable.Opened, "#cases")
    def _case_opened(self, event: CaseTable.Opened) -> None:
        self.app.open_case(event.id)

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(CaseTable).focus()

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


def say_records_changed(app: App[object], title: str, message: Text) -> None:
    """After a change to the records made outside the case list (a case restored or deleted):
    bring every case list up to date, then show what was done, line by line."""
    from srt_tui.dialogs.message import MessageDialog

    for screen in app.screen_stack:
        if isinstance(screen, CaseListScreen):
            screen.reload()
    app.push_screen(MessageDialog(title, message))
