"""The caseload report in the app: counts per category and every case, with filters; saves
the report as HTML or CSV, and exports every case's summary in one batch.

Reading the cases and the batch export run in a worker thread with a progress bar; Escape
stops a running job between two cases (nothing is left half written) and otherwise goes
back. The screen only shows what :mod:`srt_tui.export.caseload` builds.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, ProgressBar, Select, Static

from srt_tui.dialogs.export_format import ExportFormatDialog
from srt_tui.display import plain
from srt_tui.export import ExportError
from srt_tui.export.batch import BatchResult, export_all
from srt_tui.export.caseload import CaseloadReport, Filters, build_caseload
from srt_tui.export.jobs import Cancelled
from srt_tui.records.model import CaseState
from srt_tui.records.store import RecordError
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from srt_tui.app import SrtApp


class CaseloadReportScreen(Screen[None]):
    CSS_PATH = "caseload_report.tcss"
    BINDINGS = [
        Binding("f5", "refresh", "Refresh", tooltip="Read the cases again with these filters", id="report-refresh"),
        Binding("f6", "save('html')", "Save HTML", tooltip="Write this report as an HTML page", id="report-html"),
        Binding("f7", "save('csv')", "Save CSV", tooltip="Write this report as CSV for a spreadsheet",
                id="report-csv"),
        Binding("f8", "export_all", "Export all", tooltip="Export every case's summary into a new folder",
                id="report-export-all"),
        Binding("escape", "stop_or_back", "Stop / back", tooltip="Stop the running job, or go back",
                id="report-back"),
    ]

    app: SrtApp

    def __init__(self) -> None:
        super().__init__()
        self.report: CaseloadReport | None = None
        self.filters = Filters()
        self.last_batch: BatchResult | None = None
        self._stop: threading.Event | None = None  # set while a job runs; setting it stops the job

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="filters"):
            yield Input(placeholder="Practitioner (any)", id="practitioner")
            yield Label("Referred", id="referred")
            yield Input(placeholder="from YYYY-MM-DD", id="from", max_length=10,
                        tooltip="Only cases referred on or after this day")
            yield Input(placeholder="to YYYY-MM-DD", id="to", max_length=10,
                        tooltip="Only cases referred on or before this day")
            yield Select([(state.label, state.value) for state in CaseState], prompt="Any state", id="state")
        with Horizontal(id="job"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Label("", id="job-label", markup=False)
        yield Static("", id="status", markup=False)
        yield DataTable(id="counts", cursor_type="none", zebra_stripes=True)
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Caseload report"
        counts = self.query_one("#counts", DataTable)
        for label in ("Category", "Cases", "Of which breached"):
            counts.add_column(label)
        cases = self.query_one("#cases", DataTable)
        for label in ("Case ref", "Alias", "Practitioner", "State", "Category", "Foundation", "All", "Sessions",
                      "Last seen"):
            cases.add_column(label)
        self.query_one("#job").display = False
        self.action_refresh()

    def on_unmount(self) -> None:
        if self._stop is not None:
            self._stop.set()

    # -- filters and reading -------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Select.Changed, "#state")
    def action_refresh(self) -> None:
        if self._stop is not None:
            self.notify("Wait for the running job, or press Escape to stop it.", severity="warning")
            return
        try:
            filters = self._read_filters()
        except ValueError as error:
            self.notify(str(error), title="Filters", severity="error", markup=False)
            return
        self.filters = filters
        self._start("Reading cases")
        self._build(filters, self._stop)

    def _read_filters(self) -> Filters:
        def day(widget_id: str, name: str) -> date | None:
            text = self.query_one(f"#{widget_id}", Input).value.strip()
            if not text:
                return None
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{name} must be a date written YYYY-MM-DD.") from None

        state = self.query_one("#state", Select).value
        filters = Filters(
            practitioner=self.query_one("#practitioner", Input).value.strip() or None,
            referred_from=day("from", "Referred from"),
            referred_to=day("to", "Referred to"),
            state=CaseState(state) if isinstance(state, str) else None,
        )
        try:
            filters.check()
        except ExportError as error:
            raise ValueError(str(error)) from None
        return filters

    @work(thread=True, exclusive=True, group="caseload-job", exit_on_error=False)
    def _build(self, filters: Filters, stop: threading.Event) -> None:
        try:
            report = build_caseload(self.app.store, self.app.pack, filters,
                                    on_progress=self._progress_from_thread, should_stop=stop.is_set)
        except Cancelled:
            self.app.call_from_thread(self._finish, "Stopped: the report was not read to the end.")
            return
        except (ExportError, RecordError) as error:
            self.app.call_from_thread(self._finish, str(error), True)
            return
        self.app.call_from_thread(self._show, report)

    def _show(self, report: CaseloadReport) -> None:
        self.report = report
        counts = self.query_one("#counts", DataTable)
        counts.clear()
        for count in report.counts:
            counts.add_row(count.category, str(count.cases), str(count.breached))
        counts.add_row("All cases", str(report.total), str(report.breached))
        cases = self.query_one("#cases", DataTable)
        cases.clear()
        for row in report.cases:
            foundation = row.modules[0] if row.modules else None
            cases.add_row(
                plain(row.ref), plain(row.alias), plain(row.practitioner or "—"), plain(row.state),
                row.category, f"{foundation.done}/{foundation.total}" if foundation else "—",
                f"{row.done}/{row.total}", str(row.sessions), row.last_seen,
            )
        noun = "case" if report.total == 1 else "cases"
        message = f"{report.total} {noun}. F6 saves HTML, F7 CSV, F8 exports every case."
        if report.problems:
            message += f" {len(report.problems)} case file(s) could not be read and are left out."
        self._finish(message)

    # -- saving the report ---------------------------------------------------------------------

    def action_save(self, fmt: str) -> None:
        if self.report is None or self._stop is not None:
            self.notify("The report is not ready yet.", severity="warning")
            return
        self._save(self.report, self.filters, fmt)

    @work(thread=True, group="caseload-save", exit_on_error=False)
    def _save(self, report: CaseloadReport, filters: Filters, fmt: str) -> None:
        from srt_tui.export.report import write_report

        try:
            path = write_report(report, fmt, self.app.export_dir, filters, date.today())
        except ExportError as error:
            self.app.call_from_thread(self.notify, str(error), title="Report not saved", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, f"Saved to {path}", title="Report", markup=False)

    # -- batch export --------------------------------------------------------------------------

    def action_export_all(self) -> None:
        if self._stop is not None:
            self.notify("Wait for the running job, or press Escape to stop it.", severity="warning")
            return
        self.app.push_screen(ExportFormatDialog("Export every case's summary as"), self._export_chosen)

    def _export_chosen(self, fmt: str | None) -> None:
        if fmt:
            self._start("Exporting")
            self._export(fmt, self.app.export_dir, self._stop)

    @work(thread=True, exclusive=True, group="caseload-job", exit_on_error=False)
    def _export(self, fmt: str, out_dir: Path, stop: threading.Event) -> None:
        try:
            result = export_all(self.app.store, self.app.pack, fmt, out_dir,
                                on_progress=self._progress_from_thread, should_stop=stop.is_set)
        except ExportError as error:
            self.app.call_from_thread(self._finish, str(error), True)
            return
        self.app.call_from_thread(self._exported, result)

    def _exported(self, result: BatchResult) -> None:
        self.last_batch = result
        lines = [f"Export of every case: {result.summary()}."]
        lines += [f"Failed: {failure}" for failure in result.failures]
        self._finish("\n".join(lines), bool(result.failures))

    # -- the running job -----------------------------------------------------------------------

    def _start(self, what: str) -> None:
        self._stop = threading.Event()
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#job-label", Label).update(Text(f"{what}… Escape stops."))
        self.query_one("#job").display = True

    def _progress_from_thread(self, done: int, total: int, label: str) -> None:
        self.app.call_from_thread(self._progress, done, total, label)

    def _progress(self, done: int, total: int, label: str) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def _finish(self, message: str, error: bool = False) -> None:
        self._stop = None
        self.query_one("#job").display = False
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(error, "error")

    def action_stop_or_back(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self.query_one("#job-label", Label).update("Stopping after the current case…")
            return
        self.dismiss()


__all__ = ["CaseloadReportScreen"]
