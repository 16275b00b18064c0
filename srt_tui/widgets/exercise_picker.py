"""The whole toolkit as one list, grouped by module, to pick exercises in any order.

Each line shows where the case stands with the exercise, its minutes and relevance tags.
Foundation exercises not yet done are marked as recommended first: a hint, never a lock.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from srt_tui.content.model import ContentPack, Exercise
from srt_tui.display import plain
from srt_tui.records.model import Outcome

MODULE_PREFIX = "module:"

STATUS_MARKS: dict[Outcome | None, tuple[str, str]] = {
    Outcome.COMPLETED: ("✓", "green"),
    Outcome.REVISITED: ("✓", "green"),
    Outcome.PARTLY_DONE: ("◐", "yellow"),
    Outcome.NOT_RELEVANT: ("–", "dim"),
    None: (" ", ""),
}


def exercise_line(exercise: Exercise, status: Outcome | None, recommended: bool, covered: bool) -> Text:
    """One exercise in the picker: status mark, id and title; then minutes, hints and tags."""
    mark, style = STATUS_MARKS[status]
    line = Text(no_wrap=False)
    line.append(f"{mark} ", style=style)
    line.append_text(plain(f"{exercise.id} {exercise.title}"))
    line.append("\n    ")
    line.append_text(plain(f"{exercise.minutes} min", style="dim"))
    if recommended:
        line.append(" · ★ first", style="bold cyan")
    if covered:
        line.append(" · today", style="bold magenta")
    if exercise.tags:
        line.append_text(plain(" · " + ", ".join(exercise.tags), style="dim italic"))
    return line


class ExercisePicker(OptionList):
    """Lists every exercise; selecting one posts ``OptionList.OptionSelected`` with its id."""

    def __init__(self, pack: ContentPack, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pack = pack

    def show(self, statuses: Mapping[str, Outcome], covered_today: set[str]) -> None:
        """Rebuild the lines from the case's statuses, keeping the highlighted exercise."""
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        foundation = self._pack.foundation.id
        options: list[Option | None] = []
        for module in self._pack.modules:
            exercises = self._pack.exercises_in(module.id)
            done = sum(1 for e in exercises if statuses.get(e.id) in (Outcome.COMPLETED, Outcome.REVISITED))
            header = plain(f"{module.title}  {done}/{len(exercises)}", style="bold")
            if options:
                options.append(None)
            options.append(Option(header, id=f"{MODULE_PREFIX}{module.id}", disabled=True))
            for exercise in exercises:
                status = statuses.get(exercise.id)
                recommended = module.id == foundation and status not in (
                    Outcome.COMPLETED, Outcome.REVISITED, Outcome.NOT_RELEVANT
                )
                options.append(
                    Option(exercise_line(exercise, status, recommended, exercise.id in covered_today),
                           id=exercise.id)
                )
        self.clear_options()
        self.add_options(options)
        if highlighted is not None:
            self.highlight_exercise(highlighted)

    def highlight_exercise(self, exercise_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(exercise_id)
        except OptionDoesNotExist:
            return
