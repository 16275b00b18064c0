"""Export a case for supervisors (HTML, PDF, Markdown, CSV) or for another laptop (JSON
bundle, which also carries the summary), and import a bundle back into the records.

Every format is rendered from one :class:`~srt_tui.export.summary.CaseSummary`, so the facts
cannot differ between them. Batch export of every case is :mod:`srt_tui.export.batch`; the
caseload report is :mod:`srt_tui.export.caseload`.

Exports are written with :func:`srt_tui.atomic.write_new_file`: a new file every time,
``case-<ref>-<YYYY-MM-DD>.<ext>`` (``-2``, ``-3``... when the name is taken), never
replacing one. Every failure a user can cause is an :class:`ExportError` (or the store's
``RecordError``) whose message is one sentence.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from srt_tui.atomic import write_new_file
from srt_tui.export.bundle import BundleError, dumps_bundle, read_bundle
from srt_tui.export.filenames import export_stem
from srt_tui.export.summary import build_summary
from srt_tui.records.audit import record_event
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import case_progress
from srt_tui.records.validation import one_line

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore

# Export format -> file suffix, in the order formats are offered.
FORMATS: dict[str, str] = {
    "html": ".html", "pdf": ".pdf", "md": ".md", "csv": ".csv", "json": ".json",
}


class ExportError(Exception):
    """An export or import that cannot be done; the message is one user-facing sentence."""


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {one_line(fmt)!r}: choose {', '.join(FORMATS)}.")


def render_case(
    pack: ContentPack, case: Case, sessions: list[Session], fmt: str, exported_at: datetime
) -> bytes:
    """One case in ``fmt`` as the bytes of its file."""
    check_format(fmt)
    summary = build_summary(pack, case, sessions, case_progress(pack, case, sessions),
                            exported_at=exported_at)
    if fmt == "json":
        return dumps_bundle(pack, case, sessions, exported_at, summary).encode("utf-8")
    if fmt == "pdf":
        from fpdf.errors import FPDFException  # fpdf2 loads only when a PDF is wanted

        from srt_tui.export.pdf import render_pdf

        try:
            return render_pdf(summary)
        except FPDFException as error:
            raise ExportError(f"Cannot lay out the PDF of case {one_line(case.ref)}: {one_line(str(error))}.") from None
    if fmt == "csv":
        from srt_tui.export.case_csv import render_case_csv

        return render_case_csv(summary)
    if fmt == "html":
        from srt_tui.export.html import render_html

        return render_html(summary).encode("utf-8")
    from srt_tui.export.markdown import render_markdown

    return render_markdown(summary).encode("utf-8")


def write_case(
    pack: ContentPack, case: Case, sessions: list[Session], fmt: str, out_dir: Path,
    exported_at: datetime | None = None,
) -> Path:
    """Render one case and write it to a new file in ``out_dir``; return its path."""
    moment = exported_at or datetime.now(UTC)
    data = render_case(pack, case, sessions, fmt, moment)
    stem = export_stem(case.ref, moment.astimezone().date())
    return write_export(Path(out_dir), stem, FORMATS[fmt], data)


def write_export(folder: Path, stem: str, suffix: str, data: bytes, *, sync_folder: bool = True) -> Path:
    """Write a new file (never replacing one); a failure is an :class:`ExportError`.
    ``sync_folder``: see :func:`srt_tui.atomic.atomic_write_bytes`."""
    try:
        return write_new_file(folder, stem, suffix, data, sync_folder=sync_folder)
    except OSError as error:
        raise ExportError(
            f"Cannot write the export to {one_line(str(folder))}: {one_line(error.strerror or str(error))}."
        ) from error


def export_case(store: RecordStore, pack: ContentPack, ref: str, fmt: str, out_dir: Path) -> Path:
    """Write one case as ``fmt`` (a key of :data:`FORMATS`) to a new file in ``out_dir``."""
    check_format(fmt)
    case = store.find_case(ref)
    if case is None:
        raise ExportError(f"No case with reference {one_line(ref)}.")
    sessions = store.sessions(case.id)
    record_event(store.data_dir, "exported", case_id=case.id, format=fmt)  # logged first, or refused
    return write_case(pack, case, sessions, fmt, out_dir)


def import_bundle(store: RecordStore, path: Path) -> Case:
    """Read a JSON case bundle and add its case and sessions to ``store``; return the case.

    A bundle that cannot be read or is not valid raises :class:`ExportError`; the store's
    ``RecordError`` (e.g. the reference already exists) passes through unchanged.
    """
    try:
        case, sessions = read_bundle(Path(path))
    except BundleError as error:
        raise ExportError(one_line(str(error))) from None
    store.import_case(case, sessions)
    return store.get_case(case.id)


__all__ = [
    "FORMATS",
    "ExportError",
    "check_format",
    "export_case",
    "import_bundle",
    "one_line",
    "render_case",
    "write_case",
    "write_export",
]
