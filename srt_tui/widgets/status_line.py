"""One line of plain text that changes often: the case list's count, on every keystroke."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from srt_tui.records.validation import one_line


class StatusLine(Widget):
    """A line of text in the widget's own style (colour from CSS), cut to the width.

    A Static lays its text out again through Content on each update, about 0.5 ms; one line
    of plain text needs none of that. The text is never markup, and control characters
    are dropped (an error message may hold a path).
    """

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = ""
        self.update(text)

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        """Show ``text`` (one line: line breaks become spaces) in the frame being made now."""
        text = one_line(text)
        if text != self._text:
            self._text = text
            self.refresh()
            self._check_refresh()  # ask the screen now: the frame of the keystroke shows it

    def render_line(self, y: int) -> Strip:
        style = self.visual_style.rich_style
        if y:
            return Strip.blank(self.size.width, style)
        return Strip([Segment(self._text, style)]).crop(0, self.size.width)
