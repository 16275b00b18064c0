"""A supervisor's folder of imported cases, opened read-only: everything shows, nothing changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore
from srt_tui.screens.case_overview import CaseOverviewScreen
from tests.screens.seed import seeded_store


def fingerprints(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_read_only_store_refuses_every_write(tmp_path: Path) -> None:
    seeded_store(tmp_path / "data").close()
    before = fingerprints(tmp_path / "data")
    store = RecordStore(tmp_path / "data", read_only=True)
    assert [c.ref for c in store.list_cases()] == ["CRN-2026/0042", "X100001", "X100002"]
    with pytest.raises(RecordError, match="read-only"):
        store.start_session("case-second")
    with pytest.raises(RecordError, match="read-only"):
        store.create_case(Case(ref="NEW-1", alias="N.N.", referral_date=store.get_case("case-first").referral_date))
    assert fingerprints(tmp_path / "data") == before


async def test_the_app_says_read_only_and_starts_no_session(tmp_path: Path, pack: ContentPack) -> None:
    seeded_store(tmp_path / "data").close()
    before = fingerprints(tmp_path / "data")
    app = SrtApp(RecordStore(tmp_path / "data", read_only=True), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.sub_title.startswith("READ-ONLY")
        app.open_case("case-second")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseOverviewScreen)
        assert any("read-only" in n.message for n in app._notifications)
    assert fingerprints(tmp_path / "data") == before
