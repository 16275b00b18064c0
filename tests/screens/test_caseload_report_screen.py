"""The caseload report screen, driven with Pilot through the real app: counts and cases,
filters, saving the report, batch export with progress, and Escape stopping a running job."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.caseload_report import CaseloadReportScreen
from tests.screens.seed import seeded_store


class GatedStore:
    """The real store, except that once armed, the next case read (``get_case`` for the
    report, ``read_case_file`` for a batch export) waits for the test to open the gate: a job
    is then reliably caught in the middle."""

    def __init__(self, store: RecordStore) -> None:
        self._store = store
        self.armed = False
        self.reached = threading.Event()
        self.gate = threading.Event()

    def _wait_if_armed(self) -> None:
        if self.armed:
            self.armed = False
            self.reached.set()
            assert self.gate.wait(timeout=30), "the test never opened the gate"

    def get_case(self, case_id: str) -> Any:
        self._wait_if_armed()
        return self._store.get_case(case_id)

    def read_case_file(self, case_id: str) -> Any:
        self._wait_if_armed()
        return self._store.read_case_file(case_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


@pytest.fixture
def gated(tmp_path: Path) -> GatedStore:
    return GatedStore(seeded_store(tmp_path / "data"))


@pytest.fixture
def report_app(tmp_path: Path, pack: ContentPack, gated: GatedStore) -> SrtApp:
    return SrtApp(gated, pack, export_dir=tmp_path / "exports")  # type: ignore[arg-type]


async def _settle(app: SrtApp, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _open(app: SrtApp, pilot) -> CaseloadReportScreen:
    await _settle(app, pilot)
    await pilot.press("ctrl+r")
    await _settle(app, pilot)
    assert isinstance(app.screen, CaseloadReportScreen)
    return app.screen


async def _wait_for(event: threading.Event, pilot) -> None:
    for _ in range(300):
        if event.is_set():
            return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("the job never reached the gate")


def _status(screen: CaseloadReportScreen) -> str:
    return str(screen.query_one("#status", Static).render())


async def test_ctrl_r_opens_the_report_with_counts_and_cases(report_app: SrtApp) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        screen = await _open(report_app, pilot)
        counts = screen.query_one("#counts", DataTable)
        rows = [[str(cell) for cell in counts.get_row_at(n)] for n in range(counts.row_count)]
        assert rows[0] == ["Not commenced", "2", "1"]
        assert rows[2] == ["Ongoing", "1", "0"]
        assert rows[-1] == ["All cases", "3", "1"]
        cases = screen.query_one("#cases", DataTable)
        refs = [str(cases.get_row_at(n)[0]) for n in range(cases.row_count)]
        assert refs == ["CRN-2026/0042", "X100001", "X100002"]
        aliases = [str(cases.get_row_at(n)[1]) for n in range(cases.row_count)]
        assert "[bold red]K.L.[/]" in aliases  # user text shown literally
        assert _status(screen).startswith("3 cases.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(report_app.screen, CaseListScreen)


async def test_filters_narrow_the_report(report_app: SrtApp) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        screen = await _open(report_app, pilot)
        screen.query_one("#state", Select).value = "breached"
        await _settle(report_app, pilot)
        assert screen.query_one("#cases", DataTable).row_count == 1
        screen.query_one("#from", Input).value = "2026-13-01"
        screen.query_one("#from", Input).focus()
        await pilot.press("enter")
        await _settle(report_app, pilot)
        assert screen.query_one("#cases", DataTable).row_count == 1  # a bad date changes nothing
        assert screen.filters.referred_from is None


async def test_save_html_and_csv(report_app: SrtApp, tmp_path: Path) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        await _open(report_app, pilot)
        await pilot.press("f6")
        await _settle(report_app, pilot)
        await pilot.press("f7")
        await _settle(report_app, pilot)
    names = sorted(p.suffix for p in (tmp_path / "exports").iterdir())
    assert names == [".csv", ".html"]


async def test_export_every_case_from_the_app(report_app: SrtApp, tmp_path: Path) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        screen = await _open(report_app, pilot)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.click("#md")
        await _settle(report_app, pilot)
        assert screen.last_batch is not None and not screen.last_batch.cancelled
        assert len(screen.last_batch.written) == 3
        assert "3 written to" in _status(screen) and "0 failed" in _status(screen)
    folder = next((tmp_path / "exports").iterdir())
    assert sorted(p.suffix for p in folder.iterdir()) == [".md", ".md", ".md"]


async def test_escape_stops_a_batch_export_between_cases(report_app: SrtApp, gated: GatedStore,
                                                         tmp_path: Path) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        screen = await _open(report_app, pilot)
        gated.armed = True
        await pilot.press("f8")
        await pilot.pause()
        await pilot.click("#html")
        await _wait_for(gated.reached, pilot)
        assert screen.query_one("#job").display
        assert isinstance(screen.query_one("#progress", ProgressBar), ProgressBar)
        await pilot.press("escape")  # stop, not back: a job is running
        await pilot.pause()
        assert isinstance(report_app.screen, CaseloadReportScreen)
        gated.gate.set()
        await _settle(report_app, pilot)
        batch = screen.last_batch
        assert batch is not None and batch.cancelled
        assert len(batch.written) == 1 and batch.total == 3
        assert "stopped after 1 of 3 cases" in _status(screen)
        assert not screen.query_one("#job").display
    folder = next((tmp_path / "exports").iterdir())
    assert len(list(folder.iterdir())) == 1


async def test_escape_stops_reading_the_cases(report_app: SrtApp, gated: GatedStore) -> None:
    async with report_app.run_test(size=(110, 36)) as pilot:
        await _settle(report_app, pilot)
        gated.armed = True
        await pilot.press("ctrl+r")
        await _wait_for(gated.reached, pilot)
        screen = report_app.screen
        assert isinstance(screen, CaseloadReportScreen)
        await pilot.press("escape")
        gated.gate.set()
        await _settle(report_app, pilot)
        assert _status(screen).startswith("Stopped")
        assert screen.report is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(report_app.screen, CaseListScreen)


async def test_a_case_exports_as_pdf_and_csv_from_its_overview(report_app: SrtApp, tmp_path: Path) -> None:
    from tests.export.facts import pdf_text

    async with report_app.run_test(size=(110, 36)) as pilot:
        await _settle(report_app, pilot)
        report_app.open_case("case-first")
        await _settle(report_app, pilot)
        for fmt in ("pdf", "csv"):
            await pilot.press("x")
            await pilot.pause()
            await pilot.click(f"#{fmt}")
            await _settle(report_app, pilot)
    [pdf] = (tmp_path / "exports").glob("case-X100001-*.pdf")
    assert "Case X100001 (J.B.)" in pdf_text(pdf.read_bytes())
    [sheet] = (tmp_path / "exports").glob("case-X100001-*.csv")
    assert "No children; not relevant now." in sheet.read_text(encoding="utf-8-sig")
