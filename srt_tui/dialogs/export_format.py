"""Choose the format of a case export (one case, or every case in a batch)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

# Keys are srt_tui.export.FORMATS, in the same order.
FORMAT_LABELS = {
    "html": "HTML (opens in any browser, prints to A4)",
    "pdf": "PDF (A4, for reading and printing anywhere)",
    "md": "Markdown (plain text, for a word processor)",
    "csv": "CSV (for a spreadsheet: a row per exercise per session)",
    "json": "JSON bundle (moves the case to another laptop)",
}


class ExportFormatDialog(ModalScreen[str | None]):
    """Returns a key of :attr:`LABELS`; None when cancelled."""

    LABELS: dict[str, str] = FORMAT_LABELS  # the formats offered, in order

    CSS_PATH = "dialog.tcss"
    DEFAULT_CSS = """
    ExportFormatDialog .format-choice {
        width: 100%;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without exporting", id="dialog-cancel")]

    def __init__(self, title: str = "Export the case summary as") -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            for fmt, label in self.LABELS.items():
                yield Button(label, id=fmt, classes="format-choice")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, ".format-choice")
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
