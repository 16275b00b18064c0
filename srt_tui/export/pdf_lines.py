"""fpdf2's line breaking for plain paragraphs, in linear time, with exactly fpdf2's result.

fpdf2 (2.8.9) breaks a ``multi_cell`` into lines one character at a time, and before adding
each character it asks the line for its width, which sums the widths of every character
already on it: a line of ``n`` characters costs ``n²/2`` lookups, on top of a dozen method
calls per character. A 30-session case summary holds some 100,000 characters, and this was
nine tenths of the time of its PDF (about 2 s a case).

:class:`LinearLineBreak` replaces fpdf2's ``MultiLineBreak`` inside ``FPDF.multi_cell``
(:func:`install`). For a paragraph as this app's PDFs set it (one run of text in one
TrueType font, no text shaping, character spacing or stretching, no soft hyphen, word
wrapping) it walks the characters once, keeping the sum of the font's widths so far. Those
widths are integers (thousandths of an em), so the sums are exact, and every width it
compares or reports is computed with fpdf2's own expression, in fpdf2's order: the lines,
their widths and every byte of the PDF are the same as fpdf2's (``tests/export/
test_pdf_lines.py`` compares them on random and hostile text). Anything else goes to fpdf2's
own code. Only the fpdf2 version this was checked against is patched; with another one,
fpdf2 is left alone (slower, still right).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import fpdf
import fpdf.fpdf
from fpdf.enums import Align, WrapMode
from fpdf.errors import FPDFException
from fpdf.fonts import TTFFont
from fpdf.line_break import (
    BREAKING_SPACE_SYMBOLS_STR,
    FORM_FEED,
    NBSP,
    NEWLINE,
    SOFT_HYPHEN,
    SPACE,
    Fragment,
    MultiLineBreak,
    TextLine,
)
from fpdf.util import FloatTolerance

CHECKED_WITH = "2.8.9"


class LinearLineBreak(MultiLineBreak):
    """fpdf2's ``MultiLineBreak``, with :meth:`get_line` in linear time for a plain paragraph."""

    def __init__(self, fragments: Sequence[Fragment], *args: Any, **kwargs: Any) -> None:
        super().__init__(fragments, *args, **kwargs)
        self.plain = _is_plain(self)

    def get_line(self) -> TextLine | None:
        if not self.plain:
            return super().get_line()
        return _plain_line(self)


def install() -> bool:
    """Make ``FPDF.multi_cell`` use :class:`LinearLineBreak`; False if this fpdf2 is not the
    version checked (then nothing is changed)."""
    if fpdf.__version__ != CHECKED_WITH:
        return False
    fpdf.fpdf.MultiLineBreak = LinearLineBreak  # type: ignore[misc]
    return True


def uninstall() -> None:
    """Give ``FPDF.multi_cell`` fpdf2's own line breaking back (to compare the two)."""
    fpdf.fpdf.MultiLineBreak = MultiLineBreak  # type: ignore[misc]


def _is_plain(breaker: MultiLineBreak) -> bool:
    if len(breaker.fragments) != 1 or breaker.wrapmode != WrapMode.WORD:
        return False
    if breaker.skip_leading_spaces or breaker.first_line_indent:
        return False
    fragment = breaker.fragments[0]
    font = fragment.font
    return (
        type(fragment) is Fragment
        and type(font) is TTFFont
        and not font.is_symbol
        and not fragment.text_shaping_parameters
        and FloatTolerance.greater_than(fragment.font_size, 0)
        and fragment.char_spacing == 0
        and fragment.font_stretching == 100
        and all(len(character) == 1 for character in fragment.characters)
        and SOFT_HYPHEN not in fragment.characters
    )


