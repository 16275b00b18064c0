"""Fixtures shared by every test: records never leave a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from srt_tui.paths import CACHE_DIR_ENV, DATA_DIR_ENV, demo_pack_dir
from srt_tui.records.lock import release_all
from srt_tui.settings import CONFIG_DIR_ENV


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default data folder at a fresh temporary one for every test."""
    folder = tmp_path_factory.mktemp("srt-data")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def isolated_config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """And the preferences (the saved theme) at another, so no test reads or writes the real ones."""
    folder = tmp_path_factory.mktemp("srt-config")
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def isolated_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """And what srt-tui keeps only to start faster (the content pack as last loaded)."""
    folder = tmp_path_factory.mktemp("srt-cache")
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def release_record_locks() -> Iterator[None]:
    """Each store holds its folder's lock (an open file) until released: release them after
    every test, so a long run never has hundreds open at once."""
    yield
    release_all()


@pytest.fixture
def demo_pack_path() -> Path:
    return demo_pack_dir()


@pytest.fixture
def unpickled(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Each unpickling of a kept content pack, by its bytes (slowed a little, so that threads
    asking at once meet in it)."""
    import pickle
    import time

    from srt_tui.content import cache

    done: list[bytes] = []
    real = pickle.loads

    def counted(data: bytes) -> object:
        done.append(data)
        time.sleep(0.05)
        return real(data)

    monkeypatch.setattr(cache.pickle, "loads", counted)
    return done
