"""One exercise as a read-only page: aim, key points, guidance, worksheet, task, clips."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from srt_tui.content.model import Exercise
from srt_tui.exercise_text import exercise_text
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar


class ExerciseInfoScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", tooltip="Back to where you were", id="exercise-back")]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll():
            yield Static(exercise_text(self.app.pack, self.exercise), id="exercise-text")  # type: ignore[attr-defined]
        yield KeyBar()

    def action_back(self) -> None:
        self.dismiss()
