"""The bundled fonts parsed once per process; each PDF gets its own copy of them.

``FPDF.add_font`` parses a TrueType font with fontTools (the cmap, the metrics, a width for
each of DejaVu Sans's 6,000 characters) for every document: about 50 ms a font. A parsed
font cannot simply be shared between documents: it records which characters its document
used (the subset to embed), and writing the PDF subsets its fontTools font in place. So the
first document parses each font with fpdf2's own ``add_font`` (into a document of its own,
never written), and every document then gets a shallow copy of that font where all a
document changes is new: the subset map, the missing glyphs, the largest size used, the
width table (fpdf2 adds defaults to it) and a freshly opened fontTools font (lazy: tables
are read as output needs them). The widths, cmap, glyph ids and descriptor never change and
are shared. Checked against fpdf2 2.8.9 (the same bytes as ``add_font``;
``tests/export/test_pdf_speed.py``); with another version, ``add_font`` is called as usual.
"""

from __future__ import annotations

import copy
import threading
from collections import defaultdict
from pathlib import Path

import fpdf
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from srt_tui.export.pdf_lines import CHECKED_WITH

_PARSED: dict[tuple[Path, str, str], TTFFont | None] = {}
_LOCK = threading.Lock()


def add_bundled_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)``, parsing the file only once per process."""
    parsed = _parsed(family, style, path) if fpdf.__version__ == CHECKED_WITH else None
    if parsed is None:
        pdf.add_font(family, style, path)
        return
    font = copy.copy(parsed)
    font.i = len(pdf.fonts) + 1
    font.ttfont = ttLib.TTFont(parsed.ttffile, recalcTimestamp=False,
                               fontNumber=parsed.collection_font_number, lazy=True)
    font.cw = defaultdict(parsed.cw.default_factory, parsed.cw)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def _parsed(family: str, style: str, path: Path) -> TTFFont | None:
    """The font as fpdf2 parses it, or None if a copy would not be the same as parsing it
    again (a colour font, or one to which fpdf2 adds a glyph)."""
    with _LOCK:
        key = (path, family, style)
        if key not in _PARSED:
            scratch = FPDF()
            scratch.add_font(family, style, path)
            (font,) = scratch.fonts.values()
            plain = isinstance(font, TTFFont) and font.color_font is None and not font.is_compressed
            _PARSED[key] = font if plain and ".notdef" in font.ttfont.getGlyphOrder() else None
        return _PARSED[key]


__all__ = ["add_bundled_font"]
