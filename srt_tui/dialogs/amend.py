"""Amend an ended session: choose what to change, write the new text (or choose the
outcome, or who may see the notes), give a reason."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from srt_tui.records.model import PRACTITIONER_ONLY, SHARED, Outcome, Session, parse_target, visibility_label
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
                yield Select([(visibility_label(flag), value) for flag, value in ((True, PRACTITIONER_ONLY),
                                                                                   (False, SHARED))],
                             allow_blank=False, id="visibility-value")
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
        value = read_target(self._current, target)
        chooser = self._chooser(target)
        self.query_one("#value", TextArea).display = chooser is None
        for select in self.query(Select).exclude("#target"):
            select.display = select is chooser
        if chooser is not None:
            chooser.value = value or Select.NULL
        else:
            self.query_one("#value", TextArea).text = value

    def _chooser(self, target: str) -> Select[str] | None:
        """The list an outcome or who may see the notes is chosen from; None for text."""
        where = parse_target(target)
        if where.is_outcome:
            return self.query_one("#outcome-value", Select)
        return self.query_one("#visibility-value", Select) if where.is_flag else None

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        target = str(self.query_one("#target", Select).value)
        chooser = self._chooser(target)
        if chooser is not None:
            chosen = chooser.value
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
