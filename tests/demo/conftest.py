"""Fixtures for the demo tests: the real demo pack, and one fixed day so output is repeatable."""

from __future__ import annotations

from datetime import date

import pytest

from srt_tui.content.loader import load_pack
from srt_tui.content.model import ContentPack
from srt_tui.paths import demo_pack_dir

DEMO_TODAY = date(2026, 11, 16)


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())
