"""Export a case for supervisors (Markdown, HTML) or for another laptop (JSON bundle), and
import a bundle back into the records.

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
from srt_tui.export.html import render_html
from srt_tui.export.markdown import render_markdown
from srt_tui.export.summary import build_summary
from srt_tui.records.model import Case
from srt_tui.records.progress import case_progress
from srt_tui.records.validation import clean_text

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore

# Export format -> file suffix.
FORMATS: dict[str, str] = {"md": ".md", "html": ".html", "json": ".json"}


class ExportError(Exception):
    """An export or import that cannot be done; the message is one user-facing sentence."""


def export_case(store: RecordStore, pack: ContentPack, ref: str, fmt: str, out_dir: Path) -> Path:
    """Write one case as ``fmt`` (md, html or json) to a new file in ``out_dir``; return its path."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {_line(fmt)!r}: choose md, html or json.")
    case = store.find_case(ref)
    if case is None:
        raise ExportError(f"No case with reference {_line(ref)}.")
    sessions = store.sessions(case.id)
    exported_at = datetime.now(UTC)
    if fmt == "json":
        text = dumps_bundle(pack, case, sessions, exported_at)
    else:
        summary = build_summary(
            pack, case, sessions, case_progress(pack, case, sessions), exported_at=exported_at
        )
        text = render_html(summary) if fmt == "html" else render_markdown(summary)
    stem = export_stem(case.ref, exported_at.astimezone().date())
    try:
        return write_new_file(Path(out_dir), stem, FORMATS[fmt], text.encode("utf-8"))
    except OSError as error:
        raise ExportError(
            f"Cannot write the export to {_line(str(out_dir))}: {_line(error.strerror or str(error))}."
        ) from error


def import_bundle(store: RecordStore, path: Path) -> Case:
    """Read a JSON case bundle and add its case and sessions to ``store``; return the case.

    A bundle that cannot be read or is not valid raises :class:`ExportError`; the store's
    ``RecordError`` (e.g. the reference already exists) passes through unchanged.
    """
    try:
        case, sessions = read_bundle(Path(path))
    except BundleError as error:
        raise ExportError(_line(str(error))) from None
    store.import_case(case, sessions)
    return store.get_case(case.id)


def _line(text: str) -> str:
    """Text safe to show in one line of a message: no escapes, no control characters."""
    return " ".join(clean_text(text).split())


__all__ = ["FORMATS", "ExportError", "export_case", "import_bundle"]
