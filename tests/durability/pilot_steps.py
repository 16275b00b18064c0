"""Steps through the real app with Pilot, shared by the durability tests."""

from __future__ import annotations

from textual.pilot import Pilot

from srt_tui.screens.session import SessionScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from srt_tui.widgets.exercise_picker import ExercisePicker


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_session(pilot: Pilot, case_id: str) -> SessionScreen:
    pilot.app.open_case(case_id)  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def pick(pilot: Pilot, exercise_id: str) -> ExercisePanel:
    picker = pilot.app.screen.query_one(ExercisePicker)
    picker.focus()
    picker.highlighted = picker.get_option_index(exercise_id)
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one(ExercisePanel)
