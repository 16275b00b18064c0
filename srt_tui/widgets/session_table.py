"""The case overview's session history: one line per session, newest first (a
:class:`~srt_tui.widgets.line_table.LineTable`: drawing it was a third of the time of opening
a case while it was a DataTable)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from srt_tui.widgets.line_table import LineTable, column_widths, table_bindings

COLUMNS = ("Date", "Time", "Record", "Exercises")


class SessionRow(NamedTuple):
    """One line of the history: plain text, never markup."""

    id: str | None  # the session's id; None for a line that is no session ("No sessions yet")
    cells: tuple[str, ...]  # one per column of COLUMNS


class SessionTable(LineTable):
    """A case's sessions; Enter (or a click on the selected line) opens one (``Opened``)."""

    COLUMNS = COLUMNS
    BINDINGS = table_bindings("session", "session-table")

    def show_sessions(self, rows: Sequence[SessionRow]) -> None:
        """Show these lines, the columns as wide as they need, the cursor on the first."""
        self.set_widths(column_widths(COLUMNS, rows))
        self.show_rows(rows)


__all__ = ["COLUMNS", "SessionRow", "SessionTable"]
