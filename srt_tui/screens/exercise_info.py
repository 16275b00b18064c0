"""One exercise as a read-only page: aim, key points, guidance, worksheet, task, clips."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from srt_tui.content.model import ContentPack, Exercise
from srt_tui.display import plain


def exercise_text(pack: ContentPack, exercise: Exercise) -> Text:
    """The whole exercise as literal text with bold headings."""
    module = pack.module(exercise.module)
    text = Text()

    def heading(title: str) -> None:
        text.append(f"\n{title}\n", style="bold")

    text.append_text(plain(exercise.title, style="bold underline"))
    text.append("\n")
    text.append_text(plain(f"{module.title if module else exercise.module} · {exercise.minutes} min"))
    if exercise.tags:
        text.append_text(plain(" · relevant to: " + ", ".join(exercise.tags)))
    heading("Aim")
    text.append_text(plain(exercise.aim))
    heading("Key points")
    for point in exercise.key_points:
        text.append_text(plain(f"• {point}\n"))
    heading("How to introduce it")
    text.append_text(plain(exercise.guidance.introduce))
    heading("Discussion prompts")
    for prompt in exercise.guidance.prompts:
        text.append_text(plain(f"• {prompt}\n"))
    heading("Watch for")
    for item in exercise.guidance.watch_for:
        text.append_text(plain(f"• {item}\n"))
    heading("Worksheet")
    for number, question in enumerate(exercise.questions, 1):
        text.append_text(plain(f"{number}. {question.text}\n"))
    heading("Between-session task")
    text.append_text(plain(exercise.task))
    return text


class ExerciseInfoScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", tooltip="Back to where you were", id="exercise-back")]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(exercise_text(self.app.pack, self.exercise), id="exercise-text")  # type: ignore[attr-defined]
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()
