"""Help, the command palette and literal user text on every screen that shows it."""

from __future__ import annotations

from textual.widgets import Static

from srt_tui.app import SrtApp
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.screens.exercise_info import ExerciseInfoScreen
from srt_tui.screens.help import HelpScreen
from srt_tui.screens.session import SessionScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from tests.screens.helpers import palette, settle




async def test_f1_and_question_mark_show_the_keys_of_the_screen(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "New case" in [description for _, description in app.screen.keys]
        await pilot.press("escape")
        app.open_case("case-first")
        await settle(pilot)
        app.screen.query_one("#sessions").focus()
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Start session" in [description for _, description in app.screen.keys]


async def test_palette_opens_a_case_by_its_reference(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "CRN-2026")
        assert isinstance(app.screen, CaseOverviewScreen)
        assert app.screen.case_id == "case-third"


async def test_palette_shows_an_exercise_outside_and_inside_a_session(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "Jealous thoughts")
        assert isinstance(app.screen, ExerciseInfoScreen)
        assert app.screen.exercise.id == "T02"
        await pilot.press("escape")
        app.open_case("case-second")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        await palette(pilot, "Jealous thoughts")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(ExercisePanel).exercise.id == "T02"


async def test_markup_in_an_alias_is_literal_on_the_overview(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_case("case-second")
        await settle(pilot)
        details = str(app.screen.query_one("#details", Static).render())
        assert "[bold red]K.L.[/]" in details
        assert app.screen.sub_title == "X100002 ([bold red]K.L.[/])"
