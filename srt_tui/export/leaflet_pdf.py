"""A :class:`~srt_tui.export.leaflet.Leaflet` as an A4 PDF, on the case summary's PDF
document (fonts, character fallback), in large print when the leaflet asks for it."""

from __future__ import annotations

from srt_tui.export.leaflet import Leaflet
from srt_tui.export.pdf import FAMILY, REPLACEMENT, _Document

_BLUE = (29, 79, 145)
_MUTED = (60, 60, 60)


class _LeafletDocument(_Document):
    """The summary's document without its marking band unless the leaflet is marked."""

    def __init__(self, leaflet: Leaflet) -> None:
        self.leaflet = leaflet
        super().__init__(leaflet.title)

    def header(self) -> None:
        if self.leaflet.marked:
            super().header()

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 9)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self.safe(f"{self.leaflet.footer} · page {self.page_no()} of {{nb}}"), align="C")


def leaflet_pdf(leaflet: Leaflet) -> bytes:
    scale = 1.6 if leaflet.large else 1.0
    pdf = _LeafletDocument(leaflet)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.para(leaflet.title, 17 * scale, bold=True)
    pdf.para(leaflet.subtitle, 10 * scale, colour=_MUTED)
    for section in leaflet.sections:
        if pdf.will_page_break(30 * scale):
            pdf.add_page()
        pdf.ln(3 * scale)
        pdf.para(section.heading, 13 * scale, bold=True, colour=_BLUE)
        pdf.ln(1)
        if not section.items:
            pdf.para(section.empty, 10 * scale, colour=_MUTED)
        for item in section.items:
            if item.lead:
                pdf.para(f"• {item.lead}", 10 * scale, bold=True, indent=2)
            if item.text.strip():
                pdf.para(("" if item.lead else "• ") + item.text.strip("\n"), 10 * scale,
                         indent=7 if item.lead else 2)
            pdf.ln(1.2 * scale)
    if pdf.replaced:
        pdf.ln(3)
        pdf.para(f"Some characters (such as emoji) cannot be drawn in this PDF and show as {REPLACEMENT}.",
                 8.5 * scale, colour=_MUTED)
    return bytes(pdf.output())


__all__ = ["leaflet_pdf"]
