"""Write a caseload report to a new file: ``caseload-<YYYY-MM-DD>.html`` or ``.csv`` (with
the practitioner's name when the report is filtered to one, e.g.
``caseload-A_Smith-2026-03-03.csv``), never replacing an existing file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from srt_tui.export import ExportError, one_line, write_export
from srt_tui.export.caseload import CaseloadReport, Filters
from srt_tui.export.caseload_csv import render_caseload_csv
from srt_tui.export.caseload_html import render_caseload_html
from srt_tui.export.filenames import safe_stem

REPORT_FORMATS: dict[str, str] = {"html": ".html", "csv": ".csv"}


def render_report(report: CaseloadReport, fmt: str) -> bytes:
    if fmt == "html":
        return render_caseload_html(report).encode("utf-8")
    if fmt == "csv":
        return render_caseload_csv(report)
    raise ExportError(f"Unknown report format {one_line(fmt)!r}: choose html or csv.")


def report_stem(filters: Filters, day: date) -> str:
    who = f"{safe_stem(filters.practitioner)}-" if filters.practitioner and filters.practitioner.strip() else ""
    return f"caseload-{who}{day.isoformat()}"


def write_report(report: CaseloadReport, fmt: str, out_dir: Path, filters: Filters, day: date) -> Path:
    data = render_report(report, fmt)
    return write_export(Path(out_dir), report_stem(filters, day), REPORT_FORMATS[fmt], data)


__all__ = ["REPORT_FORMATS", "render_report", "report_stem", "write_report"]
