"""The case overview's session history: a DataTable filled in one go and sized at once."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

COLUMNS = ("Date", "Time", "Record", "Exercises")

# A row: its cells, and its key (the session id; None for the "no sessions yet" row).
SessionRow = tuple[tuple[str | Text, ...], str | None]


class SessionTable(DataTable[str | Text]):
    """Two DataTable habits cost the overview a layout and a frame each time it opens:

    * It measures new rows when it is next idle and then lays the screen out again.
      :meth:`show_rows` measures them at once (DataTable's private ``_update_dimensions``).
    * It forgets every drawn cell on any resize (a count in its cache keys goes up), so the
      rows were drawn again after the Resize that follows the first frame. No drawing here
      depends on the table's size (one-line rows, columns as wide as their content; lines
      are cropped to the width, which DataTable's line cache keys on), so they are kept.

    Both touch DataTable's internals; Textual is pinned exactly, and the overview snapshots
    would show any change in drawing.
    """

    def _on_resize(self, event: Resize) -> None:
        event.prevent_default()  # DataTable's own handler, next in the MRO, is not called

    def show_rows(self, rows: Sequence[SessionRow]) -> None:
        """Replace the columns and rows (columns are as wide as these rows need) and size the
        table now."""
        self.clear(columns=True)
        for label in COLUMNS:
            self.add_column(label)
        for cells, key in rows:
            self.add_row(*cells, key=key)
        self._require_update_dimensions = False
        self._update_dimensions(self._new_rows)
        self._new_rows.clear()


__all__ = ["COLUMNS", "SessionRow", "SessionTable"]
