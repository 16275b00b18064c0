"""CSV safety: formula cells neutralised (OWASP), every cell quoted, UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io

import pytest

from srt_tui.export.csvsafe import csv_bytes, neutralise


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x.example","y")', '\'=HYPERLINK("http://x.example","y")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-10", "'-10"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\n=1"),
        ("  =1", "'  =1"),
        ("\n@x", "'\n@x"),
        ("\x1b[31m=1", "'=1"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        ("O'Brien", "O'Brien"),
        ("", ""),
        ("Zoë ☺ שלום", "Zoë ☺ שלום"),
    ],
)
def test_neutralise(value: str, cell: str) -> None:
    assert neutralise(value) == cell


def test_file_is_utf8_with_bom_crlf_and_every_cell_quoted() -> None:
    data = csv_bytes(["Name", "Count"], [['Zoë, "the" one\nline two', 3], ["=cmd", 0]])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0] == '"Name","Count"'
    assert '"Zoë, ""the"" one\nline two","3"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["Name", "Count"], ['Zoë, "the" one\nline two', "3"], ["'=cmd", "0"]]
