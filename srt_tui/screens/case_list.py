"""The case list: filter as you type, create a case, open one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from srt_tui.dialogs.new_case import NewCaseDialog
from srt_tui.records.model import Case
from srt_tui.records.store import CaseSummary
from srt_tui.display import plain

if TYPE_CHECKING:
    from srt_tui.app import SrtApp


def matches(summary: CaseSummary, query: str) -> bool:
    """Case-insensitive match of the filter text against reference and alias."""
    needle = query.strip().casefold()
    return not needle or needle in summary.ref.casefold() or needle in summary.alias.casefold()


class CaseListScreen(Screen[None]):
    CSS_PATH = "case_list.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new_case", "New case", tooltip="Create a case", id="case-new"),
        Binding("f2", "new_case", "New case", show=False, id="case-new-f2"),
        Binding("ctrl+f", "focus_filter", "Filter", tooltip="Type to filter cases", id="case-filter"),
        Binding("down", "focus_table", "Cases", show=False, id="case-table"),
    ]

    app: SrtApp
    _cases: list[CaseSummary]

    def __init__(self) -> None:
        super().__init__()
        self._cases = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by case reference or alias", id="filter")
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty", classes="muted", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Case ref", key="ref")
        table.add_column("Alias", key="alias")
        table.add_column("State", key="state")
        table.add_column("Referred", key="referred")
        table.add_column("Last session", key="last")

    @on(ScreenResume)
    def reload(self) -> None:
        self._load_cases()

    @work(thread=True, exclusive=True, group="case-list")
    def _load_cases(self) -> None:
        cases = self.app.store.list_cases()
        self.app.call_from_thread(self._show_cases, cases)

    def _show_cases(self, cases: list[CaseSummary]) -> None:
        self._cases = cases
        self._refill(self.query_one(Input).value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#filter")
    def _open_first(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open_row(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)

    def _refill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        shown = [c for c in self._cases if matches(c, query)]
        for case in shown:
            table.add_row(
                plain(case.ref),
                plain(case.alias),
                case.state.label,
                case.referral_date.isoformat(),
                case.last_session.isoformat() if case.last_session else "none yet",
                key=case.id,
            )
        empty = self.query_one("#empty", Static)
        if not self._cases:
            empty.update("No cases yet. Press ctrl+n to create one.")
        elif not shown:
            empty.update("No case matches the filter.")
        else:
            empty.update(f"{len(shown)} of {len(self._cases)} cases. Enter opens the selected case.")

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

    def action_new_case(self) -> None:
        self.app.push_screen(NewCaseDialog(self.app.pack.variants), self._case_created)

    def _case_created(self, case: Case | None) -> None:
        if case is not None:
            self.notify(f"Case {case.ref} created", markup=False)
            self.app.open_case(case.id)
