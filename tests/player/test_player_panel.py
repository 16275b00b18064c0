"""The clip panel on the session screen, driven through the real app with a fake player."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from srt_tui.app import SrtApp
from srt_tui.content.loader import load_pack
from srt_tui.content.model import ContentPack
from srt_tui.paths import demo_pack_dir
from srt_tui.player.api import PlayerState
from srt_tui.records.model import Case, ClipWatch
from srt_tui.screens.session import SAVE_DELAY, SessionScreen
from srt_tui.widgets.exercise_panel import ExercisePanel
from srt_tui.widgets.exercise_picker import ExercisePicker
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.player_panel import REFRESH, PlayerPanel, bar_cells
from tests.player.fakes import FakePlayer
from tests.screens.seed import seeded_store

NOT_FOUND = "VLC was not found: install it with your package manager (e.g. sudo apt install vlc), then try again."


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())


@pytest.fixture
def fake() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def app(tmp_path: Path, pack: ContentPack, fake: FakePlayer) -> SrtApp:
    store = seeded_store(tmp_path / "data")
    store.create_case(Case(ref="X100009", alias="R.M.", referral_date=date(2026, 10, 1), variant="partner-male",
                           id="case-male"))
    return SrtApp(store, pack, player=lambda: fake)


async def settle(pilot: Pilot, wait: float = 0.0) -> None:
    await pilot.pause(wait)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_exercise(pilot: Pilot, case_id: str, exercise_id: str) -> PlayerPanel:
    app: SrtApp = pilot.app  # type: ignore[assignment]
    app.open_case(case_id)
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, SessionScreen)
    picker = app.screen.query_one(ExercisePicker)
    picker.focus()
    picker.highlighted = picker.get_option_index(exercise_id)
    await pilot.press("enter")
    await settle(pilot)
    return app.screen.query_one(PlayerPanel)


async def refreshed(pilot: Pilot) -> None:
    await pilot.pause(REFRESH * 2)


def shown(panel: PlayerPanel) -> str:
    return "\n".join(line.plain for line in panel.render().renderables)


async def test_f4_plays_the_clip_for_the_cases_variant_and_gives_the_panel_the_keys(
        app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        panel = await open_exercise(pilot, "case-male", "R04")
        assert fake.started  # ready before the first F4
        await pilot.press("f4")
        assert app.focused is panel
        assert fake.calls == [("load", "R04-m.mp4", 0.0)]
        await refreshed(pilot)
        assert "Playing" in shown(panel) and "(partner-male)" in shown(panel)


async def test_keys_pressed_while_a_new_exercise_is_coming_in_reach_its_panel(
        app: SrtApp, fake: FakePlayer) -> None:
    """F4 handled in the same moment as choosing the exercise (a quick hand, a busy laptop)
    plays the new exercise's clip and gives its panel the keys, and F5 then reaches its
    worksheet: not the panel being replaced, and not "choose an exercise first"."""
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-male", "R04")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.show_exercise("R06")
        screen.action_play_clip()  # before the new panel has mounted
        await settle(pilot)
        [panel] = screen.query(ExercisePanel)
        assert panel.exercise.id == "R06"
        assert fake.calls == [("load", "R06.mp4", 0.0)]
        assert app.focused is panel.query_one(PlayerPanel)
        screen.show_exercise("F01")
        screen.action_focus_worksheet()
        await settle(pilot)
        [panel] = screen.query(ExercisePanel)
        assert panel.exercise.id == "F01"
        assert app.focused is panel.query(".answer").first()


async def test_every_key_reaches_the_player(app: SrtApp, fake: FakePlayer, pack: ContentPack) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        panel = await open_exercise(pilot, "case-second", "F01")  # chapters at 0, 3 and 6 s
        await pilot.press("f4")
        fake.calls.clear()
        await pilot.press("space")
        assert fake.calls == [("pause",)]
        await pilot.press("space", "right")
        assert fake.calls[-1] == ("seek", 8.5)  # 10 s on, kept inside the 9 s clip
        await pilot.press("left")
        assert fake.calls[-1] == ("seek", 0.0)
        await pilot.press("right_square_bracket")
        assert fake.calls[-2:] == [("seek", 3.0), ("play",)]
        await pilot.press("n")
        assert fake.calls[-2] == ("seek", 6.0)
        await pilot.press("p")  # at the start of chapter 3: back to chapter 2
        assert fake.calls[-2] == ("seek", 3.0)
        await pilot.press("left_square_bracket")
        assert fake.calls[-2] == ("seek", 0.0)
        await pilot.press("3")
        assert fake.calls[-2] == ("seek", 6.0)
        fake.calls.clear()
        await pilot.press("9")  # no chapter 9: nothing moves
        assert fake.calls == []
        await pilot.press("r")
        assert fake.calls[-2] == ("seek", 0.0)
        await pilot.press("c", "m", "f", "minus", "plus", "plus")
        assert fake.calls[-6:] == [("captions", False), ("muted", True), ("fullscreen", True),
                                   ("volume", 90), ("volume", 100), ("volume", 100)]
        await pilot.press("s")
        assert fake.calls[-1] == ("stop",) and fake.status().state is PlayerState.STOPPED
        await pilot.press("b")
        assert fake.status().state is PlayerState.PLAYING and fake.status().position == 0.0
        assert panel is app.focused


async def test_letters_typed_in_a_worksheet_answer_are_text_not_player_keys(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F01")
        await pilot.press("f4")
        fake.calls.clear()
        await pilot.press("f5")
        await pilot.press(*"rcfm snpb 2", "left", "right")
        assert isinstance(app.focused, TextArea)
        assert app.focused.text == "rcfm snpb 2"
        assert fake.calls == []


async def test_the_footer_shows_the_panel_keys_and_every_binding_is_described(app: SrtApp) -> None:
    for binding in PlayerPanel.BINDINGS:
        assert binding.id and binding.description and binding.tooltip, binding  # type: ignore[union-attr]
    async with app.run_test(size=(200, 40)) as pilot:
        panel = await open_exercise(pilot, "case-second", "F01")
        panel.focus()
        await settle(pilot, 0.2)
        shown = app.screen.query_one(KeyBar).render_line(0).text
        for expected in (" Play/Pause ", " ←→ 10s ", " [/p ]/n 1-9 Chapter ", " Replay ", " Captions ",
                         " Fullscreen ", " Mute ", " -+ Vol ", " Stop ", " Restart ", " Play clip "):
            assert expected in shown, shown


async def test_the_panel_follows_playback_with_chapters_and_times(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        panel = await open_exercise(pilot, "case-second", "F01")
        assert "Ready" in shown(panel) and "0:00 / 0:09" in shown(panel)
        assert "Chapters: 1 The situation · 2 What happens next · 3 A good start" in shown(panel)
        await pilot.press("f4")
        fake.advance(3.4)
        await refreshed(pilot)
        text = shown(panel)
        assert "0:03 / 0:09" in text and "Chapter 2 of 3: What happens next" in text
        assert "Captions on" in text and "Volume 100%" in text
        await pilot.press("c", "m")
        await refreshed(pilot)
        assert "Captions off" in shown(panel) and "Muted" in shown(panel)


def test_the_bar_marks_chapters_and_fills_with_the_position() -> None:
    assert bar_cells(90, 4.5, 9.0, [0.0, 3.0, 6.0]) == (45, {30, 60})
    assert bar_cells(10, 20.0, 9.0, []) == (10, set())  # never past the end
    assert bar_cells(0, 1.0, 9.0, [3.0]) == (0, set())


async def test_at_the_end_focus_moves_to_the_prompts_and_the_outcome_is_offered(
        app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F02")
        await pilot.press("f4")
        fake.finish()
        await refreshed(pilot)
        assert app.focused is not None and app.focused.id == "prompts"
        messages = [n.message for n in app._notifications]
        assert any("F9 marks the outcome" in m for m in messages), messages
        await pilot.press("f9")
        assert app.focused is not None and app.focused.id == "outcome"


async def test_the_end_of_a_clip_does_not_take_focus_from_typing(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F02")
        await pilot.press("f4", "f5")
        typing = app.focused
        fake.finish()
        await refreshed(pilot)
        assert app.focused is typing


async def test_what_was_watched_is_saved_and_a_later_play_resumes_there(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        panel = await open_exercise(pilot, "case-second", "F01")
        await pilot.press("f4")
        fake.advance(4.5)
        await pilot.press("space")  # pause: worth a save
        await settle(pilot, SAVE_DELAY + 0.5)
        saved = app.store.open_session("case-second")
        assert saved is not None
        assert saved.clips_watched == [ClipWatch("clips/F01.mp4", "F01", 4.5, 4.5, 4.5)]

        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.show_exercise("F02")  # moving on stops the clip and keeps where it was left
        await settle(pilot)
        assert fake.calls[-1] == ("stop",)
        screen.show_exercise("F01")
        await settle(pilot)
        panel = screen.query_one(PlayerPanel)
        assert "from 0:04, where it was left (b: from the beginning)" in shown(panel)
        await pilot.press("f4")
        assert fake.calls[-1] == ("load", "F01.mp4", 4.5)
        fake.finish()
        await refreshed(pilot)
        await pilot.press("escape")  # back to the case: saved on the way out
        await settle(pilot)
    [session] = [s for s in app.store.sessions("case-second") if not s.ended]
    assert session.clips_watched == [ClipWatch("clips/F01.mp4", "F01", 9.0, 9.0, 0.0)]


async def test_a_pause_just_after_a_refresh_still_saves_what_was_watched(app: SrtApp, fake: FakePlayer) -> None:
    """The screen's refresh of the player, landing while the clip plays, puts the seconds on
    the session without saving (not worth a save yet); the pause that follows changes no
    figure itself, and must still save them (a full run under load once showed it did not)."""
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F01")
        await pilot.press("f4")
        fake.advance(4.5)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen._follow_player()  # the refresh, as its interval would run it now
        await pilot.press("space")
        await settle(pilot, SAVE_DELAY + 0.5)
        saved = app.store.open_session("case-second")
        assert saved is not None
        assert saved.clips_watched == [ClipWatch("clips/F01.mp4", "F01", 4.5, 4.5, 4.5)]


async def test_b_starts_a_resumable_clip_from_the_beginning(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F01")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.session.clips_watched.append(ClipWatch("clips/F01.mp4", "F01", 6.0, 6.0, 6.0))
        screen.show_exercise("F01")
        await settle(pilot)
        screen.query_one(PlayerPanel).focus()
        await pilot.press("b")
        assert fake.calls[-1] == ("load", "F01.mp4", 0.0)


async def test_without_vlc_the_panel_says_so_in_one_line_and_the_session_goes_on(
        tmp_path: Path, pack: ContentPack) -> None:
    missing = FakePlayer(PlayerState.UNAVAILABLE, NOT_FOUND)
    app = SrtApp(seeded_store(tmp_path / "data"), pack, player=lambda: missing)
    async with app.run_test(size=(130, 40)) as pilot:
        panel = await open_exercise(pilot, "case-second", "F01")
        await pilot.press("f4", "space", "right")
        await refreshed(pilot)
        lines = shown(panel).splitlines()
        assert NOT_FOUND in lines
        assert sum("VLC" in line for line in lines) == 1
        await pilot.press("f5", *"still works")
        await settle(pilot, SAVE_DELAY + 0.5)
        saved = app.store.open_session("case-second")
        assert saved is not None and "still works" in saved.record_for("F01").answers.values()


async def test_an_exercise_without_a_clip_says_so(app: SrtApp, pack: ContentPack,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F01")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        monkeypatch.setitem(pack._by_id, "F03", replace(pack.exercise("F03"), clips=()))
        screen.show_exercise("F03")
        await settle(pilot)
        assert not screen.query(PlayerPanel)
        await pilot.press("f4")
        assert any("no clip" in n.message for n in app._notifications)


async def test_leaving_the_session_closes_the_player(app: SrtApp, fake: FakePlayer) -> None:
    async with app.run_test(size=(130, 40)) as pilot:
        await open_exercise(pilot, "case-second", "F01")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
        assert fake.closed
        assert not app.query(ExercisePanel)
