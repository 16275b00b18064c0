"""Confirm deleting a case (retention): what goes, whether the backups' copies go too, and
the case reference typed out, so no stray key press can delete a case."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from srt_tui.display import plain
from srt_tui.records.validation import clean_text


def what_goes(ref: str, alias: str, sessions: int | None) -> Text:
    text = plain(f"Case {ref} ({alias}) ")
    text.append(f"and its {sessions} session(s)" if sessions is not None else "and its sessions")
    text.append(" will be deleted from the records: its records file and its row in the case list. "
                "This cannot be undone. Exports written earlier are not touched.")
    return text


def backups_label(held: int | None) -> str:
    if held is None:
        return "Also remove it from every backup that holds it"
    if held == 0:
        return "No backup holds this case"
    return f"Also remove it from the {held} backup{'s that hold' if held > 1 else ' that holds'} it"


class DeleteCaseDialog(ModalScreen[bool | None]):
    """Returns None to keep the case; True to delete it from the records and every backup
    holding it; False to delete it from the records only."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Keep the case", id="dialog-cancel")]

    def __init__(self, ref: str, alias: str, sessions: int | None, held: int | None) -> None:
        """``held``: how many backups hold the case (None if they could not be looked at)."""
        super().__init__()
        self._ref = ref
        self._alias = alias
        self._sessions = sessions
        self._held = held

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Delete case {self._ref}?"), classes="dialog-title")
            yield Static(what_goes(self._ref, self._alias, self._sessions), id="what-goes")
            if self._held == 0:  # nothing to choose: say so plainly rather than show a dead box
                yield Static(backups_label(0), id="no-backups", markup=False)
            else:
                yield Checkbox(backups_label(self._held), id="from-backups")
            yield Label(plain(f"Type the case reference ({self._ref}) to delete it:"), id="confirm-label")
            yield Input(placeholder="case reference", id="confirm")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Delete", variant="error", id="delete", disabled=True)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm", Input).focus()

    def _confirmed(self) -> bool:
        return self.query_one("#confirm", Input).value.strip() == clean_text(self._ref).strip()

    @on(Input.Changed, "#confirm")
    def _typed(self) -> None:
        self.query_one("#delete", Button).disabled = not self._confirmed()

    @on(Input.Submitted, "#confirm")
    @on(Button.Pressed, "#delete")
    def _delete(self) -> None:
        if self._confirmed():
            boxes = self.query("#from-backups").results(Checkbox)
            self.dismiss(any(box.value for box in boxes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
