"""Amend an ended session: choose what to change, write the new text, give a reason."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from srt_tui.records.model import Outcome, Session
from srt_tui.records.targets import read_target


@dataclass(frozen=True)
class AmendmentRequest:
    target: str
    value: str
    reason: str


class AmendDialog(ModalScreen[AmendmentRequest | None]):
    """Returns what to amend; None when cancelled. The store keeps the original text."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without amending", id="dialog-cancel")]

    def __init__(self, session: Session, targets: list[tuple[str, str]]) -> None:
        super().__init__()
        self._current = session.effective()
        self._targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Amend this session", classes="dialog-title")
            with VerticalScroll(classes="dialog-fields"):
                yield Label("What to change")
                yield Select(self._targets, allow_blank=False, id="target")
                yield Label("New text")
                yield TextArea(id="value", soft_wrap=True)
                yield Select([(o.label, o.value) for o in Outcome], prompt="Not marked", id="outcome-value")
                yield Label("Reason for the amendment (kept with the record)")
                yield Input(id="reason", max_length=300)
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save amendment", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._load(str(self.query_one("#target", Select).value))

    @on(Select.Changed, "#target")
    def _target_changed(self, event: Select.Changed) -> None:
        self._load(str(event.value))

    def _load(self, target: str) -> None:
        is_outcome = target.endswith(":outcome")
        value = read_target(self._current, target)
        self.query_one("#value", TextArea).display = not is_outcome
        outcome = self.query_one("#outcome-value", Select)
        outcome.display = is_outcome
        if is_outcome:
            outcome.value = value or Select.NULL
        else:
            self.query_one("#value", TextArea).text = value

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        target = str(self.query_one("#target", Select).value)
        if target.endswith(":outcome"):
            chosen = self.query_one("#outcome-value", Select).value
            value = chosen if isinstance(chosen, str) else ""
        else:
            value = self.query_one("#value", TextArea).text
        reason = self.query_one("#reason", Input).value.strip()
        if value == read_target(self._current, target):
            self.query_one("#error", Static).update("Nothing has changed yet.")
        elif not reason:
            self.query_one("#error", Static).update("Give a reason for the amendment.")
        else:
            self.dismiss(AmendmentRequest(target, value, reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
