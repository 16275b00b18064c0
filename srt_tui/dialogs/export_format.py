"""Choose the format of a case export."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

FORMAT_LABELS = {
    "html": "HTML (opens in any browser, prints to A4)",
    "md": "Markdown (plain text, for a word processor)",
    "json": "JSON bundle (moves the case to another laptop)",
}


class ExportFormatDialog(ModalScreen[str | None]):
    """Returns "html", "md" or "json"; None when cancelled."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without exporting", id="dialog-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the case summary as", classes="dialog-title")
            for fmt, label in FORMAT_LABELS.items():
                yield Button(label, id=fmt, classes="format-choice")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, ".format-choice")
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
