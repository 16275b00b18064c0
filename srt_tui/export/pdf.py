"""Render a :class:`CaseSummary` as a real PDF (A4) with fpdf2, from the same view model as
every other format.

Layout follows the HTML page: the marking on every page, an overview with progress per
module drawn as bars, the case details, then each session on a new page. Text is set in the
bundled DejaVu Sans (see ``fonts/LICENSE``), which covers Latin, Greek, Cyrillic, Hebrew,
Arabic and many symbols; fpdf2 lays out right-to-left runs in visual order. A character the
font cannot draw (most emoji) is shown as U+FFFD, and a note at the end says so and points
to the HTML export, which shows it; invisible format characters the font lacks (joiners,
variation selectors) are dropped. Nothing in the text is interpreted: fpdf2 gets it as
plain strings, never as markup.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from srt_tui.export import pdf_lines
from srt_tui.export.pdf_fonts import add_bundled_font

from srt_tui.export.summary import (
    CLIPS_HEADING,
    HANDLING,
    MARKING,
    NO_CLIPS,
    NONE_RECORDED,
    AmendmentView,
    CaseSummary,
    Detail,
    ExerciseView,
    SessionView,
)

pdf_lines.install()  # line breaking in linear time (the same lines, the same bytes)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
REPLACEMENT = "\ufffd"

_INK = (27, 27, 27)
_MUTED = (74, 74, 74)
_BLUE = (29, 79, 145)
_LIGHT = (143, 169, 204)
_REST = (227, 232, 239)
_BAND = (255, 244, 214)

_LABEL_W = 42  # mm, the label column of label/value lines
_LINE = 5.2  # mm per line of body text


class _Document(FPDF):
    """A4 pages with the marking at the top and the page number at the bottom."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.doc_title = title
        self.replaced = False
        self.set_margins(16, 18, 16)
        self.set_auto_page_break(auto=True, margin=18)
        add_bundled_font(self, FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        add_bundled_font(self, FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.covered = set(self.fonts["dejavu"].cmap) & set(self.fonts["dejavuB"].cmap)
        self.set_title(self.safe(title))
        self.set_creator("srt-tui")
        self.set_lang("en-GB")

    def safe(self, text: str) -> str:
        """``text`` with what the font cannot draw replaced (see the module docstring)."""
        out = []
        for char in text.replace("\t", "    "):
            if char == "\n" or ord(char) in self.covered:
                out.append(char)
            elif unicodedata.category(char) in ("Cf", "Mn", "Me"):
                continue
            else:
                out.append(REPLACEMENT)
                self.replaced = True
        return "".join(out)

    def header(self) -> None:
        self.set_font(FAMILY, "B", 8)
        self.set_fill_color(*_BAND)
        self.set_text_color(*_INK)
        self.cell(0, 6, f"{MARKING}  ·  {HANDLING}", border=1, align="C", fill=True,
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self.safe(f"{MARKING} · {self.doc_title} · page {self.page_no()} of {{nb}}"),
                  align="C")

    # -- building blocks --------------------------------------------------------------------

    def para(self, value: str, size: float = 10, bold: bool = False, colour: tuple[int, int, int] = _INK,
             indent: float = 0) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.5 + 0.2, self.safe(value), align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, value: str) -> None:
        if self.will_page_break(22):
            self.add_page()
        self.ln(4)
        self.para(value, 13, bold=True, colour=_BLUE)
        self.set_draw_color(*_BLUE)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(3)

    def subheading(self, value: str) -> None:
        if self.will_page_break(16):
            self.add_page()
        self.ln(2)
        self.para(value, 10.5, bold=True)
        self.ln(0.5)

    def pair(self, label: str, value: str) -> None:
        """``Label:`` in a left column, the value (any length, any number of lines) beside it."""
        if self.will_page_break(2 * _LINE):
            self.add_page()
        self.set_font(FAMILY, "B", 9.5)
        self.set_text_color(*_INK)
        self.cell(_LABEL_W, _LINE, self.safe(f"{label}:"))
        self.set_font(FAMILY, "", 9.5)
        shown = value.strip("\n") if value.strip() else NONE_RECORDED
        self.multi_cell(0, _LINE, self.safe(shown), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.6)

    def bar(self, label: str, done: int, skipped: int, total: int) -> None:
        """One module: its name, a drawn bar (done dark, not relevant light) and the numbers."""
        if self.will_page_break(8):
            self.add_page()
        x, y = self.l_margin, self.get_y()
        self.set_font(FAMILY, "", 9.5)
        self.set_text_color(*_INK)
        self.cell(52, 6, self.safe(label if len(label) <= 30 else label[:29] + "…"))
        width, left = 60.0, x + 52
        self.set_fill_color(*_REST)
        self.rect(left, y + 1.2, width, 3.6, style="F")
        for count, colour in ((done, _BLUE), (skipped, _LIGHT)):
            if count > 0 and total > 0:
                part = width * min(count, total) / total
                self.set_fill_color(*colour)
                self.rect(left, y + 1.2, part, 3.6, style="F")
                left += part
        self.set_x(x + 52 + width + 4)
        self.cell(0, 6, f"{done} done, {skipped} not relevant, of {total}",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(summary: CaseSummary) -> bytes:
    pdf = _Document(summary.title)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.para(summary.title, 17, bold=True)
    pdf.para(
        f"Case summary exported {summary.exported_at} by srt-tui {summary.app_version}. "
        f"Content: {summary.pack}.\n{summary.timezone_note}",
        8.5, colour=_MUTED,
    )
    _overview(pdf, summary)
    pdf.heading("Case details")
    for detail in summary.details:
        pdf.pair(detail.label, detail.value)
    if summary.sessions:
        pdf.add_page()  # each session starts a page; the first one under the section heading
    pdf.heading("Sessions")
    if not summary.sessions:
        pdf.para("No sessions recorded.", colour=_MUTED)
    for number, session in enumerate(summary.sessions):
        if number:
            pdf.add_page()
        _session(pdf, session)
    if pdf.replaced:
        pdf.ln(4)
        pdf.para(
            f"Some characters (such as emoji) cannot be drawn in this PDF and show as {REPLACEMENT}. "
            "The HTML and Markdown exports of this case show them as typed.",
            8.5, colour=_MUTED,
        )
    return bytes(pdf.output())


def _overview(pdf: _Document, summary: CaseSummary) -> None:
    pdf.heading("Overview")
    for fact in summary.overview.facts:
        pdf.pair(fact.label, fact.value)
    pdf.subheading("Progress per module")
    for row in summary.modules:
        pdf.bar(row.title, row.done, row.not_relevant, row.total)
    pdf.para(
        f"All modules: {summary.done} done, {summary.not_relevant} not relevant, of {summary.total}. "
        "Dark: done; light: skipped as not relevant.",
        8.5, colour=_MUTED,
    )
    pdf.subheading("Skipped as not relevant")
    if not summary.overview.skips:
        pdf.para("None.", 9.5, colour=_MUTED)
    for skip in summary.overview.skips:
        when = f" ({skip.date})" if skip.date else ""
        pdf.para(f"• {skip.exercise}{when}: {skip.reason}", 9.5, indent=2)


def _session(pdf: _Document, session: SessionView) -> None:
    pdf.para(session.heading, 12.5, bold=True)
    if not session.ended:
        pdf.para("This session has not been ended: its record may still change.", 9.5, bold=True,
                 colour=(138, 75, 0))
    pdf.subheading("Exercises")
    if not session.exercises:
        pdf.para("No exercises recorded.", 9.5, colour=_MUTED)
    for exercise in session.exercises:
        _exercise(pdf, exercise)
    pdf.subheading(CLIPS_HEADING)
    if not session.clips:
        pdf.para(NO_CLIPS, 9.5, colour=_MUTED)
    for clip in session.clips:
        pdf.para(f"• {clip.line}", 9.5, indent=2)
    for field in session.fields:
        pdf.subheading(field.label)
        _body(pdf, field.value)
    pdf.subheading("Amendments")
    if not session.amendments:
        pdf.para("No amendments.", 9.5, colour=_MUTED)
    for number, amendment in enumerate(session.amendments, start=1):
        _amendment(pdf, number, amendment)


def _exercise(pdf: _Document, exercise: ExerciseView) -> None:
    if pdf.will_page_break(14):
        pdf.add_page()
    module = f" ({exercise.module})" if exercise.module else ""
    pdf.para(f"{exercise.id} {exercise.title}{module} — {exercise.outcome}", 10, bold=True)
    rows: list[Detail] = []
    if exercise.not_relevant or exercise.skip_reason:
        rows.append(Detail("Reason for skipping", exercise.skip_reason))
    rows += [Detail(a.question, a.answer or "(not answered)") for a in exercise.answers]
    if exercise.notes:
        rows.append(Detail(exercise.notes_label, exercise.notes))
    for row in rows:
        pdf.para(row.label, 9.5, bold=True, indent=4)
        _body(pdf, row.value, indent=8)
    pdf.ln(1.5)


def _amendment(pdf: _Document, number: int, amendment: AmendmentView) -> None:
    if pdf.will_page_break(24):
        pdf.add_page()
    by = f" by {amendment.by}" if amendment.by else ""
    pdf.para(f"Amendment {number} — {amendment.at}{by}: {amendment.field}", 9.5, bold=True)
    pdf.pair("Reason", amendment.reason)
    pdf.pair("Before", amendment.before)
    pdf.pair("After", amendment.after)
    pdf.ln(1)


def _body(pdf: _Document, value: str, indent: float = 0) -> None:
    if value.strip():
        pdf.para(value.strip("\n"), 9.5, indent=indent)
    else:
        pdf.para(NONE_RECORDED, 9.5, colour=_MUTED, indent=indent)


__all__ = ["FONT_DIR", "REPLACEMENT", "render_pdf"]
