"""Preferences on disk: read forgivingly, written atomically, never written in read-only mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from platformdirs import user_config_path, user_data_path

from srt_tui.settings import CONFIG_DIR_ENV, Settings, SettingsFile, default_settings_path


def test_missing_file_reads_as_defaults(tmp_path: Path) -> None:
    assert SettingsFile(tmp_path / "nowhere" / "settings.json").load() == Settings()


@pytest.mark.parametrize("content", [
    b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"nord"', b'{"theme": 3}', b'{"theme": "   "}',
    b"[" * 5000 + b"]" * 5000, b'{"theme": "nord"}' + b" " * 70_000,
], ids=["broken", "not-utf8", "list", "string", "number", "blank", "deep", "huge"])
def test_a_corrupt_file_reads_as_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert SettingsFile(path).load() == Settings()


def test_a_folder_in_place_of_the_file_reads_as_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()
    assert SettingsFile(tmp_path / "settings.json").load() == Settings()


def test_save_then_load_and_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.json"
    SettingsFile(path).save(Settings(theme="high-contrast"))
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "high-contrast", "idle_lock_minutes": 5.0}
    assert SettingsFile(path).load() == Settings(theme="high-contrast")
    path.write_text('{"theme": "nord", "from_a_later_version": true}', encoding="utf-8")
    assert SettingsFile(path).load() == Settings(theme="nord")
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary file left


def test_read_only_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    SettingsFile(path, writable=False).save(Settings(theme="nord"))
    assert not path.exists()


def test_an_unwritable_folder_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        SettingsFile(blocker / "settings.json").save(Settings(theme="nord"))


def test_default_path_honours_the_override_and_is_apart_from_the_records(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path))
    assert default_settings_path() == tmp_path / "settings.json"
    monkeypatch.delenv(CONFIG_DIR_ENV)
    path = default_settings_path()
    assert path == user_config_path("srt-tui", appauthor=False, roaming=True) / "settings.json"
    assert path.parent != user_data_path("srt-tui", appauthor=False)  # never beside the records
