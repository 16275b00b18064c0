"""The participant handout on screen before it is exported: what they will take home.

Built from the same :class:`~srt_tui.export.leaflet.Leaflet` as the exported files, so the
preview and the paper cannot differ. `x` chooses a format and returns it to the overview.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from srt_tui.dialogs.leaflet_format import LeafletFormatDialog
from srt_tui.display import plain
from srt_tui.export.leaflet import Leaflet
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar


def leaflet_text(leaflet: Leaflet) -> Text:
    """The leaflet as literal text: headings bold, each item's lead bold, its lines kept."""
    text = Text()
    text.append_text(plain(leaflet.title, style="bold underline"))
    text.append("\n")
    text.append_text(plain(leaflet.subtitle, style="italic"))
    text.append("\n")
    for section in leaflet.sections:
        text.append("\n")
        text.append_text(plain(section.heading, style="bold"))
        text.append("\n")
        if not section.items:
            text.append_text(plain(section.empty, style="dim"))
            text.append("\n")
        for item in section.items:
            if item.lead:
                text.append_text(plain(f"• {item.lead}", style="bold"))
                text.append("\n")
            for line in item.text.splitlines():
                text.append_text(plain(f"  {line}" if item.lead else f"• {line}"))
                text.append("\n")
    text.append("\n")
    text.append_text(plain(leaflet.footer, style="italic"))
    return text


class HandoutPreviewScreen(Screen[str | None]):
    """Returns the chosen export format, or None when the practitioner goes back."""

    CSS_PATH = "handout_preview.tcss"
    BINDINGS = [
        Binding("x", "export", "Export", tooltip="Write the handout as HTML, PDF or Markdown",
                id="handout-export"),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="handout-back"),
    ]

    def __init__(self, leaflet: Leaflet) -> None:
        super().__init__()
        self.leaflet = leaflet

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="handout-page"):
            yield Static(leaflet_text(self.leaflet), id="handout")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Handout preview: no practitioner-only notes"

    def action_export(self) -> None:
        self.app.push_screen(LeafletFormatDialog("Participant handout of the latest session, as"),
                             self._chosen)

    def _chosen(self, fmt: str | None) -> None:
        if fmt:
            self.dismiss(fmt)

    def action_back(self) -> None:
        self.dismiss(None)
