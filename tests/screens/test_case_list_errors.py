"""The case list when the records folder cannot be read: a clear message, not a traceback."""

from __future__ import annotations

from pathlib import Path

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.store import RecordStore
from srt_tui.widgets.case_table import CaseTable
from srt_tui.widgets.status_line import StatusLine


async def test_an_unreadable_records_folder_is_shown_on_screen(tmp_path: Path, pack: ContentPack) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "cases").write_text("not a folder", encoding="utf-8")  # list_cases raises RecordError
    app = SrtApp(RecordStore(data_dir), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running  # the app stays open
        status = app.screen.query_one("#case-count", StatusLine)
        assert "The records cannot be read" in status.text
        assert "cases" in status.text
        assert status.has_class("error")
        assert app.screen.query_one("#cases", CaseTable).row_count == 0
        assert any("srt-tui doctor" in str(n.message) for n in app._notifications)
        await pilot.press("x")  # typing in the filter keeps the problem on screen
        assert "The records cannot be read" in status.text
