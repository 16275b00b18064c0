"""Who may see notes, on screen: the "Practitioner only" boxes beside the session and exercise
notes (ticked by default, reached with Tab, saved like the notes), participant view showing
shared notes and never a practitioner-only one, not even for one frame, the box out of the
participant's reach, amending it after the session ended, and the handout preview."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records.model import SHARED
from srt_tui.records.store import RecordStore
from srt_tui.screens.handout_preview import HandoutPreviewScreen
from srt_tui.screens.session import SAVE_DELAY, SessionScreen
from srt_tui.screens.session_record import SessionRecordScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from tests.player.fakes import FakePlayer
from tests.screens.helpers import amend_dialog, open_pinned_session, open_session, pick, pinned_app, screen_text, settle
from tests.screens.seed import seeded_store

EXERCISE_NOTE = "Our summary [b]x[/] EXERCISE-NOTE-TOKEN"
SESSION_NOTE = "What we agreed [@click=app.quit]x[/] SESSION-NOTE-TOKEN"


@pytest.fixture
def app(tmp_path: Path, pack: ContentPack) -> SrtApp:
    return SrtApp(seeded_store(tmp_path / "data"), pack, player=lambda: FakePlayer())


async def with_notes(pilot: Pilot, screen: SessionScreen) -> ExercisePanel:
    panel = await pick(pilot, "T02")
    panel.query_one("#exercise-notes", TextArea).text = EXERCISE_NOTE
    screen.query_one("#notes", TextArea).text = SESSION_NOTE
    await settle(pilot)
    return panel


async def saved(pilot: Pilot) -> None:
    await pilot.pause(SAVE_DELAY + 0.3)
    await settle(pilot)


async def test_the_boxes_are_ticked_by_default_reached_with_tab_and_saved(app: SrtApp, tmp_path: Path,
                                                                         pack: ContentPack) -> None:
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await with_notes(pilot, screen)
        box = panel.query_one("#exercise-notes-private", Checkbox)
        assert box.value is True and str(box.label) == "Practitioner only"
        panel.query_one("#exercise-notes", TextArea).focus()
        await pilot.press("tab")  # the box comes right after the notes
        assert app.focused is box
        await pilot.press("space")
        assert box.value is False
        await pilot.press("f3")
        screen.query_one("#notes", TextArea).focus()
        await pilot.press("tab")
        session_box = screen.query_one("#notes-private", Checkbox)
        assert app.focused is session_box and session_box.value is True
        await pilot.press("enter")
        await saved(pilot)
        stored = app.store.open_session("case-first")
        assert stored is not None and stored.notes_practitioner_only is False
        assert stored.record_for("T02").notes_practitioner_only is False  # type: ignore[union-attr]
        await pilot.press("space")  # ticked again: practitioner only
        await saved(pilot)
        stored = app.store.open_session("case-first")
        assert stored is not None and stored.notes_practitioner_only is True
        await pilot.press("ctrl+q")
    again = SrtApp(RecordStore(tmp_path / "data"), pack, player=lambda: FakePlayer())
    async with again.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await pick(pilot, "T02")
        assert panel.query_one("#exercise-notes-private", Checkbox).value is False  # as it was left
        assert screen.query_one("#notes-private", Checkbox).value is True


async def test_participant_view_shows_shared_notes_and_hides_practitioner_only_ones(app: SrtApp) -> None:
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await with_notes(pilot, screen)
        panel.query_one("#exercise-notes-private", Checkbox).value = False
        screen.query_one("#notes-private", Checkbox).value = False
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        shot = screen_text(app)
        assert EXERCISE_NOTE in shot and SESSION_NOTE in shot  # markup shown as typed
        assert "Notes we made together" in shot and "Practitioner only" not in shot
        screen.query_one("#participant-notes", TextArea).focus()
        await pilot.press("end", *" and more")  # written together
        await saved(pilot)
        stored = app.store.open_session("case-first")
        assert stored is not None and stored.notes == f"{SESSION_NOTE} and more"
        await pilot.press("f12")  # back (the practitioner is confirmed)
        await settle(pilot)
        assert screen.query_one("#notes", TextArea).text == f"{SESSION_NOTE} and more"

        screen.query_one("#notes-private", Checkbox).value = True
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        shot = screen_text(app)
        assert "SESSION-NOTE-TOKEN" not in shot and "Notes we made together" not in shot
        assert EXERCISE_NOTE in shot  # the exercise's notes are still shared
        assert screen.query_one("#participant-notes", TextArea).text == ""  # not even hidden there
        await saved(pilot)
        stored = app.store.open_session("case-first")
        assert stored is not None and stored.notes == f"{SESSION_NOTE} and more"  # emptying the box lost nothing


async def test_the_participant_cannot_reach_or_use_the_boxes(app: SrtApp) -> None:
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await with_notes(pilot, screen)
        await pilot.press("f12")
        await settle(pilot)
        reached = set()
        for _ in range(30):
            await pilot.press("tab")
            reached.add(app.focused)
        assert not [w for w in reached if isinstance(w, Checkbox)]
        assert not any(w.id in ("exercise-notes", "notes", "participant-notes") for w in reached if w)
        box = panel.query_one("#exercise-notes-private", Checkbox)
        assert not box.display
        box.toggle()  # even if something reached it: the panel refuses in participant view
        await settle(pilot)
        assert box.value is True and panel.record.notes_practitioner_only is True
        assert "EXERCISE-NOTE-TOKEN" not in screen_text(app)


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


async def test_switching_to_participant_view_never_paints_a_private_note(
    app: SrtApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every update the app would send to the terminal is recorded from the F12 on: none may
    hold a practitioner-only note, even one shared a moment before."""
    painted: list[str] = []
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        screen = await open_session(pilot)
        panel = await with_notes(pilot, screen)
        for box in (panel.query_one("#exercise-notes-private", Checkbox), screen.query_one("#notes-private", Checkbox)):
            box.value = False
        await settle(pilot)
        await pilot.press("f12")  # shared: both on screen
        await settle(pilot)
        assert "EXERCISE-NOTE-TOKEN" in screen_text(app) and "SESSION-NOTE-TOKEN" in screen_text(app)
        await pilot.press("f12")
        await settle(pilot)
        for box in (panel.query_one("#exercise-notes-private", Checkbox), screen.query_one("#notes-private", Checkbox)):
            box.value = True
        screen.query_one("#picker").focus()  # no blinking cursor in a note while recording
        await settle(pilot)

        def record(target_screen: object, renderable: object) -> None:
            if renderable is not None and hasattr(renderable, "render_segments"):
                painted.append(_ESCAPES.sub("", renderable.render_segments(app.console)))

        monkeypatch.setattr(app, "_display", record)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.pause(0.3)
        assert painted, "nothing was painted after F12"
        assert screen.participant_view
        for frame in painted:
            assert "NOTE-TOKEN" not in frame


