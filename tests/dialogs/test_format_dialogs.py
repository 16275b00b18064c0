"""The format dialogs offer exactly the formats the exporters write, in their order."""

from __future__ import annotations

from srt_tui.dialogs.export_format import ExportFormatDialog
from srt_tui.dialogs.leaflet_format import LeafletFormatDialog
from srt_tui.export import FORMATS
from srt_tui.export.leaflet import FORMATS as LEAFLET_FORMATS


def test_each_dialog_offers_what_its_exporter_writes() -> None:
    assert list(ExportFormatDialog.LABELS) == list(FORMATS)
    assert list(LeafletFormatDialog.LABELS) == list(LEAFLET_FORMATS)
