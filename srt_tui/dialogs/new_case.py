"""Create a case: reference, alias, referral date, content variant, responsivity notes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from srt_tui.records.model import Case
from srt_tui.records.store import RecordError
from srt_tui.records.validation import validate_alias, validate_ref

if TYPE_CHECKING:
    from srt_tui.app import SrtApp


class NewCaseDialog(ModalScreen[Case | None]):
    """Returns the created case, or None when cancelled."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without creating", id="dialog-cancel")]

    app: SrtApp

    def __init__(self, variants: tuple[str, ...]) -> None:
        super().__init__()
        self._variants = variants

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New case", classes="dialog-title")
            with VerticalScroll(classes="dialog-fields"):
                yield Label("Case reference")
                yield Input(placeholder="e.g. X123456", id="ref", max_length=32)
                yield Label("Alias or initials (never a full name)")
                yield Input(placeholder="e.g. J.B.", id="alias", max_length=40)
                yield Label("Referral date (YYYY-MM-DD)")
                yield Input(value=date.today().isoformat(), id="referral", max_length=10)
                yield Label("Content variant")
                yield Select(
                    [(variant, variant) for variant in self._variants],
                    prompt="Standard (no variant)",
                    id="variant",
                )
                yield Label("Responsivity notes (optional)")
                yield TextArea(id="responsivity")
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", variant="primary", id="create")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ref", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        try:
            case = self._case_from_form()
        except (ValueError, RecordError) as error:
            self._show_error(str(error))
            return
        self._save(case)

    def _case_from_form(self) -> Case:
        ref = validate_ref(self.query_one("#ref", Input).value)
        alias = validate_alias(self.query_one("#alias", Input).value)
        try:
            referral = date.fromisoformat(self.query_one("#referral", Input).value.strip())
        except ValueError:
            raise ValueError("Referral date must be a date like 2026-11-25.") from None
        if referral > date.today():
            raise ValueError("Referral date cannot be in the future.")
        variant = self.query_one("#variant", Select).value
        return Case(
            ref=ref,
            alias=alias,
            referral_date=referral,
            variant=variant if isinstance(variant, str) else None,
            responsivity_notes=self.query_one("#responsivity", TextArea).text,
        )

    @work(thread=True, exclusive=True, group="new-case")
    def _save(self, case: Case) -> None:
        try:
            created = self.app.store.create_case(case)
        except RecordError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self.dismiss, created)

    def _show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)
