"""Collection is paused while the app starts and back on, with start-up's objects frozen,
once the first screen shows its cases (srt_tui/heap.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from srt_tui import heap
from srt_tui.app import SrtApp
from srt_tui.cli import main
from srt_tui.content.loader import load_pack
from srt_tui.paths import demo_pack_dir
from tests.screens.seed import seeded_store


@pytest.fixture
def fresh_heap(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """As in a new process: nothing frozen or paused yet; the collector on again afterwards."""
    monkeypatch.setattr(heap, "_frozen", False)
    monkeypatch.setattr(heap, "_kept_frozen", False)
    monkeypatch.setattr(heap, "_paused", False)
    monkeypatch.setattr(heap, "_after_start_up", [])
    yield
    gc.enable()


async def test_collection_resumes_once_the_case_list_shows_its_cases(tmp_path: Path, fresh_heap: None) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), load_pack(demo_pack_dir()))
    frozen_before = gc.get_freeze_count()
    heap.pause_collection()
    assert not gc.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen_before


def test_a_start_that_fails_turns_collection_back_on(tmp_path: Path, fresh_heap: None) -> None:
    (tmp_path / "pack").mkdir()  # no toolkit.toml: the app refuses to start
    assert main(["--data-dir", str(tmp_path / "data"), "--content", str(tmp_path / "pack")]) == 1
    assert gc.isenabled()


def test_collection_left_off_by_someone_else_stays_off(fresh_heap: None) -> None:
    gc.disable()
    heap.pause_collection()
    heap.resume_collection()
    assert not gc.isenabled()


def test_work_waiting_for_the_end_of_start_up_runs_then_and_once(fresh_heap: None) -> None:
    ran: list[str] = []
    heap.after_start_up(lambda: ran.append("backup"))
    heap.pause_collection()
    assert ran == []
    heap.freeze_start_up_objects()
    assert ran == ["backup"] and gc.isenabled()
    heap.freeze_start_up_objects()  # the case list shows its cases again on every return to it
    assert ran == ["backup"]


def _frozen(thing: object) -> bool:
    """Whether ``thing`` is in the collector's permanent generation (gc.get_objects() lists
    every tracked object but those)."""
    return not any(tracked is thing for tracked in gc.get_objects())


async def test_the_first_case_overview_is_frozen_with_what_lives_on_once_it_shows(
        tmp_path: Path, fresh_heap: None) -> None:
    from srt_tui.screens.case_overview import CaseOverviewScreen

    app = SrtApp(seeded_store(tmp_path / "data"), load_pack(demo_pack_dir()))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert heap._frozen and not heap._kept_frozen
        app.open_case("case-first")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, CaseOverviewScreen)
        assert heap._kept_frozen and _frozen(screen)
        await pilot.press("escape")
        later = ["made after"]
        app.open_case("case-second")  # the kept screen again: nothing more is frozen
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert app.screen is screen and not _frozen(later)


def test_nothing_is_frozen_again_before_start_up_ended(fresh_heap: None) -> None:
    before = gc.get_freeze_count()
    heap.freeze_kept_objects()
    assert gc.get_freeze_count() == before and not heap._kept_frozen
