"""Pilot steps shared by the demo, guide and theme tests (kept apart from test modules, so
these tests import nothing from screens they do not drive)."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette(pilot: Pilot, query: str) -> None:
    """Open the command palette, type ``query`` and run the first hit."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.5)  # the palette searches in the background
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
