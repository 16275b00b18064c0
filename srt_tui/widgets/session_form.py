"""The session-level record: last task reviewed, notes (with who may see them),
reflections, next task, plan.

Like the exercise panel, it edits the session it was given in place and posts
:class:`SessionForm.Changed`; the screen saves. The whole form is out of reach in
participant view, so the "Practitioner only" box can only be changed by the practitioner.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Static, TextArea

from srt_tui.display import plain
from srt_tui.records.model import Session
from srt_tui.records.targets import SESSION_FIELD_LABELS
from srt_tui.widgets.exercise_panel import NOTES_TOGGLE_LABEL, NOTES_TOGGLE_TOOLTIP


class SessionForm(VerticalScroll):
    @dataclass
    class Changed(Message):
        form: SessionForm

    def __init__(self, session: Session, previous_task: str) -> None:
        super().__init__(id="session-form")
        self.session = session
        self.previous_task = previous_task

    def compose(self) -> ComposeResult:
        yield Static("Task set last time", classes="section-title", markup=False)
        yield Static(plain(self.previous_task or "No task was set last time."), id="previous-task")
        for name, heading in SESSION_FIELD_LABELS.items():
            yield Static(heading, classes="section-title", markup=False)
            yield TextArea(getattr(self.session, name), id=name, classes="session-field", soft_wrap=True)
            if name == "notes":
                yield Checkbox(NOTES_TOGGLE_LABEL, self.session.notes_practitioner_only, id="notes-private",
                               classes="notes-private", tooltip=NOTES_TOGGLE_TOOLTIP, compact=True)

    def set_task(self, task: str) -> None:
        """Put ``task`` in the next-task box (the box's change event saves it)."""
        self.query_one("#task_set", TextArea).text = task

    @on(Checkbox.Changed, "#notes-private")
    def _visibility_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.session.notes_practitioner_only:
            self.session.notes_practitioner_only = event.value
            self.post_message(self.Changed(self))

    @on(TextArea.Changed, ".session-field")
    def _field_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        name = event.text_area.id
        if name and event.text_area.text != getattr(self.session, name):
            setattr(self.session, name, event.text_area.text)
            self.post_message(self.Changed(self))
