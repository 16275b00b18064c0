"""Participant view on the session screen, the participant's progress, and feedback per clip,
driven through the real app with a stand-in player."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.clip_feedback import ClipFeedbackDialog
from srt_tui.dialogs.participant_progress import ParticipantProgressScreen
from srt_tui.records.store import RecordStore
from srt_tui.screens.session import PARTICIPANT_TITLE, SAVE_DELAY, SessionScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from srt_tui.widgets.player_panel import PlayerPanel
from tests.player.fakes import FakePlayer
from tests.screens.seed import seeded_store
from tests.screens.helpers import open_pinned_session, open_session, pick, pinned_app, screen_text, settle

NOTES = "Exercise note: PRIVATE-EXERCISE-NOTE"
SESSION_NOTES = "Session note: PRIVATE-SESSION-NOTE"
REFLECTION = "I noticed I raise my voice"


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def seeded(tmp_path: Path, pack: ContentPack, player: FakePlayer) -> SrtApp:
    return SrtApp(seeded_store(tmp_path / "data"), pack, player=lambda: player)




async def with_private_notes(pilot: Pilot, screen: SessionScreen, exercise_id: str = "T02") -> ExercisePanel:
    panel = await pick(pilot, exercise_id)
    panel.query_one("#exercise-notes", TextArea).text = NOTES
    screen.query_one("#notes", TextArea).text = SESSION_NOTES
    await settle(pilot)
    return panel


async def test_participant_view_hides_practitioner_things_and_names_no_case(seeded: SrtApp) -> None:
    async with seeded.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await with_private_notes(pilot, screen)
        assert "PRIVATE-EXERCISE-NOTE" in screen_text(seeded)
        await pilot.press("f12")
        await settle(pilot)
        assert screen.participant_view and screen.sub_title == PARTICIPANT_TITLE
        for selector in ("#picker", "#guidance", "#prompts", "#exercise-notes", "#exercise-notes-private",
                         ".outcome-row", "#use-task", "#tabs Tabs", "#participant-notes-box"):
            assert not screen.query_one(selector).display, selector
        assert not screen.query_one("#session-form").is_on_screen  # its tab is neither shown nor reachable
        assert panel.query_one(PlayerPanel).display
        shot = screen_text(seeded)
        for secret in ("PRIVATE-EXERCISE-NOTE", "PRIVATE-SESSION-NOTE", "X100001", "J.B.", "X100002",
                       "Prefers short chunks", "Facilitator guidance", "Watch for", "Practitioner only",
                       "Notes on this exercise", "Notes we made together"):
            assert secret not in shot, secret
        assert PARTICIPANT_TITLE in shot and "Your reflections" in shot
        assert seeded.focused is panel  # the keys are on something the participant sees
        assert panel.scroll_y == 0  # from the top: the title and key points first
        for key in ("f3", "f8", "f9"):  # the practitioner's keys do nothing here
            await pilot.press(key)
            await settle(pilot)
            assert seeded.screen is screen and screen.query_one("#tabs").active == "exercise-tab"


async def test_the_palette_lists_no_cases_in_participant_view(seeded: SrtApp) -> None:
    async with seeded.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        await pilot.press("f12")
        await settle(pilot)
        for query in ("", "X100", "case", "M.P"):
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(seeded.screen, CommandPalette)
            await pilot.press(*query)
            await pilot.pause(0.5)
            await settle(pilot)
            shot = screen_text(seeded)
            assert "X100002" not in shot and "CRN-2026" not in shot and "Open this case" not in shot, query
            await pilot.press("escape")
            await settle(pilot)
        assert seeded.screen is screen
        await pilot.press("escape")  # leave (verify_practitioner says yes by default)
        await settle(pilot)
        assert not screen.participant_view
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"X100002")
        await pilot.pause(0.5)
        await settle(pilot)
        assert "X100002" in screen_text(seeded)  # outside participant view they are back


async def test_leaving_needs_the_practitioner(seeded: SrtApp, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    async def refuse() -> bool:
        asked.append(False)
        return False

    monkeypatch.setattr(seeded, "verify_practitioner", refuse)
    async with seeded.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        await with_private_notes(pilot, screen)
        await pilot.press("f12")
        await settle(pilot)
        for key in ("f12", "escape"):
            await pilot.press(key)
            await settle(pilot)
            assert seeded.screen is screen and screen.participant_view
            assert screen.has_class("-participant") and not screen.query_one("#picker").display
            assert "PRIVATE-EXERCISE-NOTE" not in screen_text(seeded)
        assert len(asked) == 2

        async def accept() -> bool:
            return True

        monkeypatch.setattr(seeded, "verify_practitioner", accept)
        await pilot.press("f12")
        await settle(pilot)
        assert not screen.participant_view and screen.query_one("#picker").display
        assert "X100001" in screen.sub_title
        assert "PRIVATE-EXERCISE-NOTE" in screen_text(seeded)


async def test_reflections_typed_in_participant_view_reach_the_session_record(seeded: SrtApp) -> None:
    async with seeded.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert seeded.focused is screen.query_one("#participant-reflections")  # no exercise open yet
        await pilot.press(*REFLECTION)
        await pilot.pause(SAVE_DELAY + 0.3)
        await settle(pilot)
        saved = seeded.store.open_session("case-first")
        assert saved is not None and saved.reflections == REFLECTION
        await pilot.press("f12")
        await settle(pilot)
        assert screen.query_one("#reflections", TextArea).text == REFLECTION


async def test_progress_view_shows_blocks_and_own_reflections_only(tmp_path: Path, pack: ContentPack,
                                                                   player: FakePlayer) -> None:
    store = seeded_store(tmp_path / "data")
    store.amend_session("case-first", "session-first", "reflections", "Calmer than last week", "added late")
    app = SrtApp(store, pack, player=lambda: player)
    async with app.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        screen.session.reflections = "Today I listened"
        await pilot.press("f2")  # outside participant view F2 is the picker
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f12", "f2")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantProgressScreen)
        shot = screen_text(app)
        foundation = pack.foundation.title
        assert foundation in shot and "█" in shot and "░" in shot
        assert "Today I listened" in shot and "Calmer than last week" in shot and "02 November 2026" in shot
        for secret in ("X100001", "J.B.", "Engaged well", "No children", "Prefers short chunks"):
            assert secret not in shot, secret
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.participant_view  # closing it does not leave the view


async def _shared_notes_in_progress_view(store: RecordStore, pack: ContentPack, player: FakePlayer) -> tuple[str, str]:
    """What the progress view (F2 in participant view) lists as shared notes, and the whole screen."""
    app = SrtApp(store, pack, player=lambda: player)
    async with app.run_test(size=(140, 100)) as pilot:
        await settle(pilot)
        await open_session(pilot)
        await pilot.press("f12", "f2")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantProgressScreen)
        return str(app.screen.query_one("#shared-notes-log", Static).render()), screen_text(app)


async def test_progress_view_lists_notes_marked_shared_and_only_those(tmp_path: Path, pack: ContentPack,
                                                                      player: FakePlayer) -> None:
    store = seeded_store(tmp_path / "data")
    store.amend_session("case-first", "session-first", "notes_practitioner_only", "shared", "written together")
    notes, shot = await _shared_notes_in_progress_view(store, pack, player)
    assert "02 November 2026" in notes and "Engaged well. [link=x]y[/] stays literal." in notes
    assert "Prefers short chunks" not in shot and "X100001" not in shot
    notes, _ = await _shared_notes_in_progress_view(seeded_store(tmp_path / "other"), pack, player)
    assert notes == "None yet."  # practitioner-only, as every note starts


async def test_feedback_after_a_clip_is_saved_and_restored_after_a_restart(tmp_path: Path, pack: ContentPack,
                                                                          player: FakePlayer) -> None:
    data = tmp_path / "data"
    seeded_store(data)
    app = SrtApp(RecordStore(data), pack, player=lambda: player)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        await pick(pilot, "T02")
        await pilot.press("f12", "f4")
        await settle(pilot)
        player.finish()
        await pilot.pause(0.2)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClipFeedbackDialog)  # asked as soon as the clip has played
        dialog.query_one("#relatable", Select).value = 4
        dialog.query_one("#comment", Input).value = "Felt like [b]home[/b]"
        await pilot.click("#save")
        await pilot.pause(SAVE_DELAY + 0.3)
        await settle(pilot)
        assert app.screen is screen and screen.participant_view
        [feedback] = screen.session.feedback
        assert (feedback.exercise_id, feedback.relatable, feedback.helpful) == ("T02", 4, None)

        await pilot.press("v")  # from the clip panel, any time: edits replace the entry
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClipFeedbackDialog)
        assert dialog.query_one("#relatable", Select).value == 4
        dialog.query_one("#helpful", Select).value = 5
        await pilot.click("#save")
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = SrtApp(RecordStore(data), pack, player=lambda: FakePlayer())
    async with again.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        saved = again.store.open_session("case-first")
        assert saved is not None
        [feedback] = saved.feedback
        assert (feedback.relatable, feedback.helpful, feedback.comment) == (4, 5, "Felt like [b]home[/b]")
        assert feedback.clip == saved.clips_watched[0].clip
        screen = await open_session(pilot)
        await pick(pilot, "T02")
        screen.query_one(PlayerPanel).focus()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(again.screen, ClipFeedbackDialog)
        assert again.screen.query_one("#helpful", Select).value == 5  # restored into the dialog
        await pilot.press("escape")  # skipping changes nothing
        await settle(pilot)
        assert [f.helpful for f in screen.session.feedback] == [5]


async def test_feedback_is_asked_once_per_clip_and_clearing_it_removes_it(seeded: SrtApp, player: FakePlayer) -> None:
    async with seeded.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        await pick(pilot, "T02")
        await pilot.press("f4")
        await settle(pilot)
        player.finish()
        await pilot.pause(0.2)
        await settle(pilot)
        assert seeded.screen is screen  # the practitioner's view: on to the prompts, nothing pops up
        screen.query_one(PlayerPanel).focus()
        await pilot.press("f12", "f4")  # in participant view, the end of a clip asks
        await settle(pilot)
        player.finish()
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(seeded.screen, ClipFeedbackDialog)
        seeded.screen.query_one("#helpful", Select).value = 2
        await pilot.click("#save")
        await settle(pilot)
        screen.query_one(PlayerPanel).focus()
        await pilot.press("space")  # plays it again from the end
        await settle(pilot)
        player.finish()
        await pilot.pause(0.2)
        await settle(pilot)
        assert seeded.screen is screen  # already answered: not asked again
        await pilot.press("v")
        await settle(pilot)
        seeded.screen.query_one("#helpful", Select).clear()
        await pilot.click("#save")
        await settle(pilot)
        assert screen.session.feedback == []


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_participant_view_snapshot(snap_compare, tmp_path: Path, pack: ContentPack, size: tuple[int, int]) -> None:
    app = pinned_app(tmp_path / "data", pack)

    async def participant_view(pilot: Pilot) -> None:
        await settle(pilot)
        screen = await open_pinned_session(pilot)
        await with_private_notes(pilot, screen)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.pause(1.1)  # one clock tick with the pinned time

    assert snap_compare(app, terminal_size=size, run_before=participant_view)
