"""The guided tour walked with Pilot over the real app: each step points at real widgets and
moves on when the user does the thing (or presses ctrl+t); F10 ends it; help's t starts it."""

from __future__ import annotations

from srt_tui.app import SrtApp
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.tour.panel import TARGET, TourPanel
from srt_tui.tour.steps import STEPS
from srt_tui.widgets.case_table import CaseTable
from tests.screens.helpers import settle


def _panel(app: SrtApp) -> TourPanel:
    return app.screen.query_one(TourPanel)


async def _step(pilot, step_id: str) -> None:
    await pilot.pause(0.4)  # the tour looks a few times a second
    await settle(pilot)
    number = [s.id for s in STEPS].index(step_id) + 1
    assert _panel(pilot.app).border_title.startswith(f"Tour {number}/{len(STEPS)}"), _panel(pilot.app).border_title


async def test_walk_the_tour(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await _step(pilot, "cases")
        assert app.screen.query_one("#cases", CaseTable).has_class(TARGET)
        assert app.focused is None or not isinstance(app.focused, TourPanel)
        app.screen.query_one("#cases", CaseTable).focus()
        await pilot.press("enter")  # open the first case: the tour follows
        await _step(pilot, "overview")
        assert isinstance(app.screen, CaseOverviewScreen)
        assert app.screen.query_one("#sessions").has_class(TARGET)
        await pilot.press("s")
        await _step(pilot, "choose")
        assert app.screen.query_one("#picker").has_class(TARGET)
        app.show_exercise("F03")  # choose an exercise freely
        await _step(pilot, "clip")
        await pilot.press("ctrl+t")  # no VLC here: the key moves on
        await _step(pilot, "notes")
        app.screen.query_one("#exercise-notes").focus()
        await _step(pilot, "end")
        await pilot.press("f8")
        await _step(pilot, "export")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+t")  # with the keys in a text box
        await _step(pilot, "done")
        await pilot.press("ctrl+t")  # finish
        await settle(pilot)
        assert not app.screen.query(TourPanel) and not app.query(f".{TARGET}")


async def test_the_tour_can_be_ended_and_started_from_help(app: SrtApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("t")
        await _step(pilot, "cases")
        await pilot.press("ctrl+t")
        await _step(pilot, "overview")  # skipped on with the key
        await pilot.press("f10")
        await settle(pilot)
        assert not app.screen.query(TourPanel) and not app.query(f".{TARGET}")


def test_tour_first_step_snapshot(snap_compare, app: SrtApp) -> None:
    async def start(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=start)


def test_every_step_names_real_screens() -> None:
    """A renamed screen would silently stop the tour moving on: the names must be real."""
    from srt_tui.dialogs.end_session import EndSessionDialog
    from srt_tui.dialogs.export_format import ExportFormatDialog
    from srt_tui.dialogs.leaflet_format import LeafletFormatDialog
    from srt_tui.screens.session import SessionScreen
    from srt_tui.screens.session_plan import SessionPlanScreen

    known = {cls.__name__ for cls in (CaseOverviewScreen, SessionScreen, EndSessionDialog, ExportFormatDialog,
                                      LeafletFormatDialog, SessionPlanScreen)}
    named = {c.partition(":")[2] for s in STEPS for c in s.done_when if c.startswith("screen:")}
    assert named and named <= known
    assert {c.partition(":")[0] for s in STEPS for c in s.done_when} <= {"screen", "exists", "focus"}


async def test_a_target_mounted_after_the_step_showed_is_still_pointed_at() -> None:
    """A pushed screen is on top before its widgets are mounted: the tour keeps looking."""
    from textual.app import App
    from textual.widgets import Static

    from srt_tui.tour.controller import CHECK_EVERY, Tour
    from srt_tui.tour.steps import Step

    class Bare(App[None]):
        pass

    app = Bare()
    async with app.run_test(size=(80, 20)) as pilot:
        tour = Tour(app, (Step("late", "Late", "Points at what comes later.", target="#late"),))
        tour.start()
        await pilot.pause()
        assert tour.pointed == []  # nothing to point at yet
        late = Static("here at last", id="late")
        await app.screen.mount(late)
        await pilot.pause(CHECK_EVERY * 2)
        assert late.has_class(TARGET)
        tour.end()
        assert not late.has_class(TARGET)
