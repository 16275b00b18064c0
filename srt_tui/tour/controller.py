"""Runs the guided tour over the real app: shows the current step in a :class:`TourPanel`
on whichever screen is on top, points at the step's widgets, and moves on when the user does
what the step asks (checked a few times a second) or presses the tour key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import InvalidQueryFormat
from textual.timer import Timer

from srt_tui.tour.panel import TARGET, TourPanel
from srt_tui.tour.steps import STEPS, Step

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

CHECK_EVERY = 0.25  # seconds


class Tour:
    def __init__(self, app: App, steps: tuple[Step, ...] = STEPS) -> None:
        self.app = app
        self.steps = steps
        self.index = 0
        self.panel: TourPanel | None = None
        self.pointed: list[Widget] = []
        self.timer: Timer | None = None

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def running(self) -> bool:
        return self.timer is not None

    def start(self) -> None:
        self.index = 0
        self.timer = self.app.set_interval(CHECK_EVERY, self.check)
        self.check()

    def next(self) -> None:
        """On to the next step; after the last one, the tour ends."""
        if self.index + 1 >= len(self.steps):
            self.end()
            return
        self.index += 1
        self._show()

    def end(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self._unpoint()
        if self.panel is not None:
            self.panel.remove()
            self.panel = None

    def check(self) -> None:
        """Follow the screen on top, and move on once the step's condition holds."""
        if self.timer is None:
            return
        if any(self._holds(condition) for condition in self.step.done_when):
            self.next()
            return
        if not self._on_top():
            self._show()
        elif self.step.target and not self.pointed:
            self._point()  # the screen was pushed before its widgets were mounted

    def _on_top(self) -> bool:
        return self.panel is not None and self.panel.is_attached and self.panel.screen is self.app.screen

    def _show(self) -> None:
        """The current step on the screen on top: the panel is updated there, or moves there."""
        number, total = self.index + 1, len(self.steps)
        if self._on_top():
            assert self.panel is not None
            self.panel.show_step(self.step, number, total)
        else:
            if self.panel is not None:
                self.panel.remove()
            self.panel = TourPanel(self.step, number, total)
            self.app.screen.mount(self.panel)
        self._point()

    def _point(self) -> None:
        self._unpoint()
        if self.step.target:
            self.pointed = list(self._query(self.step.target))
            for widget in self.pointed:
                widget.add_class(TARGET)

    def _unpoint(self) -> None:
        for widget in self.pointed:
            widget.remove_class(TARGET)
        self.pointed = []

    def _query(self, selector: str) -> list[Widget]:
        try:
            return list(self.app.screen.query(selector))
        except InvalidQueryFormat:
            return []

    def _holds(self, condition: str) -> bool:
        kind, _, value = condition.partition(":")
        if kind == "screen":
            return type(self.app.screen).__name__ == value
        if kind == "exists":
            return bool(self._query(value))
        if kind == "focus":
            focused = self.app.focused
            matches = set(self._query(value))
            return focused is not None and any(node in matches for node in focused.ancestors_with_self)
        raise ValueError(f"unknown tour condition {condition!r}")


__all__ = ["Tour"]
