"""The participant's own progress, safe to show in participant view: a row of blocks per
module, their reflections by date, and the notes marked shared with them. No case reference,
no practitioner-only notes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from srt_tui.display import plain
from srt_tui.records.participant import SHARED_NOTES_TITLE, DatedText, ModulePicture


def pictures_text(pictures: list[ModulePicture]) -> Text:
    text = Text()
    width = max((len(p.title) for p in pictures), default=0)
    for picture in pictures:
        text.append_text(plain(picture.title.ljust(width), style="bold"))
        text.append("  ")
        text.append(picture.blocks, style="green")
        text.append("\n")
    text.append("\n█ done   ░ still to come", style="dim")
    return text


def dated_text(log: list[DatedText], empty: str) -> Text:
    """Each entry under its date, or ``empty`` (dimmed) when there is none."""
    if not log:
        return plain(empty, style="dim")
    text = Text()
    for entry in log:
        text.append(f"{entry.date:%d %B %Y}\n", style="bold")
        text.append_text(plain(entry.text))
        text.append("\n\n")
    return text.rstrip() or text


class ParticipantProgressScreen(ModalScreen[None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape,f2", "close", "Close", tooltip="Back to the exercise", id="progress-close")]

    def __init__(self, pictures: list[ModulePicture], reflections: list[DatedText],
                 shared_notes: list[DatedText]) -> None:
        super().__init__()
        self.pictures = pictures
        self.reflections = reflections
        self.shared_notes = shared_notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="participant-progress"):
            yield Label("Your progress", classes="dialog-title")
            yield Static(pictures_text(self.pictures), id="progress-picture")
            yield Label("Your reflections", classes="section-title", id="reflections-title")
            yield Static(dated_text(self.reflections, "No reflections written yet."), id="reflections-log")
            yield Label(SHARED_NOTES_TITLE, classes="section-title", id="shared-notes-title")
            yield Static(dated_text(self.shared_notes, "None yet."), id="shared-notes-log")

    def action_close(self) -> None:
        self.dismiss()
