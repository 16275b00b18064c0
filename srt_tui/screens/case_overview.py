"""One case at a glance: details, progress per module, open task, session history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, ProgressBar, Static

from srt_tui.dialogs.case_state import CaseStateDialog
from srt_tui.dialogs.export_format import ExportFormatDialog
from srt_tui.display import plain
from srt_tui.export.plan import total_minutes
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import Progress, case_progress, open_task
from srt_tui.records.store import RecordError

if TYPE_CHECKING:
    from srt_tui.app import SrtApp
    from srt_tui.content.model import ContentPack


@dataclass(frozen=True)
class CaseView:
    """Everything the overview shows, loaded together off the UI thread."""

    case: Case
    sessions: list[Session]
    progress: Progress

    @property
    def open_task(self) -> str:
        return open_task(self.sessions)


class CaseOverviewScreen(Screen[None]):
    CSS_PATH = "case_overview.tcss"
    BINDINGS = [
        Binding("s", "start_session", "Start session", tooltip="Start or resume a session", id="overview-session"),
        Binding("x", "export", "Export", tooltip="Export this case's summary", id="overview-export"),
        Binding("t", "change_state", "State", tooltip="Change the case's state", id="overview-state"),
        Binding("p", "plan", "Plan", tooltip="Prepare the next session and print a plan", id="overview-plan"),
        Binding("h", "handout", "Handout", tooltip="Participant handout of the latest session",
                id="overview-handout"),
        Binding("escape", "back", "Back", tooltip="Back to the case list", id="overview-back"),
        Binding("ctrl+d", "delete_case", "Delete case", show=False,
                tooltip="Delete this case (retention): you type its reference to confirm", id="overview-delete"),
    ]

    app: SrtApp

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: CaseView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="overview"):
            with Horizontal(id="top"):
                yield Static("", id="details", markup=False)
                with Vertical(id="progress"):
                    yield Static("Progress", classes="section-title", markup=False)
                    yield Static("", id="category", markup=False)
                    yield Vertical(id="modules")
            yield Static("Open between-session task", classes="section-title", markup=False)
            yield Static("", id="task", markup=False)
            yield Static("Planned for the next session", classes="section-title", markup=False)
            yield Static("", id="next-plan", markup=False)
            yield Static("Sessions", classes="section-title", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for label in ("Date", "Time", "Record", "Exercises"):
            table.add_column(label)

    @on(ScreenResume)
    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="case-overview")
    def _load(self) -> None:
        store = self.app.store
        try:
            case = store.get_case(self.case_id)
            sessions = store.sessions(self.case_id)
        except RecordError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        view = CaseView(case, sessions, case_progress(self.app.pack, case, sessions))
        self.app.call_from_thread(self._show, view)

    def _failed(self, message: str) -> None:
        if self not in self.app.screen_stack:
            return  # closed meanwhile (its case deleted): dismissing would close another screen
        self.notify(message, title="Cannot open case", severity="error", markup=False)
        self.dismiss()

    def _show(self, view: CaseView) -> None:
        self.view = view
        case = view.case
        self.sub_title = f"{case.ref} ({case.alias})"
        self.query_one("#details", Static).update(_details(case))
        self.query_one("#category", Static).update(
            Text.assemble(("Category: ", "bold"), view.progress.category.label)
        )
        modules = self.query_one("#modules", Vertical)
        modules.remove_children()
        for module in view.progress.modules:
            bar = ProgressBar(total=module.total, show_eta=False, show_percentage=False)
            bar.advance(module.done)
            counts = f"{module.done}/{module.total}"
            if module.not_relevant:
                counts += f" + {module.not_relevant} not relevant"
            modules.mount(
                Horizontal(Label(plain(module.title), classes="module-name"), bar,
                           Label(counts, markup=False, classes="module-count"), classes="module-row")
            )
        self.query_one("#task", Static).update(plain(view.open_task or "No task set yet."))
        self.query_one("#next-plan", Static).update(plain(_plan_line(self.app.pack, case)))
        self._fill_sessions(view)

    def _fill_sessions(self, view: CaseView) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for session in reversed(view.sessions):
            effective = session.effective()
            titles = []
            for record in effective.exercises:
                exercise = self.app.pack.exercise(record.exercise_id)
                outcome = record.outcome.label if record.outcome else "no outcome"
                titles.append(f"{exercise.title if exercise else record.exercise_id} ({outcome})")
            status = "ended: Enter shows it" if session.ended else "open: s resumes it"
            if session.amendments:
                status += f", {len(session.amendments)} amendment(s)"
            end = session.ended_at.astimezone().strftime("%H:%M") if session.ended_at else "…"
            table.add_row(
                session.date.isoformat(),
                f"{session.started_at.astimezone():%H:%M}-{end}",
                status,
                plain("; ".join(titles) or "none"),
                key=session.id,
            )
        if not view.sessions:
            table.add_row("", "", "", Text("No sessions yet. Press s to start the first."))

    def action_back(self) -> None:
        self.dismiss()

    def action_delete_case(self) -> None:
        if self.view is not None:
            from srt_tui.retention import delete_case

            delete_case(self.app, self.view.case, len(self.view.sessions))

    @on(DataTable.RowSelected, "#sessions")
    def _session_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a session: resume it if open, else show its record (and amend it)."""
        if self.view is None:
            return
        session = next((s for s in self.view.sessions if s.id == event.row_key.value), None)
        if session is None:
            return
        if not session.ended:
            self.action_start_session()
            return
        from srt_tui.screens.session_record import SessionRecordScreen

        self.app.push_screen(SessionRecordScreen(self.view.case, session))

    def action_start_session(self) -> None:
        if self.view is not None:
            self._start_session(self.view.case)

    @work(thread=True, exclusive=True, group="case-overview-start")
    def _start_session(self, case: Case) -> None:
        store = self.app.store
        try:
            session = store.open_session(case.id) or store.start_session(case.id)
            history = [s for s in store.sessions(case.id) if s.id != session.id]
        except RecordError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._push_session, case, session, history)

    def _push_session(self, case: Case, session: Session, history: list[Session]) -> None:
        from srt_tui.screens.session import SessionScreen

        self.app.push_screen(SessionScreen(case, session, history))

    def action_export(self) -> None:
        if self.view is not None:
            self.app.push_screen(ExportFormatDialog(), self._export)

    def _export(self, fmt: str | None) -> None:
        if fmt and self.view is not None:
            self._write_export(self.view.case.ref, fmt)

    @work(thread=True, exclusive=True, group="case-overview-export")
    def _write_export(self, ref: str, fmt: str) -> None:
        from srt_tui.export import ExportError, export_case

        try:
            path = export_case(self.app.store, self.app.pack, ref, fmt, self.app.export_dir)
        except (ExportError, RecordError, OSError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Export failed", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, f"Exported to {path}", title="Export", markup=False)

    def action_plan(self) -> None:
        if self.view is not None:
            from srt_tui.screens.session_plan import SessionPlanScreen

            self.app.push_screen(SessionPlanScreen(self.view.case, self.view.sessions))

    def action_handout(self) -> None:
        if self.view is None:
            return
        if not self.view.sessions:
            self.notify("There is no session yet to make a handout of.", title="Handout")
            return
        from srt_tui.export.handout import build_handout, handout_session
        from srt_tui.screens.handout_preview import HandoutPreviewScreen

        session = handout_session(self.view.sessions)
        assert session is not None  # there are sessions
        leaflet = build_handout(self.app.pack, self.view.case, session)
        self.app.push_screen(HandoutPreviewScreen(leaflet), self._handout)

    def _handout(self, fmt: str | None) -> None:
        if fmt and self.view is not None:
            self._write_handout(self.view.case.ref, fmt)

    @work(thread=True, exclusive=True, group="case-overview-handout")
    def _write_handout(self, ref: str, fmt: str) -> None:
        from srt_tui.export import ExportError
        from srt_tui.export.papers import export_handout

        try:
            path = export_handout(self.app.store, self.app.pack, ref, fmt, self.app.export_dir)
        except (ExportError, RecordError, OSError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Handout failed", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, f"Handout written to {path}", title="Handout", markup=False)

    def action_change_state(self) -> None:
        if self.view is not None:
            self.app.push_screen(CaseStateDialog(self.view.case), self._state_changed)

    def _state_changed(self, case: Case | None) -> None:
        if case is not None:
            self._save_case(case)

    @work(thread=True, exclusive=True, group="case-overview-state")
    def _save_case(self, case: Case) -> None:
        try:
            self.app.store.update_case(case)
        except RecordError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._load)


def _plan_line(pack: ContentPack, case: Case) -> str:
    """``F03 What matters to you, T01 Thinking traps (35 min). Note: ...``, or how to plan."""
    if not case.next_plan and not case.next_plan_note.strip():
        return "Nothing planned yet: p plans the next session."
    titles = [f"{i} {e.title}" if (e := pack.exercise(i)) else i for i in case.next_plan]
    line = f"{', '.join(titles)} ({total_minutes(pack, case.next_plan)} min)" if titles else "No exercises"
    note = " ".join(case.next_plan_note.split())
    return f"{line}. Note: {note}" if note else f"{line}."


def _details(case: Case) -> Text:
    text = Text()
    rows = [
        ("Case ref", case.ref),
        ("Alias", case.alias),
        ("Referred", case.referral_date.isoformat()),
        ("Variant", case.variant or "standard"),
        ("State", case.state.label + (f" since {case.state_date}" if case.state_date else "")),
    ]
    if case.state_reason:
        rows.append(("Reason", case.state_reason))
    if case.responsivity_notes:
        rows.append(("Responsivity", case.responsivity_notes))
    for label, value in rows:
        text.append(f"{label}: ", style="bold")
        text.append_text(plain(value))
        text.append("\n")
    text.rstrip()
    return text
