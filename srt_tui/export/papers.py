"""Write a participant handout or a session plan of one case to a new file (HTML, PDF or
Markdown), from the command line or a screen's worker. Failures are :class:`ExportError`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from srt_tui.export import ExportError, one_line, write_export
from srt_tui.export.filenames import safe_stem
from srt_tui.export.handout import build_handout, handout_session
from srt_tui.export.leaflet import FORMATS, render_leaflet
from srt_tui.export.plan import build_plan
from srt_tui.records.audit import record_event

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore


def export_handout(store: RecordStore, pack: ContentPack, ref: str, fmt: str, out_dir: Path) -> Path:
    """The handout of the case's latest ended session (else its latest). The file is named
    after the alias and the session's day, never the case reference."""
    _check(fmt)
    case, sessions = _case(store, ref)
    session = handout_session(sessions)
    if session is None:
        raise ExportError(f"Case {one_line(ref)} has no sessions yet: there is nothing to hand out.")
    data = render_leaflet(build_handout(pack, case, session), fmt)
    record_event(store.data_dir, "exported", case_id=case.id, format=f"handout-{fmt}")
    return write_export(Path(out_dir), f"handout-{safe_stem(case.alias)}-{session.date.isoformat()}",
                        FORMATS[fmt], data)


def export_plan(store: RecordStore, pack: ContentPack, ref: str, fmt: str, out_dir: Path,
                day: date | None = None) -> Path:
    """The one-page plan of the case's next session."""
    _check(fmt)
    case, sessions = _case(store, ref)
    data = render_leaflet(build_plan(pack, case, sessions), fmt)
    record_event(store.data_dir, "exported", case_id=case.id, format=f"plan-{fmt}")
    return write_export(Path(out_dir), f"plan-{safe_stem(case.ref)}-{(day or date.today()).isoformat()}",
                        FORMATS[fmt], data)


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {one_line(fmt)!r}: choose {', '.join(FORMATS)}.")


def _case(store: RecordStore, ref: str):  # -> tuple[Case, list[Session]]
    case = store.find_case(ref)
    if case is None:
        raise ExportError(f"No case with reference {one_line(ref)}.")
    return case, store.sessions(case.id)


__all__ = ["export_handout", "export_plan"]
