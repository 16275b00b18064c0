"""Screen-test fixtures: the real app on a seeded store and the real demo pack."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from srt_tui.app import SrtApp
from srt_tui.content.loader import load_pack
from srt_tui.content.model import ContentPack
from srt_tui.paths import demo_pack_dir
from tests.screens.seed import seeded_store


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Times on screen are local: pin the zone so snapshots match on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is caught on or off by chance, so a snapshot of a screen with a
    focused filter or note would differ from run to run: keep every cursor shown."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda _self: None)


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())


@pytest.fixture
def app(tmp_path: Path, pack: ContentPack) -> SrtApp:
    return SrtApp(seeded_store(tmp_path / "data"), pack)
