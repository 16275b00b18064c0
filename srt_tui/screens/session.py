"""A session in progress: pick exercises in any order, capture answers and notes, end it.

Everything typed is saved while the practitioner types: the first change starts a short
timer and the session is written when it fires, so a closed terminal loses at most
:data:`SAVE_DELAY` seconds of typing. Writes run on worker threads; :class:`SessionWrites`
keeps them in order.

The screen owns one clip player for the session, started when it opens so the first F4
plays at once. What is watched (per clip: furthest point, seconds played, where it was
left) goes on the session through the same autosave, at most every few seconds of playing.

F12 turns the screen round for the participant sitting beside it (participant view): only
this exercise's content, the clip, the worksheet, their reflections and any notes marked
shared stay; the picker, the session record, facilitator guidance, practitioner-only notes,
the "Practitioner only" boxes and the outcome are hidden, and the header names no case.
Shared session notes get a box of their own beside the reflections, filled only when the
view comes on and only if :func:`participant_may_see_notes` says so. Leaving it asks
:meth:`SrtApp.verify_practitioner` first. After a clip has played (or on v in the clip
panel) the participant can say what they made of it; that feedback is saved with the
session, one entry per clip.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static, TabbedContent, TabPane, TextArea

from srt_tui.content.model import Exercise
from srt_tui.dialogs.clip_feedback import ClipFeedbackDialog
from srt_tui.dialogs.end_session import EndSessionDialog
from srt_tui.dialogs.participant_progress import ParticipantProgressScreen
from srt_tui.display import plain
from srt_tui.player.api import Player
from srt_tui.player.watching import WatchTracker, WatchUpdate, clip_key
from srt_tui.records.autosave import SessionWrites
from srt_tui.records.ending import check_ending
from srt_tui.records.model import Case, ClipFeedback, ClipWatch, ExerciseRecord, Session
from srt_tui.records.participant import (
    SHARED_NOTES_TITLE,
    participant_may_see_notes,
    progress_pictures,
    reflections_log,
    shared_notes_log,
)
from srt_tui.records.progress import exercise_outcomes, open_task
from srt_tui.records.store import RecordError
from srt_tui.widgets.exercise_panel import PRACTITIONER_ONLY, ExercisePanel
from srt_tui.widgets.exercise_picker import MODULE_PREFIX, ExercisePicker
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.player_panel import PlayerPanel
from srt_tui.widgets.session_form import SessionForm
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from srt_tui.app import SrtApp

SAVE_DELAY = 1.0  # seconds between the first unsaved change and its save
RETRY_DELAY = 5.0  # seconds before trying again after a failed save
FOLLOW_PLAYER = 0.25  # seconds between looks at what the player has played

WELCOME = (
    "Choose an exercise on the left (F2), in any order.\n"
    "★ marks foundation exercises not yet done: recommended first, but you decide.\n"
    "F3 opens the session record: last task, notes, reflections, next task and plan.\n"
    "F4 plays the exercise's clip; the clip panel then takes the keys (see the footer).\n"
    "Everything you type saves itself. F8 ends the session.\n"
    "F12 switches to participant view, for the person beside you."
)
PARTICIPANT_TITLE = "Participant view"
PARTICIPANT_WELCOME = "The exercise will appear here."
# Actions of each view; the other view's are hidden from the footer and do nothing.
PRACTITIONER_ACTIONS = {"focus_picker", "show_record", "focus_outcome", "end_session", "back", "participant_view"}
PARTICIPANT_ACTIONS = {"leave_participant_view", "participant_progress"}


def clock_text(elapsed_seconds: float) -> str:
    minutes, seconds = divmod(max(0, int(elapsed_seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class SessionScreen(Screen[None]):
    CSS_PATH = ["session.tcss", "../widgets/player_panel.tcss"]
    BINDINGS = [
        Binding("f2", "focus_picker", "Exercises", tooltip="Choose an exercise", id="session-exercises"),
        Binding("f3", "show_record", "Session record",
                tooltip="Last task, notes, reflections, next task and plan", id="session-record"),
        Binding("f4", "play_clip", "Play clip",
                tooltip="Play this exercise's clip in VLC; the clip panel takes the keys", id="session-play"),
        Binding("f5", "focus_worksheet", "Worksheet", tooltip="Type the answers to the worksheet",
                id="session-worksheet"),
        Binding("f9", "focus_outcome", "Outcome", tooltip="Mark how the exercise went", id="session-outcome"),
        Binding("f8", "end_session", "End session", tooltip="Review and end the session", id="session-end"),
        Binding("escape", "back", "Back", tooltip="Save and go back to the case; the session stays open",
                id="session-back"),
        Binding("f12", "participant_view", "Participant view",
                tooltip="Show only what the participant may see: no practitioner-only notes, no other cases",
                id="session-participant-view"),
        Binding("f12", "leave_participant_view", "Practitioner view",
                tooltip="Back to the full session screen (the practitioner may be asked to confirm)",
                id="session-practitioner-view"),
        Binding("escape", "leave_participant_view", "Practitioner view", show=False,
                tooltip="As F12", id="session-practitioner-view-escape"),
        Binding("f2", "participant_progress", "Your progress",
                tooltip="Exercises done per module, and your reflections", id="session-participant-progress"),
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
        self._watching = WatchTracker()
        self._watch_unsaved = False  # figures put on the session by an update that did not settle
        self._clips: dict[str, tuple[str, str]] = {}  # clip file -> (key in the records, exercise id)
        self._panels_coming = 0  # exercise panels chosen but not mounted yet
        self.participant_view = False  # read by the command palette: no other cases while True

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="status", markup=False)
        with Horizontal(id="session-body"):
            yield ExercisePicker(self.app.pack, id="picker")
            with TabbedContent(id="tabs", initial="exercise-tab"):
                with TabPane("Exercise", id="exercise-tab"):
                    yield Vertical(Static(WELCOME, id="welcome", markup=False),
                                   Static(PARTICIPANT_WELCOME, id="participant-welcome", markup=False),
                                   id="exercise-area")
                    with Horizontal(id="participant-reflections-box"):
                        with Vertical(classes="participant-writing"):
                            yield Static("Your reflections", classes="section-title", markup=False)
                            yield TextArea(self.session.reflections, id="participant-reflections", soft_wrap=True)
                        with Vertical(id="participant-notes-box", classes="participant-writing"):
                            yield Static(SHARED_NOTES_TITLE, classes="section-title", markup=False)
                            yield TextArea("", id="participant-notes", soft_wrap=True)
                with TabPane("Session record", id="record-tab"):
                    yield SessionForm(self.session, open_task(self.history))
        yield KeyBar(show_command_palette=False)  # room for the clip's keys; ctrl+p still works

    def on_mount(self) -> None:
        self.sub_title = self._practitioner_title()
        self.player: Player = self.app.player_factory()
        self.player.start()  # ready before the first F4
        self._refresh_picker()
        self.query_one(ExercisePicker).focus()
        self._tick()
        self.set_interval(1, self._tick)
        self.set_interval(FOLLOW_PLAYER, self._follow_player)

    def on_unmount(self) -> None:
        self.player.close()

    def _practitioner_title(self) -> str:
        return f"Session with {self.case.ref} ({self.case.alias})"

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
        self._leave_clip()
        panel = ExercisePanel(self.app.pack, exercise, record, self.case.variant, self.player,
                              self._resume_at(exercise))
        panel.participant = self.participant_view
        self._panels_coming += 1
        self.call_later(self._replace_panel, panel)
        self.query_one(TabbedContent).active = "exercise-tab"
        self.query_one(ExercisePicker).highlight_exercise(exercise_id)

    async def _replace_panel(self, panel: ExercisePanel) -> None:
        """The old panel must be gone before the new one (same id) comes in."""
        area = self.query_one("#exercise-area", Vertical)
        try:
            await area.remove_children()
            await area.mount(panel)
        finally:
            self._panels_coming -= 1

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
        self._record_watch(self._watching.update(self.player.status()), save=True)
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

    # -- what was watched ----------------------------------------------------------------

    def _resume_at(self, exercise: Exercise) -> float:
        """Where this exercise's clip was left: in this session, else in the latest before."""
        clip = exercise.clip_for(self.case.variant)
        if clip is None:
            return 0.0
        key = clip_key(self.app.pack.root, clip)
        self._clips[str(clip.file)] = (key, exercise.id)
        for session in (self.session, *reversed(self.history)):
            if (watch := session.watch_for(key)) is not None:
                return watch.left_at
        return 0.0

    def _follow_player(self) -> None:
        self._record_watch(self._watching.update(self.player.status()))

    def _leave_clip(self) -> None:
        """Moving on: keep where the clip was left, then stop it."""
        status = self.player.status()
        self._record_watch(self._watching.close(status))
        if status.state.active:
            self.player.stop()

    def _record_watch(self, update: WatchUpdate | None, *, save: bool = False) -> None:
        """Put ``update`` on the session; save when it settles (or ``save``). Between saves
        the session holds the latest figures, and any other save takes them along."""
        if update is None or update.file not in self._clips:
            return
        key, exercise_id = self._clips[update.file]
        watch = self.session.watch_for(key)
        if watch is None:
            watch = ClipWatch(key, exercise_id)
            self.session.clips_watched.append(watch)
        before = (watch.furthest, watch.seconds_played, watch.left_at)
        watch.seconds_played = round(watch.seconds_played + update.played, 3)
        watch.furthest = round(max(watch.furthest, update.furthest), 3)
        watch.left_at = round(update.left_at, 3)
        if (watch.furthest, watch.seconds_played, watch.left_at) != before:
            self._watch_unsaved = True
        # What an update that did not settle put on the session is saved with the next that
        # does, even when that one changes nothing itself (paused just after a refresh).
        if (update.settle or save) and self._watch_unsaved:
            self._watch_unsaved = False
            self._changed()

    # -- participant view ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each view's own keys only: the other view's are hidden and do nothing."""
        return action not in (PRACTITIONER_ACTIONS if self.participant_view else PARTICIPANT_ACTIONS)

    def action_participant_view(self) -> None:
        self.query_one(TabbedContent).active = "exercise-tab"
        box = self.query_one("#participant-reflections", TextArea)
        if box.text != self.session.reflections:  # typed on the session record meanwhile
            box.text = self.session.reflections
        shared = participant_may_see_notes(self.session)  # decided before anything is shown
        self.query_one("#participant-notes", TextArea).text = self.session.notes if shared else ""
        self.query_one("#participant-notes-box").display = shared
        self._show_participant_view(True)
        # Never leave the keys on a hidden widget; the exercise itself keeps the footer for
        # this view's keys (F4 still hands them to the clip).
        panels = self.query(ExercisePanel)
        if panels:
            panels.first().scroll_home(animate=False, immediate=True)
            panels.first().focus(scroll_visible=False)
        else:
            box.focus()

    def action_leave_participant_view(self) -> None:
        self._leave_participant_view()

    @work(exclusive=True, group="participant-view", exit_on_error=False)
    async def _leave_participant_view(self) -> None:
        """Only the practitioner leaves participant view; any doubt keeps it."""
        if not await self.app.verify_practitioner():
            self.notify("Still in participant view.", markup=False)
            return
        self.query_one("#reflections", TextArea).text = self.session.reflections
        self.query_one("#notes", TextArea).text = self.session.notes
        self._show_participant_view(False)

    def _show_participant_view(self, on: bool) -> None:
        self.participant_view = on
        self.set_class(on, "-participant")
        self.sub_title = PARTICIPANT_TITLE if on else self._practitioner_title()
        for panel in self.query(ExercisePanel):
            panel.participant = on
        self.refresh_bindings()

    @on(TextArea.Changed, "#participant-reflections")
    def _reflections_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.text != self.session.reflections:
            self.session.reflections = event.text_area.text
            self._changed()

    @on(TextArea.Changed, "#participant-notes")
    def _shared_notes_changed(self, event: TextArea.Changed) -> None:
        """Notes written together in participant view; the box is emptied (not saved) when
        the notes are practitioner-only."""
        event.stop()
        text = event.text_area.text
        if self.participant_view and participant_may_see_notes(self.session) and text != self.session.notes:
            self.session.notes = text
            self._changed()

    def action_participant_progress(self) -> None:
        sessions = [*self.history, self.session]
        self.app.push_screen(ParticipantProgressScreen(progress_pictures(self.app.pack, self.case, sessions),
                                                       reflections_log(sessions),
                                                       shared_notes_log(self.app.pack, sessions)))

    # -- feedback on a clip --------------------------------------------------------------

    @on(PlayerPanel.Ended)
    def _clip_finished(self, event: PlayerPanel.Ended) -> None:
        """In participant view, ask once per clip per session. Outside it the practitioner
        leads on to the discussion prompts, and v in the clip panel asks when it suits."""
        known = self._clips.get(str(event.panel.clip.file))
        if not self.participant_view or known is None or any(f.clip == known[0] for f in self.session.feedback):
            return
        self._ask_feedback(event.panel)

    @on(PlayerPanel.FeedbackWanted)
    def _feedback_wanted(self, event: PlayerPanel.FeedbackWanted) -> None:
        self._ask_feedback(event.panel)

    def _ask_feedback(self, panel: PlayerPanel) -> None:
        if (known := self._clips.get(str(panel.clip.file))) is None:
            return
        key, exercise_id = known
        current = next((f for f in self.session.feedback if f.clip == key), ClipFeedback(key, exercise_id))
        self.app.push_screen(ClipFeedbackDialog(panel.clip_title, current), self._feedback_given)

    def _feedback_given(self, feedback: ClipFeedback | None) -> None:
        """One entry per clip: a new answer replaces the old; an empty one removes it."""
        if feedback is None:
            return
        said = feedback.relatable is not None or feedback.helpful is not None or bool(feedback.comment)
        entries = self.session.feedback
        where = next((n for n, f in enumerate(entries) if f.clip == feedback.clip), None)
        if where is None and said:
            entries.append(feedback)
        elif where is not None and said:
            entries[where] = feedback
        elif where is not None:
            del entries[where]
        else:
            return
        self._changed()

    # -- actions -------------------------------------------------------------------------

    def action_focus_picker(self) -> None:
        self.query_one(TabbedContent).active = "exercise-tab"
        self.query_one(ExercisePicker).focus()

    def _panel(self) -> ExercisePanel | None:
        panels = self.query(ExercisePanel)
        if not panels:
            self.notify("No exercise is open yet." if self.participant_view else "Choose an exercise first (F2).",
                        markup=False)
            return None
        self.query_one(TabbedContent).active = "exercise-tab"
        return panels.first()

    def _with_panel(self, act: Callable[[ExercisePanel], None]) -> None:
        """Do ``act`` to the exercise panel, once a just-chosen exercise's panel is in.

        A key pressed right after choosing an exercise (F4, F5, F9) is handled while the new
        panel is still mounting: it reached the panel being removed, or none, so the clip
        played without the clip panel taking the keys."""
        if self._panels_coming:
            self.call_after_refresh(self._with_panel, act)
        elif (panel := self._panel()) is not None:
            act(panel)

    def action_focus_worksheet(self) -> None:
        self._with_panel(self._focus_worksheet)

    def _focus_worksheet(self, panel: ExercisePanel) -> None:
        hidden = PRACTITIONER_ONLY if self.participant_view else None
        answers = [a for a in panel.query(".answer") if hidden is None or not a.has_class(hidden)]
        if answers:
            answers[0].focus()

    def action_focus_outcome(self) -> None:
        self._with_panel(lambda panel: panel.query_one("#outcome").focus())

    def action_show_record(self) -> None:
        self.query_one(TabbedContent).active = "record-tab"
        self.query_one("#task_review").focus()

    def action_play_clip(self) -> None:
        self._with_panel(self._play_clip)

    def _play_clip(self, panel: ExercisePanel) -> None:
        players = panel.query(PlayerPanel)
        if not players:
            self.notify("This exercise has no clip.", markup=False)
            return
        players.first().play()

    async def action_back(self) -> None:
        if await self.save_pending():
            self.dismiss()

    async def action_end_session(self) -> None:
        self.app.push_screen(EndSessionDialog(check_ending(self.session, self.app.pack)), self._end_confirmed)

    def _end_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self._leave_clip()
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
        from srt_tui.recovery import back_up_after_session

        self.session = ended
        covered = len(ended.exercises)
        self.notify(f"Session ended and saved: {covered} exercise(s) recorded.", markup=False)
        back_up_after_session(self.app)  # after the ending, in a worker of its own: never waited for
        self.dismiss()

