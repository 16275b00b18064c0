"""The case list's table: one line per case (a :class:`~srt_tui.widgets.line_table.LineTable`,
drawn only where it is on screen, so a keystroke in the filter costs little)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from srt_tui.records.store import CaseSummary
from srt_tui.records.validation import one_line
from srt_tui.records.values import CaseState
from srt_tui.widgets import line_table
from srt_tui.widgets.line_table import LineTable, table_bindings

COLUMNS = ("Case ref", "Alias", "State", "Referred", "Last session")


class CaseRow(NamedTuple):
    """One case as the list shows it (plain text, never markup), and the text the filter looks in."""

    id: str
    cells: tuple[str, ...]  # one per column of COLUMNS; the first is the case reference
    search: str  # reference and alias, casefolded, one per line (a filter never holds a newline)

    @property
    def ref(self) -> str:
        return self.cells[0]

    @classmethod
    def of(cls, summary: CaseSummary) -> CaseRow:
        ref, alias, last = summary.ref, summary.alias, summary.last_session
        cells = (one_line(ref), one_line(alias), _STATE_LABELS[summary.state],
                 summary.referral_date.isoformat(), last.isoformat() if last else "none yet")
        return cls(summary.id, cells, f"{ref.casefold()}\n{alias.casefold()}")


_STATE_LABELS = {state: state.label for state in CaseState}  # a thousand rows at start: looked up, not made


def column_widths(rows: Sequence[CaseRow]) -> tuple[int, ...]:
    """The width of each column: its widest cell or its label (the case list fixes them once per
    load, from every case, so that filtering never moves a column)."""
    return line_table.column_widths(COLUMNS, rows)


class CaseTable(LineTable):
    """The cases the filter matches, one per line under a header of column labels."""

    COLUMNS = COLUMNS
    BINDINGS = table_bindings("case", "case-table")
