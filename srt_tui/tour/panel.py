"""The tour's small panel: one step's title and text, and the keys, over the bottom of the
screen it is mounted on. It never takes focus, so the app works as usual under it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from srt_tui.tour.steps import Step

TARGET = "-tour-target"  # the class the tour puts on the widgets a step points at


class TourPanel(Static):
    SCOPED_CSS = False  # the highlight rule styles other widgets
    DEFAULT_CSS = f"""
    TourPanel {{
        dock: bottom;
        overlay: screen;
        margin: 0 0 1 0;
        width: 100%;
        max-width: 76;
        height: auto;
        padding: 0 1;
        background: $warning 20%;
        border: round $warning;
        border-title-color: $text;
        border-title-style: bold;
    }}
    .{TARGET} {{
        outline: heavy $warning;
    }}
    """

    can_focus = False

    def __init__(self, step: Step, number: int, total: int) -> None:
        super().__init__("", classes="tour-panel")
        self.show_step(step, number, total)

    def show_step(self, step: Step, number: int, total: int) -> None:
        self.border_title = f"Tour {number}/{total}: {step.title}"
        keys = "ctrl+t finish" if number == total else "ctrl+t next (or do it)"
        body = Text(step.text)
        body.append(f"\n{keys} · F10 end the tour", style="dim")
        self.update(body)


__all__ = ["TARGET", "TourPanel"]
