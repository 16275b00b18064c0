"""Fixtures shared by every test: records never leave a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.paths import DATA_DIR_ENV, demo_pack_dir


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default data folder at a fresh temporary one for every test."""
    folder = tmp_path_factory.mktemp("srt-data")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def demo_pack_path() -> Path:
    return demo_pack_dir()
