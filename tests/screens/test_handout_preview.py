"""The handout preview: what the participant takes home, with no practitioner text."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from srt_tui.app import SrtApp
from srt_tui.screens.handout_preview import HandoutPreviewScreen
from tests.screens.helpers import settle


async def open_preview(pilot: Pilot) -> HandoutPreviewScreen:
    pilot.app.open_case("case-first")  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HandoutPreviewScreen)
    return pilot.app.screen


async def test_the_preview_shows_key_points_and_task_but_no_notes(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_preview(pilot)
        text = str(screen.query_one("#handout", Static).render())
        first_point = app.pack.exercise("F01").key_points[0]  # type: ignore[union-attr]
        assert first_point in text
        assert "Notice one moment each day when you felt calm." in text
        assert "Engaged well" not in text and "Prefers short chunks" not in text
        assert "X100001" not in text and "R06" not in text  # no case ref; the skipped one left out
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HandoutPreviewScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_handout_preview_snapshot(snap_compare, app: SrtApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_preview(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
