"""Exports: one case in each format, and every case as HTML.

One case is timed through ``export_case``, what the app's export key and ``srt-tui export``
call: find the case by reference, load it, render it, write a new file atomically. The
whole caseload is timed through ``export_all``, what the caseload screen's "export every
case" and ``srt-tui export --all`` call, with a progress callback like the app's (it
counts calls; the app's moves a progress bar).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from srt_tui.content.model import ContentPack
from srt_tui.export import FORMATS, export_case
from srt_tui.export.batch import export_all
from srt_tui.records.store import RecordStore


def one_case(store: RecordStore, pack: ContentPack, refs: list[str]) -> dict[str, list[float]]:
    """Seconds per export of each case in ``refs``, for every format in ``FORMATS``."""
    timings: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
    with tempfile.TemporaryDirectory(prefix="srt-bench-export-") as out:
        for ref in refs:
            for fmt in FORMATS:
                began = time.perf_counter()
                export_case(store, pack, ref, fmt, Path(out))
                timings[fmt].append(time.perf_counter() - began)
    return timings


def all_cases_html(store: RecordStore, pack: ContentPack) -> tuple[float, int, int]:
    """Seconds to export every case as HTML, files written, and progress reports received."""
    reports = 0

    def progress(done: int, total: int, label: str) -> None:
        nonlocal reports
        reports += 1

    with tempfile.TemporaryDirectory(prefix="srt-bench-export-") as out:
        began = time.perf_counter()
        result = export_all(store, pack, "html", Path(out), on_progress=progress)
        seconds = time.perf_counter() - began
    if result.failures:
        raise RuntimeError(f"export_all failed for some cases: {result.failures[0]}")
    return seconds, len(result.written), reports
