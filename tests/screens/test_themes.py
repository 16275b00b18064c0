"""Themes: chosen in the command palette, remembered across runs, restored at start, with a
toast when the saved one is gone; the high-contrast theme is one command away."""

from __future__ import annotations

import json
from pathlib import Path

from textual.color import Color

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.demo import DemoMode, DemoWorkspace
from srt_tui.records.store import RecordStore
from srt_tui.settings import SettingsFile
from srt_tui.themes import HIGH_CONTRAST
from tests.demo.conftest import DEMO_TODAY
from tests.screens.helpers import palette, settle
from tests.screens.seed import seeded_store


def make_app(tmp_path: Path, pack: ContentPack, settings: Path) -> SrtApp:
    """The app on the records in tmp_path/data (seeded on first use), its preferences in ``settings``."""
    data = tmp_path / "data"
    store = RecordStore(data) if data.exists() else seeded_store(data)
    return SrtApp(store, pack, settings=SettingsFile(settings))


def toasts(app: SrtApp) -> list[str]:
    """The notifications on screen (run_test shows them only with notifications=True)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_a_theme_chosen_in_the_palette_is_there_on_the_next_run(tmp_path: Path, pack: ContentPack) -> None:
    settings = tmp_path / "config" / "settings.json"
    first = make_app(tmp_path, pack, settings)
    async with first.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert first.theme == "textual-dark"
        await palette(pilot, "theme")  # Textual's own "Theme" command lists every theme
        await pilot.press(*"nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert first.theme == "nord"
    assert json.loads(settings.read_text(encoding="utf-8"))["theme"] == "nord"

    second = make_app(tmp_path, pack, settings)
    async with second.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert second.theme == "nord"
        assert second.current_theme.name == "nord"
        assert toasts(second) == []


async def test_high_contrast_from_the_palette_is_black_and_white_and_remembered(
        tmp_path: Path, pack: ContentPack) -> None:
    settings = tmp_path / "settings.json"
    first = make_app(tmp_path, pack, settings)
    async with first.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await palette(pilot, "high contrast")
        assert first.theme == HIGH_CONTRAST
        await settle(pilot)
        assert first.screen.styles.background == Color.parse("#000000")
        assert first.screen.query_one("#cases").styles.color == Color.parse("#FFFFFF")
    second = make_app(tmp_path, pack, settings)
    async with second.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert second.theme == HIGH_CONTRAST


async def test_a_saved_theme_that_is_gone_falls_back_with_a_toast(tmp_path: Path, pack: ContentPack) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"theme": "a-theme-from-an-older-version"}', encoding="utf-8")
    app = make_app(tmp_path, pack, settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        [toast] = toasts(app)
        assert "a-theme-from-an-older-version" in toast and "no longer available" in toast
    assert "older-version" in settings.read_text(encoding="utf-8")  # only a new choice replaces it


async def test_a_corrupt_settings_file_is_ignored_then_replaced_by_a_choice(tmp_path: Path,
                                                                           pack: ContentPack) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text("{this is not json", encoding="utf-8")
    app = make_app(tmp_path, pack, settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark" and toasts(app) == []
        app.theme = "gruvbox"
        await settle(pilot)
    assert json.loads(settings.read_text(encoding="utf-8")) == {"theme": "gruvbox", "idle_lock_minutes": 5.0}


async def test_a_theme_that_cannot_be_saved_says_so_and_still_applies(tmp_path: Path, pack: ContentPack) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = make_app(tmp_path, pack, blocker / "settings.json")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
        assert app.theme == "nord"
        assert any("could not be saved" in toast for toast in toasts(app))


async def test_demo_mode_uses_the_saved_theme_but_does_not_save_a_new_one(tmp_path: Path,
                                                                         pack: ContentPack) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"theme": "nord"}', encoding="utf-8")
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    app = SrtApp(RecordStore(workspace.records_dir), pack, settings=SettingsFile(settings, writable=False),
                 demo=DemoMode(workspace))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        await palette(pilot, "high contrast")
        assert app.theme == HIGH_CONTRAST
        assert any("not saved" in toast for toast in toasts(app))
    assert json.loads(settings.read_text(encoding="utf-8")) == {"theme": "nord"}


async def test_without_a_settings_file_nothing_is_read_or_written(app: SrtApp, isolated_config_dir: Path) -> None:
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert list(isolated_config_dir.iterdir()) == []
