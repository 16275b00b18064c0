"""The PDF speed-ups change nothing in the PDF: fpdf2's line breaking done in linear time
gives fpdf2's lines, and fonts parsed once per process give the bytes ``add_font`` gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fpdf.enums import Align
from fpdf.errors import FPDFException
from fpdf.line_break import MultiLineBreak
from hypothesis import given, settings
from hypothesis import strategies as st

from srt_tui.content.model import ContentPack
from srt_tui.export import pdf, pdf_lines
from srt_tui.export.summary import build_summary
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import case_progress

MOMENT = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)

# What a line break turns on: spaces of every kind, no-break spaces, line and page breaks,
# long words, characters the font lacks (the default width), wide and narrow letters.
PIECES = st.sampled_from([
    "a", "W", "i", "m", "é", "ש", "Ж", "😀", "-", ".", " ", "  ", "\t", "\u00a0", "\u200b", "\u2003", "\u3000",
    "\n", "\n\n", "\x0c", "x" * 70, "Supercalifragilistic",
])
TEXT = st.lists(PIECES, max_size=120).map("".join)


def _document() -> pdf._Document:
    document = pdf._Document("test")
    document.add_page()
    return document


def _lines(kind: type[MultiLineBreak], document: pdf._Document, text: str, width: float) -> list[Any]:
    fragments = document._preload_font_styles(text, False)
    breaker = kind(fragments, width, [document.c_margin, document.c_margin], align=Align.L)
    found: list[Any] = []
    try:
        while (line := breaker.get_line()) is not None:
            found.append((["".join(f.characters) for f in line.fragments], line.text_width,
                          line.number_of_spaces, line.align, line.height, line.max_width,
                          line.trailing_nl, line.trailing_form_feed, line.indent))
    except FPDFException as error:
        found.append(str(error))
    return found


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.sampled_from([4.0, 12.5, 40.0, 101.3, 178.0]), size=st.sampled_from([8.5, 9.5, 17]),
       bold=st.booleans())
def test_linear_line_breaking_gives_fpdf2s_lines(text: str, width: float, size: float, bold: bool) -> None:
    document = _document()
    document.set_font(pdf.FAMILY, "B" if bold else "", size)
    ours = _lines(pdf_lines.LinearLineBreak, document, text, width)
    assert ours == _lines(MultiLineBreak, document, text, width)


def test_plain_paragraphs_take_the_linear_path_and_others_fpdf2s() -> None:
    document = _document()
    document.set_font(pdf.FAMILY, "", 9.5)

    def plain(text: str) -> bool:
        fragments = document._preload_font_styles(text, False)
        return pdf_lines.LinearLineBreak(fragments, 100.0, [1.0, 1.0]).plain

    assert plain("Notes from the session, in two lines\nof text.")
    assert not plain("a soft\u00adhyphen")  # fpdf2 may break and hyphenate there
    assert not plain("page {nb}")  # the page-count alias is a fragment of its own


@pytest.fixture
def fpdf2_alone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """fpdf2 as it comes: its own line breaking, and every font parsed by add_font."""
    pdf_lines.uninstall()
    monkeypatch.setattr(pdf, "add_bundled_font", lambda doc, family, style, path: doc.add_font(family, style, path))
    yield
    assert pdf_lines.install()


def _pdf(summary: Any) -> bytes:
    real = pdf._Document.__init__

    def dated(self: pdf._Document, title: str) -> None:
        real(self, title)
        self.set_creation_date(MOMENT)  # otherwise the bytes differ by the time of writing

    pdf._Document.__init__ = dated  # type: ignore[method-assign]
    try:
        return pdf.render_pdf(summary)
    finally:
        pdf._Document.__init__ = real  # type: ignore[method-assign]


def test_a_case_pdf_is_byte_for_byte_what_fpdf2_alone_writes(
    pack: ContentPack, case: Case, sessions: list[Session], request: pytest.FixtureRequest
) -> None:
    summary = build_summary(pack, case, sessions, case_progress(pack, case, sessions), exported_at=MOMENT)
    other = build_summary(pack, Case(ref="ASCII-1", alias="A.B.", referral_date=MOMENT.date()), [],
                          case_progress(pack, case, []), exported_at=MOMENT)
    assert pdf_lines.install()  # as the app runs
    quick = [_pdf(summary), _pdf(other), _pdf(summary)]  # the second reuses the fonts of the first
    request.getfixturevalue("fpdf2_alone")
    assert quick == [_pdf(summary), _pdf(other), _pdf(summary)]
    assert len(quick[1]) < len(quick[0])  # no glyph of the first document embedded in the second
