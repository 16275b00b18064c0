"""The yardsticks for start-up: the smallest Textual app that shows one line, and (with the
argument ``widgets``) the same line under the widgets the case list is built of.

Start-up of srt-tui is reported as a ratio to the first, launched the same way in the same
run, so the figure says what the app adds over Textual itself on this machine; the second
shows how much of that the case list's widgets alone account for.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "Minimal Textual app ready"


class MinimalApp(App[None]):
    def __init__(self, widgets: bool) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        if self.widgets:  # imported only then: the one-line app imports no more than it shows
            from textual.widgets import DataTable, Header, Input

            yield Header()
            yield Input(placeholder="Filter")
            yield DataTable()
        yield Static(READY)
        if self.widgets:
            from textual.widgets import Footer

            yield Footer()


if __name__ == "__main__":
    MinimalApp(widgets=sys.argv[1:] == ["widgets"]).run()
