"""One case at a glance: details, progress per module, open task, session history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from srt_tui.dialogs.case_state import CaseStateDialog
from srt_tui.dialogs.export_format import ExportFormatDialog
from srt_tui.display import plain
from srt_tui.heap import freeze_kept_objects
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import Progress, case_progress, open_task
from srt_tui.records.store import RecordError
from srt_tui.records.validation import one_line
from srt_tui.screens.styling import KeptStyles, set_breakpoint_classes
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.module_bars import ModuleBars
from srt_tui.widgets.session_table import SessionRow, SessionTable
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from srt_tui.app import SrtApp
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore


KEPT = "case-overview"  # the name the overview screen is kept under (see show_case_overview)


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

    def __init__(self, case_id: str, view: CaseView | None = None) -> None:
        """``view``: the case as just read (see :func:`open_case_overview`), shown in the
        first frame; without it the screen reads the case when it is first shown."""
        super().__init__()
        self.case_id = case_id
        self.view = view
        self._first_resume = True  # see reload
        self._kept_styles = KeptStyles()
        self.ready = False  # mounted: it can show a case (see prepare_case_overview)
        set_breakpoint_classes(self, update=False)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="overview"):
            with Horizontal(id="top"):
                yield Static("", id="details", markup=False)
                with Vertical(id="progress"):
                    yield Static("Progress", classes="section-title", markup=False)
                    yield Static("", id="category", markup=False)
                    yield ModuleBars(id="modules")
            yield Static("Open between-session task", classes="section-title", markup=False)
            yield Static("", id="task", markup=False)
            yield Static("Planned for the next session", classes="section-title", markup=False)
            yield Static("", id="next-plan", markup=False)
            yield Static("Sessions", classes="section-title", markup=False)
            yield SessionTable(id="sessions")
        yield KeyBar()

    def on_mount(self) -> None:
        self._kept_styles.styled(self.app)
        if self.view is not None:
            self._show(self.view)  # before the first layout: one layout, one frame
        else:
            self.query_one(SessionTable).show_sessions([])
        self.ready = True

    def show_case(self, case_id: str, view: CaseView) -> None:
        """Turn this screen, kept since it last closed (see :func:`show_case_overview`), to
        another case before it is shown again: filled, scrolled to the top and with nothing
        focused, as a new screen would be, and with nothing left running for the last case."""
        self.workers.cancel_all()
        self.case_id = case_id
        self._first_resume = True
        set_breakpoint_classes(self)  # the terminal may have been resized meanwhile
        self._show(view)
        overview = self.query_one("#overview", VerticalScroll)
        overview.scroll_home(animate=False)
        if self.focused is not overview:  # focused as on a new screen once shown (a focus
            self.set_focus(None)  # change styles the whole page again: only when needed)

    @on(ScreenResume)
    def reload(self, event: ScreenResume) -> None:
        """Read the case again each time the screen is shown, except when it came with it;
        restyle it only if what its styles depend on changed (see KeptStyles)."""
        self._kept_styles.resumed(self.app, event)
        if self._first_resume:
            self._first_resume = False
            if self.view is not None:
                return
        self._load()

    @work(thread=True, exclusive=True, group="case-overview")
    def _load(self) -> None:
        case_id = self.case_id
        try:
            view = read_case_view(self.app.store, self.app.pack, case_id)
        except RecordError as error:
            self.app.call_from_thread(self._failed, case_id, str(error))
            return
        self.app.call_from_thread(self._reloaded, view)

    def _reloaded(self, view: CaseView) -> None:
        if view.case.id == self.case_id:  # not a case this screen showed before
            self._show(view)

    def _failed(self, case_id: str, message: str) -> None:
        if case_id != self.case_id or self not in self.app.screen_stack:
            return  # another case's, or closed meanwhile (its case deleted): dismissing would close another screen
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
        self.query_one(ModuleBars).show(view.progress.modules)
        self.query_one("#task", Static).update(plain(view.open_task or "No task set yet."))
        self.query_one("#next-plan", Static).update(plain(_plan_line(self.app.pack, case)))
        self._fill_sessions(view)

    def _fill_sessions(self, view: CaseView) -> None:
        rows: list[SessionRow] = []
        for session in reversed(view.sessions):
            effective = session.amended()
            titles = []
            for record in effective.exercises:
                exercise = self.app.pack.exercise(record.exercise_id)
                outcome = record.outcome.label if record.outcome else "no outcome"
                titles.append(f"{exercise.title if exercise else record.exercise_id} ({outcome})")
            status = "ended: Enter shows it" if session.ended else "open: s resumes it"
            if session.amendments:
                status += f", {len(session.amendments)} amendment(s)"
            end = session.ended_at.astimezone().strftime("%H:%M") if session.ended_at else "…"
            rows.append(SessionRow(session.id, (
                session.date.isoformat(),
                f"{session.started_at.astimezone():%H:%M}-{end}",
                status,
                one_line("; ".join(titles) or "none"),
            )))
        if not view.sessions:
            rows.append(SessionRow(None, ("", "", "", "No sessions yet. Press s to start the first.")))
        self.query_one(SessionTable).show_sessions(rows)

    def action_back(self) -> None:
        self.dismiss()

    def action_delete_case(self) -> None:
        if self.view is not None:
            from srt_tui.retention import delete_case

            delete_case(self.app, self.view.case, len(self.view.sessions))

    @on(SessionTable.Opened, "#sessions")
    def _session_selected(self, event: SessionTable.Opened) -> None:
        """Enter on a session: resume it if open, else show its record (and amend it)."""
        if self.view is None:
            return
        session = next((s for s in self.view.sessions if s.id == event.id), None)
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
        if case.id != self.case_id:  # this screen shows another case by now
            return
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


def read_case_view(store: RecordStore, pack: ContentPack, case_id: str) -> CaseView:
    """The case, its sessions and its progress (file I/O: call it off the UI thread)."""
    case = store.get_case(case_id)
    sessions = store.sessions(case_id)
    return CaseView(case, sessions, case_progress(pack, case, sessions))


def open_case_overview(app: SrtApp, case_id: str) -> None:
    """Read the case in a worker, then show its overview, complete in its first frame.

    Pushing the screen first and filling it when the case had been read cost a second
    layout and frame, and a screen of empty widgets in between."""

    def read_then_show() -> None:
        try:
            view = read_case_view(app.store, app.pack, case_id)
        except RecordError as error:
            app.call_from_thread(app.notify, str(error), title="Cannot open case", severity="error",
                                 markup=False)
            return
        if not get_current_worker().is_cancelled:  # another case was opened meanwhile
            app.call_from_thread(show_case_overview, app, case_id, view)

    app.run_worker(read_then_show, thread=True, exclusive=True, group="open-case")


def show_case_overview(app: SrtApp, case_id: str, view: CaseView) -> None:
    """Push the overview of ``view``.

    The first overview made is kept (installed as :data:`KEPT`) and shows the next case
    whenever it is not in use: composing, mounting and styling a new screen was most of the
    time of opening a case. It is filled with the new case before it is shown, so no other
    case is ever on view."""
    kept = app.get_screen(KEPT) if app.is_screen_installed(KEPT) else None
    app.call_after_refresh(freeze_kept_objects)  # it lives as long as the app: see heap.py
    if isinstance(kept, CaseOverviewScreen) and kept.ready and kept not in app.screen_stack:
        kept.show_case(case_id, view)
        app.push_screen(kept)
        return
    screen = CaseOverviewScreen(case_id, view)
    if kept is None:
        app.install_screen(screen, KEPT)
    app.push_screen(screen)


async def prepare_case_overview(app: SrtApp) -> None:
    """Make the kept overview while the app is idle, so that the first case opened shows as
    quickly as the next: its stylesheet read, its widgets composed, mounted, styled, laid out
    and drawn once, off screen and showing no case (none is read).

    Textual reads a screen's CSS and mounts it when it is first pushed, then lays it out
    (twice: its first layout sends the screen a Resize) and draws every widget with empty
    caches; the first case opened took 70-80 ms of the interpreter against ~30 ms for the
    next. This does all of it now through Textual's own private methods (Textual is pinned
    exactly; the tests of the kept screen cover what it then shows), and the drawn frame is
    thrown away: the case list stays on screen."""
    if app.is_screen_installed(KEPT) or not app.is_running:
        return
    screen = CaseOverviewScreen("")
    app.install_screen(screen, KEPT)
    app._load_screen_css(screen)
    _, mounted = app._get_screen(screen)
    await mounted
    if app.is_running:
        screen._refresh_layout(app.size)
        screen._compositor.render_update(full=True, screen_stack=[screen])


def _plan_line(pack: ContentPack, case: Case) -> str:
    """``F03 What matters to you, T01 Thinking traps (35 min). Note: ...``, or how to plan."""
    if not case.next_plan and not case.next_plan_note.strip():
        return "Nothing planned yet: p plans the next session."
    titles = [f"{i} {e.title}" if (e := pack.exercise(i)) else i for i in case.next_plan]
    minutes = sum(e.minutes for i in case.next_plan if (e := pack.exercise(i)))
    line = f"{', '.join(titles)} ({minutes} min)" if titles else "No exercises"
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
