"""Change a case's state (active, paused, breached...) with the date and the reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from srt_tui.records.model import Case, CaseState

NEEDS_REASON = {CaseState.PAUSED, CaseState.DISCONTINUED, CaseState.BREACHED}


class CaseStateDialog(ModalScreen[Case | None]):
    """Returns a copy of the case with the new state; None when cancelled."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without changing", id="dialog-cancel")]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self._case = case

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Case state", classes="dialog-title")
            with VerticalScroll(classes="dialog-fields"):
                yield Select(
                    [(state.label, state) for state in CaseState],
                    value=self._case.state,
                    allow_blank=False,
                    id="state",
                )
                yield Label("Date (YYYY-MM-DD)")
                yield Input(value=date.today().isoformat(), id="date", max_length=10)
                yield Label("Reason (needed for paused, discontinued and breached)")
                yield Input(value="", id="reason", max_length=200)
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        state = self.query_one("#state", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        try:
            when = date.fromisoformat(self.query_one("#date", Input).value.strip())
        except ValueError:
            self._error("Date must be a date like 2026-11-25.")
            return
        if state in NEEDS_REASON and not reason:
            self._error(f"Give a reason for {state.label.lower()}.")
            return
        self.dismiss(replace(self._case, state=state, state_date=when, state_reason=reason))

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)
