"""The PDF export, read back with a PDF reader (pypdf): real A4 pages, the bundled font
embedded, every part of the record in the extracted text, each session on its own page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from srt_tui.content.model import ContentPack
from srt_tui.export import render_case
from srt_tui.export.pdf import FONT_DIR
from srt_tui.records.model import Case, Session
from tests.export.samples import HOSTILE_SHOWN, PLAIN, REF, UTC_TIME


def _reader(pack: ContentPack, case: Case, sessions: list[Session]) -> PdfReader:
    return PdfReader(io.BytesIO(render_case(pack, case, sessions, "pdf", UTC_TIME)))


def test_a_real_a4_pdf_with_the_font_embedded(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    reader = _reader(pack, case, sessions)
    assert len(reader.pages) >= 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in name for name in fonts)
    assert reader.metadata.title == f"Case {REF} (J.S.)"


def test_the_text_matches_the_case(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    pages = [page.extract_text() for page in _reader(pack, case, sessions).pages]
    text = "\n".join(pages)
    joined = " ".join(text.split())
    for key, value in PLAIN.items():
        assert value in joined, key
    for shown in HOSTILE_SHOWN.values():
        assert shown in joined, shown
    assert "\x1b" not in text
    for page in pages:
        assert page.startswith("OFFICIAL-SENSITIVE")
        assert f"of {len(pages)}" in page
    # Each session starts a page of its own.
    starts = [n for n, page in enumerate(pages) if "Session 1 — Tue 3 Mar 2026" in page]
    assert starts and "Session 2 — Tue 10 Mar 2026" in pages[-1] and starts[0] < len(pages) - 1
    assert "Session 1 —" not in pages[0]


def test_the_bundled_font_and_its_licence_are_in_the_package() -> None:
    assert (FONT_DIR / "DejaVuSans.ttf").stat().st_size > 500_000
    assert (FONT_DIR / "DejaVuSans-Bold.ttf").stat().st_size > 500_000
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
