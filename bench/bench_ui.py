"""Case list filtering and opening a case, measured inside the real app driven by Pilot.

* Filtering: keys are pressed one at a time, with a typist's pause between them, into the
  filter of the case list. For each key the figure is the time from handing the key to the
  app until the first frame painted after the screen's ``_refill`` has run in which the case
  table has nothing left to repaint (a frame paints only what changed: one that shows only
  the typed letter, before the table's new lines, does not count; see :mod:`bench.frames`):
  the key handler, the Input, the filter itself, the table, layout, compositing and the
  terminal text. ``_refill`` alone is
  reported beside it, and the UI thread's CPU time over the same span.
* Opening a case: a second after the case list shows (see :func:`open_case_timings`), from
  ``app.open_case`` (what Enter on a row calls) until the first frame that shows the overview
  complete (details, every module's progress row and every session of the history), and the
  UI thread's CPU time over that span. Beside it: the store load
  and progress derivation alone, the work done in a worker before the screen is shown.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.frames import FrameClock
from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.progress import case_progress
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.widgets.case_table import CaseTable
from srt_tui.widgets.module_bars import ModuleBars
from srt_tui.widgets.session_table import SessionTable

SIZE = (120, 40)
TYPIST_GAP = 0.06  # seconds between keys: a quick typist
QUERIES = ("x100700", "j.b.", "crn-2023", "pr40")  # each typed, then erased key by key


def keystrokes(queries: tuple[str, ...], rounds: int) -> list[str]:
    """Each query typed and then erased, key by key, ``rounds`` times over."""
    keys: list[str] = []
    for _ in range(rounds):
        for query in queries:
            keys += list(query) + ["backspace"] * len(query)
    return keys


async def _settle(app: SrtApp, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@dataclass
class FilterTimings:
    """Seconds per keystroke: key to painted frame (wall clock, and the UI thread's CPU time),
    and inside ``_refill``."""

    to_frame: list[float] = field(default_factory=list)
    to_frame_cpu: list[float] = field(default_factory=list)
    in_refill: list[float] = field(default_factory=list)


async def filter_timings(data_dir: Path, pack: ContentPack, keys: list[str]) -> FilterTimings:
    app = SrtApp(RecordStore(data_dir), pack)
    timings = FilterTimings()
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        table = screen.query_one(CaseTable)
        refill = screen._refill
        refilled: list[float] = []

        def timed_refill(query: str) -> None:
            began = time.perf_counter()
            refill(query)
            ended = time.perf_counter()
            timings.in_refill.append(ended - began)
            refilled.append(ended)

        screen._refill = timed_refill  # type: ignore[method-assign]
        for key in keys:
            before = len(refilled)
            clock.expect(lambda: len(refilled) > before and not table._repaint_regions)
            pressed, pressed_cpu = time.perf_counter(), time.thread_time()
            await pilot.press(key)
            timings.to_frame.append(await clock.wait() - pressed)
            timings.to_frame_cpu.append(clock.cpu_at - pressed_cpu)
            await asyncio.sleep(TYPIST_GAP)
    return timings


@dataclass
class OpenTimings:
    """Seconds per case from ``open_case`` to the first frame showing the whole overview (wall
    clock), and the UI thread's CPU time over the same span (the case is read in a worker)."""

    to_frame: list[float] = field(default_factory=list)
    to_frame_cpu: list[float] = field(default_factory=list)


async def open_case_timings(data_dir: Path, pack: ContentPack, case_ids: list[str]) -> OpenTimings:
    app = SrtApp(RecordStore(data_dir), pack)
    timings = OpenTimings()
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await _settle(app, pilot)
        # A practitioner opens the first case a second or more after the list shows; by then
        # the app has made the overview screen while idle (app.PREPARE_OVERVIEW_AFTER). The
        # tmux row "Enter to overview" opens one sooner after start.
        await pilot.pause(app.PREPARE_OVERVIEW_AFTER + 0.5)
        await _settle(app, pilot)
        for case_id in case_ids:
            clock.expect(lambda case_id=case_id: _overview_shown(app, case_id))
            began, began_cpu = time.perf_counter(), time.thread_time()
            app.open_case(case_id)
            timings.to_frame.append(await clock.wait() - began)
            timings.to_frame_cpu.append(clock.cpu_at - began_cpu)
            await _settle(app, pilot)
            await pilot.press("escape")
            await _settle(app, pilot)
    return timings


def _overview_shown(app: SrtApp, case_id: str) -> bool:
    screen = app.screen
    if not isinstance(screen, CaseOverviewScreen) or screen.case_id != case_id or screen.view is None:
        return False
    table = screen.query_one("#sessions", SessionTable)
    return (
        screen.query_one(ModuleBars).modules == screen.view.progress.modules
        and table.row_count == max(1, len(screen.view.sessions))
    )


def load_timings(data_dir: Path, pack: ContentPack, case_ids: list[str]) -> list[float]:
    """Seconds for what the overview's worker does: load the case and sessions, derive progress."""
    store = RecordStore(data_dir)
    timings = []
    for case_id in case_ids:
        began = time.perf_counter()
        case = store.get_case(case_id)
        sessions = store.sessions(case_id)
        case_progress(pack, case, sessions)
        timings.append(time.perf_counter() - began)
    return timings


def run_filter(data_dir: Path, pack: ContentPack, keys: list[str]) -> FilterTimings:
    return asyncio.run(filter_timings(data_dir, pack, keys))


def run_open_case(data_dir: Path, pack: ContentPack, case_ids: list[str]) -> OpenTimings:
    return asyncio.run(open_case_timings(data_dir, pack, case_ids))
