"""Confirm the end of a session after seeing what was covered."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from srt_tui.display import plain
from srt_tui.records.ending import EndingCheck


def ending_text(check: EndingCheck) -> Text:
    text = Text()
    text.append("Covered\n", style="bold")
    for title, outcome in check.covered:
        text.append_text(plain(f"• {title}: {outcome}\n"))
    if not check.covered:
        text.append("• nothing\n", style="dim")
    for heading, items, style in (("Must fix", check.blockers, "bold red"), ("Check", check.warnings, "yellow")):
        if items:
            text.append(f"\n{heading}\n", style="bold")
            for item in items:
                text.append_text(plain(f"• {item}\n", style=style))
    text.append("\nAfter ending, changes to this session are amendments with a reason.", style="dim")
    return text


class EndSessionDialog(ModalScreen[bool]):
    """Returns True to end the session; False to go back to it."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back to session", tooltip="Keep the session open",
                        id="dialog-cancel")]

    def __init__(self, check: EndingCheck) -> None:
        super().__init__()
        self._check = check

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("End this session?", classes="dialog-title")
            yield Static(ending_text(self._check), id="ending")
            with Horizontal(classes="dialog-buttons"):
                yield Button("End session", variant="primary", id="end", disabled=not self._check.can_end)
                yield Button("Back to session", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#end" if self._check.can_end else "#cancel", Button).focus()

    @on(Button.Pressed, "#end")
    def _end(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
