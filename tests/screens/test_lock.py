"""The lock: on ctrl+l and after idle time on the wall clock (a laptop waking from sleep is
locked at once), hiding everything until the passphrase is typed; the same check guards
leaving participant view. Without a passphrase there is no lock and no check."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.idle import IdleClock
from srt_tui.records import crypto, encryption
from srt_tui.screens.lock import LockScreen
from srt_tui.settings import Settings
from tests.screens.seed import seeded_store

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})


class FakeWallClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def locked_app(tmp_path: Path, pack: ContentPack) -> Iterator[tuple[SrtApp, FakeWallClock]]:
    store = seeded_store(tmp_path / "data")
    encryption.set_passphrase(store.data_dir, PASS)
    app = SrtApp(store, pack)
    clock = FakeWallClock()
    app.idle = IdleClock(clock)
    yield app, clock
    crypto.forget(store.data_dir)


def screen_text(app: SrtApp) -> str:
    """Everything on the terminal right now, as plain text (the screenshot's text, unstyled)."""
    svg = app.export_screenshot()
    svg = re.sub(r"<style.*?</style>|<defs>.*?</defs>", "", svg, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


WAITING = {"lock", "ask"}  # workers that wait on the lock screen, which only a passphrase ends


async def settle(app: SrtApp, pilot) -> None:
    await pilot.pause()
    others = [w for w in app.workers if w.group not in WAITING]
    if others:  # an empty list would mean "every worker"
        await app.workers.wait_for_complete(others)
    await pilot.pause()


async def type_passphrase(app: SrtApp, pilot, passphrase: str) -> None:
    box = app.screen.query_one("#lock-passphrase", Input)
    box.value = passphrase
    await pilot.press("enter")
    await settle(app, pilot)  # the check runs scrypt in a worker thread, then dismisses or says no


async def test_idle_on_the_wall_clock_locks_and_hides_the_case_list(locked_app) -> None:
    app, clock = locked_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "X100001" in screen_text(app)
        clock.now += 4 * 60
        app.lock_if_idle()
        await settle(app, pilot)
        assert not isinstance(app.screen, LockScreen)
        clock.now += 2 * 60  # e.g. the lid closed: a jump, not ticks
        app.lock_if_idle()
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        text = screen_text(app)
        assert "locked" in text and "X100001" not in text and "CRN-2026" not in text
        await type_passphrase(app, pilot, "wrong horse battery")
        assert isinstance(app.screen, LockScreen)
        assert "does not open" in str(app.screen.query_one("#lock-message", Label).render())
        assert app.screen.query_one("#lock-passphrase", Input).value == ""
        await pilot.press("escape", "ctrl+p")  # neither escape nor the palette gets past it
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        await type_passphrase(app, pilot, PASS)
        assert not isinstance(app.screen, LockScreen)
        assert "X100001" in screen_text(app)


async def test_a_key_press_resets_the_idle_time(locked_app) -> None:
    app, clock = locked_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        clock.now += 4 * 60
        await pilot.press("x")  # typing in the filter
        clock.now += 4 * 60
        app.lock_if_idle()
        await settle(app, pilot)
        assert not isinstance(app.screen, LockScreen)


async def test_ctrl_l_locks_even_from_a_text_box(locked_app) -> None:
    app, _ = locked_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, Input)  # the case list's filter has the keys
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        await type_passphrase(app, pilot, PASS)
        assert not isinstance(app.screen, LockScreen)


async def test_verify_practitioner_asks_for_the_passphrase(locked_app) -> None:
    app, _ = locked_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        answers: list[bool] = []

        async def ask() -> None:
            answers.append(await app.verify_practitioner())

        app.run_worker(ask(), group="ask")
        await settle(app, pilot)
        assert isinstance(app.screen, LockScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert answers == [False]
        app.run_worker(ask(), group="ask")
        await settle(app, pilot)
        await type_passphrase(app, pilot, PASS)
        assert answers == [False, True]


async def test_without_a_passphrase_nothing_locks_or_asks(tmp_path: Path, pack: ContentPack) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), pack)
    clock = FakeWallClock()
    app.idle = IdleClock(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert await app.verify_practitioner() is True
        clock.now += 24 * 3600
        app.lock_if_idle()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert not isinstance(app.screen, LockScreen)


def test_idle_minutes_setting_is_read_within_bounds() -> None:
    assert Settings.from_dict({"idle_lock_minutes": 2}).idle_lock_minutes == 2.0
    for bad in (0, -1, 10_000, "5", True, None):
        assert Settings.from_dict({"idle_lock_minutes": bad}).idle_lock_minutes == 5.0


def test_a_clock_set_backwards_does_not_postpone_the_lock() -> None:
    clock = FakeWallClock()
    idle = IdleClock(clock)
    clock.now -= 3600
    assert not idle.is_due(5)
    clock.now += 5 * 60
    assert idle.is_due(5)
