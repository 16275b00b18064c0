"""Choose the format of a handout or a session plan: HTML, PDF or Markdown."""

from __future__ import annotations

from srt_tui.dialogs.export_format import ExportFormatDialog

# Keys are srt_tui.export.leaflet.FORMATS, in the same order.
LEAFLET_LABELS = {
    "html": "HTML (opens in a browser; print it from there)",
    "pdf": "PDF (A4, to print or keep)",
    "md": "Markdown (plain text, for a word processor)",
}


class LeafletFormatDialog(ExportFormatDialog):
    """The export format dialog, offering only the formats a leaflet has."""

    LABELS = LEAFLET_LABELS
