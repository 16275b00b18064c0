"""Pilot steps shared by the screen, player, participant-view and durability tests."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Select

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.amend import AmendDialog

from srt_tui.records.model import Case
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.screens.session import SessionScreen
from srt_tui.screens.session_record import SessionRecordScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from srt_tui.widgets.case_table import CaseTable
from srt_tui.widgets.session_table import SessionTable
from srt_tui.widgets.exercise_picker import ExercisePicker
from tests.player.fakes import FakePlayer
from tests.screens.seed import seeded_store

PINNED_NOW = datetime(2026, 11, 2, 10, 12, 34, tzinfo=UTC)  # the clock of snapshot tests


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


async def create_case(pilot: Pilot, ref: str, alias: str) -> Case:
    """Create a case from the case list with ctrl+n, typing as a practitioner would; the app
    then shows its overview."""
    await pilot.press("ctrl+n")
    await pilot.press(*ref, "tab", *alias, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseOverviewScreen)
    case = pilot.app.store.find_case(ref)  # type: ignore[attr-defined]
    assert case is not None
    return case


async def open_session(pilot: Pilot, case_id: str = "case-first") -> SessionScreen:
    """Open ``case_id`` and start (or resume) its session with the real keys."""
    pilot.app.open_case(case_id)  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def pick(pilot: Pilot, exercise_id: str) -> ExercisePanel:
    """Choose ``exercise_id`` in the session's picker, as Enter on its line does."""
    picker = pilot.app.screen.query_one(ExercisePicker)
    picker.focus()
    picker.highlighted = picker.get_option_index(exercise_id)
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one(ExercisePanel)


def screen_text(app: App) -> str:
    """Everything on the terminal right now, as plain text (the screenshot's text, unstyled)."""
    svg = app.export_screenshot()
    svg = re.sub(r"<style.*?</style>|<defs>.*?</defs>", "", svg, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def pinned_app(data_dir: Path, pack: ContentPack) -> SrtApp:
    """The seeded app with its clock at :data:`PINNED_NOW` and a stand-in player (snapshots)."""
    return SrtApp(seeded_store(data_dir), pack, clock=lambda: PINNED_NOW, player=lambda: FakePlayer())


async def open_pinned_session(pilot: Pilot) -> SessionScreen:
    """The first case's session, started at 10:00 on the pinned day."""
    screen = await open_session(pilot)
    screen.session.started_at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    return screen


async def amend_dialog(pilot: Pilot, target: str) -> AmendDialog:
    """From the first case's overview, open its ended session's record, press a, choose ``target``."""
    pilot.app.open_case("case-first")  # type: ignore[attr-defined]
    await settle(pilot)
    pilot.app.screen.query_one("#sessions", SessionTable).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionRecordScreen)
    await pilot.press("a")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, AmendDialog)
    dialog.query_one("#target", Select).value = target
    await pilot.pause()
    return dialog


def listed_refs(app: App) -> list[str]:
    """The references of the cases the case list shows (the filter lets through), in order."""
    return [row.ref for row in app.screen.query_one("#cases", CaseTable).rows]
