"""Screen-test fixtures: the real app on a seeded store and the real demo pack."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input

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
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """An Input's cursor blinks every half second, so a snapshot taken a little later (a busy
    machine) showed it off: keep it on, as harlequin's tests do."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())


@pytest.fixture
def app(tmp_path: Path, pack: ContentPack) -> SrtApp:
    return SrtApp(seeded_store(tmp_path / "data"), pack)
