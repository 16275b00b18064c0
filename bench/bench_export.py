"""Exports: one case in each format, every case as HTML, and a batch of cases as PDF.

One case is timed through ``export_case``, what the app's export key and ``srt-tui export``
call: find the case by reference, load it, render it, write a new file atomically. The
whole caseload is timed through ``export_all``, what the caseload screen's "export every
case" and ``srt-tui export --all`` call, with a progress callback like the app's (it
counts calls; the app's moves a progress bar). Every export adds to the audit log, so they
run on :func:`scratch_records`, never on the cached caseload itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from srt_tui.content.model import ContentPack
from srt_tui.export import FORMATS, export_case
from srt_tui.export.batch import export_all
from srt_tui.records.audit import AUDIT_NAME
from srt_tui.records.store import CaseSummary, RecordStore


@contextmanager
def scratch_records(data_dir: Path) -> Iterator[Path]:
    """A records folder to export from without touching ``data_dir`` (every export adds to
    the audit log): its case files and index are hard-linked (copied where links are not
    possible; nothing here writes them), its audit log copied."""
    with tempfile.TemporaryDirectory(prefix="srt-bench-records-") as scratch:
        copy = Path(scratch) / "records"
        (copy / "cases").mkdir(parents=True)
        for source in [data_dir / "index.json", *sorted((data_dir / "cases").glob("*.json"))]:
            target = copy / source.relative_to(data_dir)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
        if (data_dir / AUDIT_NAME).exists():
            shutil.copy2(data_dir / AUDIT_NAME, copy / AUDIT_NAME)
        yield copy


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
    return all_cases(store, pack, "html")


def all_cases(store: RecordStore, pack: ContentPack, fmt: str, limit: int | None = None) -> tuple[float, int, int]:
    """Seconds to export every case (or the first ``limit``) as ``fmt`` with ``export_all``,
    files written, and progress reports received."""
    if limit is not None:
        listed = store.list_cases()[:limit]
        store = _Only(store, listed)  # type: ignore[assignment]
    reports = 0

    def progress(done: int, total: int, label: str) -> None:
        nonlocal reports
        reports += 1

    with tempfile.TemporaryDirectory(prefix="srt-bench-export-") as out:
        began = time.perf_counter()
        result = export_all(store, pack, fmt, Path(out), on_progress=progress)
        seconds = time.perf_counter() - began
    if result.failures:
        raise RuntimeError(f"export_all failed for some cases: {result.failures[0]}")
    return seconds, len(result.written), reports


class _Only:
    """A store that lists only some of its cases (a batch export of part of the caseload)."""

    def __init__(self, store: RecordStore, listed: list[CaseSummary]) -> None:
        self._store, self._listed = store, listed

    def list_cases(self) -> list[CaseSummary]:
        return list(self._listed)

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)
