"""Fixtures for the durability tests that drive the real app."""

from __future__ import annotations

import time

import pytest

from srt_tui.content.loader import load_pack
from srt_tui.content.model import ContentPack
from srt_tui.paths import demo_pack_dir


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
