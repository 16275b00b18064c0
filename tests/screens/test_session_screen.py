"""The session screen driven through the real app: the whole flow, autosave, ending, amending."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.end_session import EndSessionDialog
from srt_tui.records.model import Outcome
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.screens.session import SAVE_DELAY, SessionScreen
from srt_tui.screens.session_record import SessionRecordScreen
from srt_tui.widgets.exercise_picker import ExercisePicker
from srt_tui.widgets.session_table import SessionTable
from tests.screens.helpers import amend_dialog, create_case, open_session, pick, settle

NOTE = "Talked about [bold red]x[/] and [link=x]y[/]"



async def wait_for_autosave(pilot: Pilot) -> None:
    await pilot.pause(SAVE_DELAY + 0.3)
    await settle(pilot)




async def test_the_whole_flow_survives_a_restart(tmp_path: Path, pack: ContentPack) -> None:
    data = tmp_path / "data"
    exports = tmp_path / "exports"
    app = SrtApp(RecordStore(data), pack, export_dir=exports)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        case = await create_case(pilot, "FLOW-1", "A.B.")
        screen = await open_session(pilot, case.id)

        panel = await pick(pilot, "E02")  # out of the suggested order: foundation not done yet
        assert panel.exercise.id == "E02"
        await pilot.press("f5")
        first_question = panel.exercise.questions[0]
        assert app.focused is not None and app.focused.id == f"answer-{first_question.id}"
        await pilot.press(*"I felt tense")
        panel.query_one("#exercise-notes", TextArea).focus()
        await pilot.press(*NOTE)
        await pilot.press("f9")
        panel.query_one("#outcome", Select).value = Outcome.COMPLETED
        await pilot.press("f3")
        screen.query_one("#task_set", TextArea).focus()
        await pilot.press(*"Walk away and breathe")
        await wait_for_autosave(pilot)
        saved = app.store.open_session(case.id)
        assert saved is not None and saved.notes == ""
        assert saved.record_for("E02").answers[first_question.id] == "I felt tense"

        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, EndSessionDialog)
        summary = str(app.screen.query_one("#ending", Static).render())
        assert "E02" in summary and "Completed" in summary
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen)

        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # the first format: HTML
        await settle(pilot)
        [export] = exports.glob("case-FLOW-1-*.html")
        html = export.read_text(encoding="utf-8")
        assert "I felt tense" in html and "[bold red]x[/]" in html

    again = SrtApp(RecordStore(data), pack, export_dir=exports)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.store.open_session(case.id) is None
        [session] = again.store.sessions(case.id)
        assert session.ended
        record = session.record_for("E02")
        assert record.outcome is Outcome.COMPLETED
        assert record.notes == NOTE
        assert session.task_set == "Walk away and breathe"
        again.open_case(case.id)
        await settle(pilot)
        overview = again.screen
        assert isinstance(overview, CaseOverviewScreen) and overview.view is not None
        emotions = next(m for m in overview.view.progress.modules if m.id == "emotions")
        assert emotions.done == 1
        assert "Walk away and breathe" in str(overview.query_one("#task", Static).render())


async def test_typing_is_saved_before_a_quit(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot, "case-second")
        await pick(pilot, "F01")
        await pilot.press("f5", *"typed just now")
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = app.store.open_session("case-second")
    assert session is not None
    assert "typed just now" in session.record_for("F01").answers.values()
    assert screen.session.record_for("F01") is not None


async def test_escape_keeps_the_session_open_and_s_resumes_it(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_session(pilot, "case-second")
        await pick(pilot, "R01")
        await pilot.press("f5", *"half way")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen)
        assert "open" in app.screen.query_one("#sessions", SessionTable).rows[0].cells[2]
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.record_for("R01").answers  # the same session, resumed
        panel = await pick(pilot, "R01")
        assert "half way" in [area.text for area in panel.query(TextArea)]


async def test_picker_marks_done_and_recommended(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot, "case-first")
        picker = screen.query_one(ExercisePicker)
        line = lambda exercise_id: str(picker.get_option(exercise_id).prompt)  # noqa: E731
        assert line("F01").startswith("✓") and "★" not in line("F01")
        assert "★" in line("F02")  # partly done: still recommended
        assert line("R06").startswith("–")  # skipped as not relevant
        assert "★" not in line("T01")


async def test_a_skip_needs_a_reason_before_the_session_ends(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot, "case-second")
        panel = await pick(pilot, "R05")
        panel.query_one("#outcome", Select).value = Outcome.NOT_RELEVANT
        await pilot.pause()
        assert panel.query_one("#skip-reason", Input).display
        await pilot.press("f8")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EndSessionDialog)
        assert dialog.query_one("#end").disabled
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        panel.query_one("#skip-reason", Input).value = "No children"
        await pilot.press("f8")
        await settle(pilot)
        assert not app.screen.query_one("#end").disabled


async def test_an_ended_session_is_amended_with_a_reason(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await amend_dialog(pilot, "notes")
        assert "[link=x]y[/]" in str(app.screen_stack[-2].query_one("#record-text", Static).render())
        dialog.query_one("#value").text = "Engaged well; corrected."
        dialog.query_one("#reason", Input).value = "Typo"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, SessionRecordScreen)
        text = str(app.screen.query_one("#record-text", Static).render())
        assert "Engaged well; corrected." in text and "Reason: Typo" in text
    [session] = app.store.sessions("case-first")
    assert session.notes.startswith("Engaged well. [link=x]")  # the original is kept
    assert session.effective().notes == "Engaged well; corrected."


def test_session_snapshot(snap_compare, tmp_path: Path, pack: ContentPack) -> None:
    from tests.screens.seed import seeded_store

    fixed = datetime(2026, 11, 2, 10, 12, 34, tzinfo=UTC)
    app = SrtApp(seeded_store(tmp_path / "data"), pack, clock=lambda: fixed)

    async def open_exercise(pilot: Pilot) -> None:
        await settle(pilot)
        screen = await open_session(pilot, "case-first")
        screen.session.started_at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
        await pick(pilot, "T02")
        screen.query_one(ExercisePicker).focus()
        await pilot.pause(1.1)  # one clock tick with the pinned time

    assert snap_compare(app, terminal_size=(130, 42), run_before=open_exercise)