async def test_an_ended_session_shares_its_notes_by_amendment_and_the_handout_follows(app: SrtApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_case("case-first")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HandoutPreviewScreen)
        assert "Engaged well" not in str(app.screen.query_one("#handout", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        dialog = await amend_dialog(pilot, "notes_practitioner_only")
        record = app.screen_stack[-2]
        assert "Session notes (practitioner only)" in str(record.query_one("#record-text", Static).render())
        chooser = dialog.query_one("#visibility-value", Select)
        assert chooser.display and not dialog.query_one("#value", TextArea).display
        assert chooser.value == "practitioner-only"  # what the record says now
        chooser.value = SHARED
        dialog.query_one("#reason", Input).value = "We wrote the summary together"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, SessionRecordScreen)
        text = str(app.screen.query_one("#record-text", Static).render())
        assert "Session notes (shared with the participant)" in text and "'practitioner-only' → 'shared'" in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        preview = str(app.screen.query_one("#handout", Static).render())
        assert "Notes we made together" in preview and "Engaged well. [link=x]y[/] stays literal." in preview
    [session] = app.store.sessions("case-first")
    assert session.notes_practitioner_only is True  # the original is kept
    assert session.effective().notes_practitioner_only is False
    assert session.amendments[-1].reason == "We wrote the summary together"


@pytest.mark.parametrize("view", ["session-record", "participant"])
def test_shared_notes_snapshot(snap_compare, tmp_path: Path, pack: ContentPack, view: str) -> None:
    """80x24: the session record with its box unticked (focused), and participant view with
    the shared session notes beside the reflections."""
    app = pinned_app(tmp_path / "data", pack)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        screen = await open_pinned_session(pilot)
        await with_notes(pilot, screen)
        await pilot.press("f3")
        screen.query_one("#notes-private", Checkbox).focus()
        await pilot.press("space")
        if view == "participant":
            await pilot.press("f12")
        await settle(pilot)
        await pilot.pause(1.1)  # one clock tick with the pinned time

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
