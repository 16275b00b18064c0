"""CSV that a spreadsheet opens safely and reads right.

* Formula injection: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return would be run as a formula by Excel, LibreOffice or Google Sheets
  (``=HYPERLINK(...)``, ``@SUM(...)``). Such a cell gets a leading single quote, as the
  OWASP guidance on CSV injection says; it then shows as text. To be safe with programs
  that trim cells first, the same goes for a cell where one of these follows leading
  spaces or line breaks.
* Every cell is quoted by the ``csv`` module (``QUOTE_ALL``), so commas, quotes and line
  breaks in notes stay inside their cell.
* UTF-8 with a byte-order mark, so Excel on Windows shows accents, emoji and right-to-left
  text correctly instead of guessing a legacy code page; lines end in CRLF (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from srt_tui.records.validation import clean_text

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int


def neutralise(value: str) -> str:
    """``value`` made safe for one spreadsheet cell: control characters and terminal escapes
    removed, and a leading quote when it would otherwise start a formula."""
    text = clean_text(value)  # also turns a carriage return into a line break
    lead = text.lstrip(" \n")
    return "'" + text if value.startswith(TRIGGERS) or lead.startswith(TRIGGERS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The CSV file's bytes: header then rows, every text cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    safe: dict[str, str] = {}  # rows repeat their case's and session's cells: neutralise each once
    for row in rows:
        writer.writerow([
            cell if isinstance(cell, int) else safe.get(cell) or safe.setdefault(cell, neutralise(cell))
            for cell in row
        ])
    return buffer.getvalue().encode("utf-8-sig")


__all__ = ["TRIGGERS", "csv_bytes", "neutralise"]
