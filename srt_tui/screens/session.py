"""A session in progress: pick exercises in any order, capture answers and notes, end it.

Everything typed is saved while the practitioner types: the first change starts a short
timer and the session is written when it fires, so a closed terminal loses at most
:data:`SAVE_DELAY` seconds of typing. Writes run on worker threads; :class:`SessionWrites`
keeps them in order.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane

from srt_tui.content.model import Clip
from srt_tui.dialogs.end_session import EndSessionDialog
from srt_tui.display import plain
from srt_tui.player.external import PlayerError, open_in_vlc
from srt_tui.records.autosave import SessionWrites
from srt_tui.records.ending import check_ending
from srt_tui.records.model import Case, ExerciseRecord, Session
from srt_tui.records.progress import exercise_outcomes
from srt_tui.records.store import RecordError
from srt_tui.widgets.exercise_panel import ExercisePanel
from srt_tui.widgets.exercise_picker import MODULE_PREFIX, ExercisePicker
from srt_tui.widgets.session_form import SessionForm

if TYPE_CHECKING:
    from srt_tui.app import SrtApp

SAVE_DELAY = 1.0  # seconds between the first unsaved change and its save
RETRY_DELAY = 5.0  # seconds before trying again after a failed save

WELCOME = (
    "Choose an exercise on the left (F2), in any order.\n"
    "★ marks foundation exercises not yet done: recommended first, but you decide.\n"
    "F3 opens the session record: last task, notes, reflections, next task and plan.\n"
    "Everything you type saves itself. F8 ends the session."
)


def clock_text(elapsed_seconds: float) -> str:
    minutes, seconds = divmod(max(0, int(elapsed_seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class SessionScreen(Screen[None]):
    CSS_PATH = "session.tcss"
    BINDINGS = [
        Binding("f2", "focus_picker", "Exercises", tooltip="Choose an exercise", id="session-exercises"),
        Binding("f3", "show_record", "Session record",
                tooltip="Last task, notes, reflections, next task and plan", id="session-record"),
        Binding("f4", "play_clip", "Play clip", tooltip="Play this exercise's clip in VLC", id="session-play"),
        Binding("f5", "focus_worksheet", "Worksheet", tooltip="Type the answers to the worksheet",
                id="session-worksheet"),
        Binding("f9", "focus_outcome", "Outcome", tooltip="Mark how the exercise went", id="session-outcome"),
        Binding("f8", "end_session", "End session", tooltip="Review and end the session", id="session-end"),
        Binding("escape", "back", "Back", tooltip="Save and go back to the case; the session stays open",
                id="session-back"),
    ]

    app: SrtApp

    def __init__(self, case: Case, session: Session, history: list[Session]) -> None:
        super().__init__()
        self.case = case
        self.session = session
        self.history = history
        self._writes = SessionWrites(self._store_save)
        self._timer: Timer | None = None
        self._dirty = False
        self._saved_at: datetime | None = None

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status", markup=False)
        with Horizontal(id="session-body"):
            yield ExercisePicker(self.app.pack, id="picker")
            with TabbedContent(id="tabs", initial="exercise-tab"):
                with TabPane("Exercise", id="exercise-tab"):
                    yield Vertical(Static(WELCOME, id="welcome", markup=False), id="exercise-area")
                with TabPane("Session record", id="record-tab"):
                    yield SessionForm(self.session, self._previous_task())
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Session with {self.case.ref} ({self.case.alias})"
        self._refresh_picker()
        self.query_one(ExercisePicker).focus()
        self._tick()
        self.set_interval(1, self._tick)

    def _previous_task(self) -> str:
        ended = [s for s in self.history if s.ended]
        return ended[-1].effective().task_set if ended else ""

    def _refresh_picker(self) -> None:
        statuses = exercise_outcomes([*self.history, self.session])
        covered = {record.exercise_id for record in self.session.exercises}
        self.query_one(ExercisePicker).show(statuses, covered)

    def _tick(self) -> None:
        now = self.app.clock()
        parts = [f"Session time {clock_text((now - self.session.started_at).total_seconds())}",
                 f"started {self.session.started_at.astimezone():%H:%M}"]
        if self._dirty or self._timer is not None:
            parts.append("saving…")
        elif self._saved_at is not None:
            parts.append(f"saved {self._saved_at.astimezone():%H:%M:%S}")
        parts.append(f"{len(self.session.exercises)} exercise(s) today")
        self.query_one("#status", Static).update(plain("   ·   ".join(parts)))

    # -- choosing an exercise ------------------------------------------------------------

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith(MODULE_PREFIX):
            self.show_exercise(event.option.id)

    def show_exercise(self, exercise_id: str) -> None:
        """Open ``exercise_id`` in the exercise tab (also used by the command palette)."""
        exercise = self.app.pack.exercise(exercise_id)
        if exercise is None:
            return
        record = self.session.record_for(exercise_id) or ExerciseRecord(exercise_id)
        area = self.query_one("#exercise-area", Vertical)
        area.remove_children()
        area.mount(ExercisePanel(self.app.pack, exercise, record, self.case.variant))
        self.query_one(TabbedContent).active = "exercise-tab"
        self.query_one(ExercisePicker).highlight_exercise(exercise_id)

    # -- changes and saving --------------------------------------------------------------

    @on(ExercisePanel.Changed)
    def _exercise_changed(self, event: ExercisePanel.Changed) -> None:
        record = event.panel.record
        if not any(existing is record for existing in self.session.exercises):
            self.session.exercises.append(record)
        self._refresh_picker()
        self._changed()

    @on(SessionForm.Changed)
    def _form_changed(self) -> None:
        self._changed()

    @on(ExercisePanel.TaskChosen)
    def _task_chosen(self, event: ExercisePanel.TaskChosen) -> None:
        self.query_one(SessionForm).set_task(event.task)
        self.notify("Set as the task for next time (see F3).", markup=False)

    def _changed(self) -> None:
        self._dirty = True
        if self._timer is None:
            self._timer = self.set_timer(SAVE_DELAY, self._save_now)

    def _save_now(self) -> None:
        self._timer = None
        if self._dirty:
            self._dirty = False
            number, snapshot = self._writes.snapshot(self.session)
            self._write(number, snapshot)

    def _store_save(self, snapshot: Session) -> None:
        self.app.store.save_session(snapshot)

    @work(thread=True, group="session-autosave", exit_on_error=False)
    def _write(self, number: int, snapshot: Session) -> None:
        try:
            saved = self._writes.write(number, snapshot)
        except (RecordError, OSError) as error:
            self.app.call_from_thread(self._save_failed, str(error))
            return
        if saved:
            self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self._saved_at = self.app.clock()
        self._tick()

    def _save_failed(self, message: str) -> None:
        self.notify(f"Not saved: {message} Trying again shortly.", title="Save failed",
                    severity="error", markup=False, timeout=10)
        self._dirty = True
        if self._timer is None:
            self._timer = self.set_timer(RETRY_DELAY, self._save_now)

    async def save_pending(self) -> bool:
        """Write any unsaved change now and wait for it; False if it could not be saved."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty:
            return True
        self._dirty = False
        number, snapshot = self._writes.snapshot(self.session)
        try:
            await asyncio.to_thread(self._writes.write, number, snapshot)
        except (RecordError, OSError) as error:
            self._save_failed(str(error))
            return False
        self._saved()
        return True

    # -- actions -------------------------------------------------------------------------

    def action_focus_picker(self) -> None:
        self.query_one(TabbedContent).active = "exercise-tab"
        self.query_one(ExercisePicker).focus()

    def _panel(self) -> ExercisePanel | None:
        panels = self.query(ExercisePanel)
        if not panels:
            self.notify("Choose an exercise first (F2).", markup=False)
            return None
        self.query_one(TabbedContent).active = "exercise-tab"
        return panels.first()

    def action_focus_worksheet(self) -> None:
        if (panel := self._panel()) is not None:
            panel.query(".answer").first().focus()

    def action_focus_outcome(self) -> None:
        if (panel := self._panel()) is not None:
            panel.query_one("#outcome").focus()

    def action_show_record(self) -> None:
        self.query_one(TabbedContent).active = "record-tab"
        self.query_one("#task_review").focus()

    @on(ExercisePanel.PlayRequested)
    def action_play_clip(self) -> None:
        panel = self._panel()
        if panel is None:
            return
        clip = panel.exercise.clip_for(self.case.variant)
        if clip is None:
            self.notify("This exercise has no clip.", markup=False)
            return
        self._open_clip(clip)

    @work(thread=True, group="session-clip", exit_on_error=False)
    def _open_clip(self, clip: Clip) -> None:
        try:
            open_in_vlc(clip)
        except PlayerError as error:
            self.app.call_from_thread(self.notify, str(error), title="Cannot play the clip",
                                      severity="warning", markup=False, timeout=10)
            return
        self.app.call_from_thread(self.notify, f"Playing {clip.file.name} in VLC.", markup=False)

    async def action_back(self) -> None:
        if await self.save_pending():
            self.dismiss()

    async def action_end_session(self) -> None:
        self.app.push_screen(EndSessionDialog(check_ending(self.session, self.app.pack)), self._end_confirmed)

    def _end_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self._dirty = False
            self._end(self.session.copy())

    @work(thread=True, exclusive=True, group="session-end", exit_on_error=False)
    def _end(self, snapshot: Session) -> None:
        try:
            ended = self._writes.close(lambda: self.app.store.end_session(snapshot))
        except (RecordError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), title="Session not ended",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._ended, ended)

    def _ended(self, ended: Session) -> None:
        self.session = ended
        covered = len(ended.exercises)
        self.notify(f"Session ended and saved: {covered} exercise(s) recorded.", markup=False)
        self.dismiss()

