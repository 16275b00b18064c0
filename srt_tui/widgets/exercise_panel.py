"""One exercise inside a running session: what to say, the clip, the discussion prompts,
the worksheet, notes and the outcome, in the order a session goes.

The panel edits the :class:`ExerciseRecord` it was given in place and posts
:class:`ExercisePanel.Changed` after every real change; the session screen saves. When the
clip ends, focus moves on to the discussion prompts.

Parts for the practitioner's eyes only (facilitator guidance, discussion prompts, the
outcome, the "Practitioner only" box of the notes, and the notes themselves while that box
is ticked) carry the class ``practitioner-only``; the session screen hides them in
participant view and sets :attr:`ExercisePanel.participant` to match. The class on the notes
changes as the box is ticked, so it is already right when participant view comes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Collapsible, Input, Label, Select, Static, TextArea

from srt_tui.content.model import ContentPack, Exercise
from srt_tui.display import plain
from srt_tui.exercise_text import overview_text
from srt_tui.player.api import Player
from srt_tui.records.model import ExerciseRecord, Outcome
from srt_tui.records.participant import participant_may_see_notes
from srt_tui.widgets.player_panel import PlayerPanel

ANSWER_PREFIX = "answer-"
PRACTITIONER_ONLY = "practitioner-only"
NOTES_TOGGLE_LABEL = "Practitioner only"
NOTES_TOGGLE_TOOLTIP = ("Ticked (the default): hidden in participant view and never in the handout. "
                        "Untick to share these notes with the participant.")


def _section(text: Text, title: str, items: Iterable[str]) -> None:
    text.append(f"{title}\n", style="bold")
    for item in items:
        text.append_text(plain(f"• {item}\n"))


def guidance_text(exercise: Exercise) -> Text:
    """How to introduce the exercise and what to watch for (the prompts come after the clip)."""
    text = Text()
    text.append("How to introduce it\n", style="bold")
    text.append_text(plain(exercise.guidance.introduce))
    text.append("\n\n")
    _section(text, "Watch for", exercise.guidance.watch_for)
    return text.rstrip() or text


def prompts_text(exercise: Exercise) -> Text:
    text = Text()
    for prompt in exercise.guidance.prompts:
        text.append_text(plain(f"• {prompt}\n"))
    text.rstrip()
    return text if exercise.guidance.prompts else plain("No discussion prompts for this exercise.")


class Prompts(Static, can_focus=True):
    """The discussion prompts: focusable, so the end of the clip can bring the eye here."""


class ExercisePanel(VerticalScroll):
    """The exercise view of the session screen."""

    @dataclass
    class Changed(Message):
        """The practitioner changed an answer, the notes, who may see them, the outcome or the reason."""

        panel: ExercisePanel

    @dataclass
    class TaskChosen(Message):
        """The practitioner wants this exercise's between-session task for next time."""

        task: str

    def __init__(self, pack: ContentPack, exercise: Exercise, record: ExerciseRecord,
                 variant: str | None, player: Player, resume_at: float = 0.0) -> None:
        super().__init__(id="exercise-panel")
        self.pack = pack
        self.exercise = exercise
        self.record = record
        self.variant = variant
        self.player = player
        self.resume_at = resume_at
        self.participant = False  # participant view: the clip's end moves nothing on

    def compose(self) -> ComposeResult:
        exercise, record = self.exercise, self.record
        yield Static(overview_text(self.pack, exercise), id="exercise-overview")
        with Collapsible(title="Facilitator guidance", collapsed=False, id="guidance", classes=PRACTITIONER_ONLY):
            yield Static(guidance_text(exercise))
        clip = exercise.clip_for(self.variant)
        if clip is None:
            yield Static("This exercise has no clip.", classes="muted no-clip", markup=False)
        else:
            variant = f" ({clip.variant})" if clip.variant else ""
            yield PlayerPanel(self.player, clip, f"{exercise.id} {exercise.title}{variant}", self.resume_at)
        yield Static("Discussion prompts", classes=f"section-title {PRACTITIONER_ONLY}", markup=False)
        yield Prompts(prompts_text(exercise), id="prompts", classes=PRACTITIONER_ONLY)
        yield Static("Worksheet", classes="section-title", markup=False)
        for number, question in enumerate(exercise.questions, 1):
            yield Label(plain(f"{number}. {question.text}"), classes="question")
            yield TextArea(record.answers.get(question.id, ""), id=f"{ANSWER_PREFIX}{question.id}",
                           classes="answer", soft_wrap=True)
        if not exercise.questions:
            yield Static("No worksheet for this exercise.", classes="muted", markup=False)
        private = "" if participant_may_see_notes(record) else f" {PRACTITIONER_ONLY}"
        yield Static("Notes on this exercise", id="exercise-notes-title", classes=f"section-title{private}",
                     markup=False)
        yield TextArea(record.notes, id="exercise-notes", classes=f"answer{private}", soft_wrap=True)
        yield Checkbox(NOTES_TOGGLE_LABEL, record.notes_practitioner_only, id="exercise-notes-private",
                       classes=f"notes-private {PRACTITIONER_ONLY}", tooltip=NOTES_TOGGLE_TOOLTIP, compact=True)
        yield Static("Outcome", classes=f"section-title {PRACTITIONER_ONLY}", markup=False)
        with Horizontal(classes=f"outcome-row {PRACTITIONER_ONLY}"):
            yield Select([(o.label, o) for o in Outcome], prompt="Not marked yet",
                         value=record.outcome or Select.NULL, id="outcome")
            yield Input(record.skip_reason, placeholder="Why is it not relevant? (needed)",
                        id="skip-reason", max_length=300)
        yield Static("Between-session task", classes="section-title", markup=False)
        with Horizontal(classes="task-row"):
            yield Static(plain(exercise.task), classes="task-text")
            yield Button("Set for next time", id="use-task", classes=PRACTITIONER_ONLY)

    def on_mount(self) -> None:
        self._show_reason()

    def _show_reason(self) -> None:
        self.query_one("#skip-reason", Input).display = self.record.outcome is Outcome.NOT_RELEVANT

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    @on(TextArea.Changed, ".answer")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        widget_id = event.text_area.id or ""
        text = event.text_area.text
        if widget_id == "exercise-notes":
            if text != self.record.notes:
                self.record.notes = text
                self._changed()
        elif widget_id.startswith(ANSWER_PREFIX):
            question_id = widget_id.removeprefix(ANSWER_PREFIX)
            if text != self.record.answers.get(question_id, ""):
                self.record.answers[question_id] = text
                self._changed()

    @on(Checkbox.Changed, "#exercise-notes-private")
    def _visibility_changed(self, event: Checkbox.Changed) -> None:
        """Tick: practitioner only; untick: shared. Never from participant view (the box is
        hidden there; this is the second lock on the door)."""
        event.stop()
        if self.participant:
            event.checkbox.value = self.record.notes_practitioner_only
            return
        if event.value != self.record.notes_practitioner_only:
            self.record.notes_practitioner_only = event.value
            hidden = not participant_may_see_notes(self.record)
            for widget in (self.query_one("#exercise-notes-title"), self.query_one("#exercise-notes")):
                widget.set_class(hidden, PRACTITIONER_ONLY)
            self._changed()

    @on(Select.Changed, "#outcome")
    def _outcome_changed(self, event: Select.Changed) -> None:
        event.stop()
        outcome = event.value if isinstance(event.value, Outcome) else None
        if outcome is not self.record.outcome:
            self.record.outcome = outcome
            self._show_reason()
            self._changed()

    @on(Input.Changed, "#skip-reason")
    def _reason_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.record.skip_reason:
            self.record.skip_reason = event.value
            self._changed()

    @on(Button.Pressed, "#use-task")
    def _use_task(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.TaskChosen(self.exercise.task))

    @on(PlayerPanel.Ended)
    def _clip_ended(self, event: PlayerPanel.Ended) -> None:
        """On to the discussion, unless the practitioner is typing somewhere else."""
        if self.participant:
            return  # the prompts are hidden; the session screen asks for feedback
        if self.app.focused is event.panel or self.app.focused is None:
            self.query_one("#prompts", Prompts).focus()  # just below the clip: both stay in view
        self.notify(("The clip has finished: over to the discussion prompts. F9 marks the outcome; "
                     "v on the clip asks the participant what they thought of it."),
                    title="Clip finished", markup=False, timeout=8)