def _plain_line(self: LinearLineBreak) -> TextLine | None:
    """``MultiLineBreak.get_line`` for one plain fragment (see the module docstring); the
    comments name the fpdf2 steps each part stands for."""
    forced_before = self.idx_last_forced_break
    self.idx_last_forced_break = None
    if self.fragment_index == len(self.fragments):
        return None
    fragment = self.fragments[0]
    characters = fragment.characters
    start = self.character_index
    if start >= len(characters):
        self.character_index, self.fragment_index = 0, 1
        return None
    font: TTFFont = fragment.font  # type: ignore[assignment]
    widths = font.cw  # a defaultdict, read as fpdf2 reads it (an unknown character: the default)
    size, k = fragment.font_size_pt, fragment.k
    if size > font.biggest_size_pt:  # what measuring a character does to the font
        font.biggest_size_pt = size
    # The first character sets the line's height and its width (the callback with that height).
    font_height = fragment.font_size
    line_max_width = self.get_width(font_height)
    max_width = line_max_width
    for margin in self.margins:
        max_width -= float(margin)
    height = font_height * self.line_height
    newline_align = Align.L if self.align == Align.J else self.align

    def line(end: int, total: int, spaces: int, align: Align, added: bool, line_height: float,
             trailing_nl: bool = False, trailing_form_feed: bool = False) -> TextLine:
        """``CurrentLine.manual_break`` of the characters from ``start`` to ``end``; ``added``:
        whether any character was added to the line (it then has a fragment, maybe emptied)."""
        self._is_first_line = False
        parts = [fragment.clone(characters=_line_text(characters, start, end), link=fragment.link)]
        return TextLine(
            fragments=parts if added else [],
            text_width=total * size * 0.001 / k if added else 0,
            number_of_spaces=spaces,
            align=align,
            height=line_height if added or trailing_nl or trailing_form_feed else 0,
            max_width=line_max_width,
            trailing_nl=trailing_nl,
            trailing_form_feed=trailing_form_feed,
            indent=0,
        )

    total = 0  # the sum of the widths on the line (CurrentLine.width, before scaling)
    spaces = 0
    space_at: tuple[int, int, int] | None = None  # the last breaking space: index, total, spaces
    index, end = start, len(characters)
    spaces_str, tolerance = BREAKING_SPACE_SYMBOLS_STR, FloatTolerance.TOLERANCE
    while index < end:
        character = characters[index]
        if character == NEWLINE or character == FORM_FEED:
            self.character_index = index + 1
            return line(index, total, spaces, newline_align, index > start, height,
                        trailing_nl=character == NEWLINE, trailing_form_feed=character == FORM_FEED)
        units = widths[ord(character)]
        # FloatTolerance.greater_than(line width + character width, max_width), inlined
        if (total * size * 0.001 / k + units * size * 0.001 / k) - max_width > tolerance:
            if character in spaces_str:  # a space at the end of a full line is dropped
                self.character_index = index + 1
                return line(index, total, spaces, self.align, index > start, height)
            if space_at is not None:  # CurrentLine.automatic_break at the last space
                at, total_before, spaces_before = space_at
                self.character_index = at + 1
                return line(at, total_before, spaces_before, self.align, True, height)
            if forced_before == (self.fragment_index, index):
                raise FPDFException("Not enough horizontal space to render a single character")
            self.idx_last_forced_break = (self.fragment_index, index)
            self.character_index = index
            return line(index, total, spaces, newline_align, index > start, height)
        # CurrentLine.add_character
        if character in spaces_str:
            space_at = (index, total, spaces)
            spaces += 1
        elif character == NBSP:
            units = widths[ord(SPACE)]  # added as a space, measured as NBSP above
            spaces += 1
        total += units
        index += 1
    self.character_index, self.fragment_index = 0, 1
    if total:  # fpdf2 returns the rest as a last line only if it has a width
        return line(index, total, spaces, newline_align, True, height)
    return None


def _line_text(characters: list[str], start: int, end: int) -> list[str]:
    """The characters of a line as fpdf2 stores them: a no-break space becomes a space."""
    part = characters[start:end]
    if NBSP in part:
        part = [SPACE if character == NBSP else character for character in part]
    return part


__all__ = ["CHECKED_WITH", "LinearLineBreak", "install", "uninstall"]
