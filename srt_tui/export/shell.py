"""The shell side of batch export and the caseload report: a progress bar on stderr, Ctrl+C
to stop cleanly, paths on stdout, one line per failure and an exit code.

Exit codes: 0 all done; 1 something failed (each failure listed); 130 stopped with Ctrl+C
(what was written before is kept and listed in the summary).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from srt_tui.export.batch import export_all
from srt_tui.export.caseload import Filters, build_caseload
from srt_tui.export.jobs import Cancelled
from srt_tui.export.textbar import TextProgress, stop_on_ctrl_c

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_STOPPED = 130


def _say(message: str) -> None:
    print(f"srt-tui: {message}", file=sys.stderr)


def run_export_all(store: RecordStore, pack: ContentPack, fmt: str, out_dir: Path) -> int:
    bar = TextProgress(sys.stderr, "exporting")
    with stop_on_ctrl_c() as stop:
        try:
            result = export_all(store, pack, fmt, out_dir, on_progress=bar.update, should_stop=stop.is_set)
        finally:
            bar.finish()
    for failure in result.failures:
        _say(f"failed: {failure}")
    print(result.folder)
    _say(result.summary())
    if result.cancelled:
        return EXIT_STOPPED
    return EXIT_FAILED if result.failures else EXIT_OK


def run_report(
    store: RecordStore, pack: ContentPack, filters: Filters, fmt: str, out_dir: Path
) -> int:
    from srt_tui.export.report import write_report

    bar = TextProgress(sys.stderr, "reading cases")
    with stop_on_ctrl_c() as stop:
        try:
            report = build_caseload(store, pack, filters, on_progress=bar.update, should_stop=stop.is_set)
        except Cancelled:
            bar.finish()
            _say("stopped: no report written")
            return EXIT_STOPPED
        bar.finish()
    path = write_report(report, fmt, out_dir, filters, date.today())
    for problem in report.problems:
        _say(f"left out, could not be read: {problem}")
    print(path)
    noun = "case" if report.total == 1 else "cases"
    _say(f"caseload report of {report.total} {noun} written")
    return EXIT_FAILED if report.problems else EXIT_OK


__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_STOPPED", "run_export_all", "run_report"]
