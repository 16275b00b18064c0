"""The user's preferences (for now, the theme), kept in a small JSON file.

The file lives in the user config folder (``platformdirs``), or in ``SRT_TUI_CONFIG_DIR``
when that is set (tests use it). On Windows the *roaming* config folder is used, so the
preferences never share a folder with the records (``%LOCALAPPDATA%``).

Preferences are a convenience, never a reason to fail: a missing, unreadable or corrupt
file reads as the defaults, and unknown keys are ignored. Writes are atomic.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from platformdirs import user_config_path

from srt_tui.atomic import atomic_write_text
from srt_tui.paths import APP_NAME

CONFIG_DIR_ENV = "SRT_TUI_CONFIG_DIR"
SETTINGS_NAME = "settings.json"
_MAX_BYTES = 64 * 1024  # a settings file is a few dozen bytes; anything huge is not ours


def default_settings_path() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    folder = Path(override) if override else user_config_path(APP_NAME, appauthor=False, roaming=True)
    return folder / SETTINGS_NAME


IDLE_LOCK_MINUTES = 5.0
_IDLE_LOCK_RANGE = (0.5, 240.0)  # half a minute to four hours; anything else reads as the default


class Settings(NamedTuple):
    theme: str | None = None  # a Textual theme name; None: the app's default
    idle_lock_minutes: float = IDLE_LOCK_MINUTES  # with a passphrase set, lock after this long idle

    def to_dict(self) -> dict[str, Any]:
        return {"theme": self.theme, "idle_lock_minutes": self.idle_lock_minutes}

    @classmethod
    def from_dict(cls, data: object) -> Settings:
        if not isinstance(data, dict):
            return cls()
        theme = data.get("theme")
        minutes = data.get("idle_lock_minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not (
                _IDLE_LOCK_RANGE[0] <= minutes <= _IDLE_LOCK_RANGE[1]):
            minutes = IDLE_LOCK_MINUTES
        return cls(theme=theme if isinstance(theme, str) and theme.strip() else None,
                   idle_lock_minutes=float(minutes))


class SettingsFile:
    """Where preferences are read from and, if ``writable``, saved to.

    Demo mode opens it read-only: the saved theme is used, but nothing is written.
    """

    def __init__(self, path: Path, *, writable: bool = True) -> None:
        self.path = Path(path)
        self.writable = writable

    def load(self) -> Settings:
        """The saved preferences; the defaults if there are none or they cannot be read."""
        try:
            if self.path.stat().st_size > _MAX_BYTES:
                return Settings()
            return Settings.from_dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return Settings()

    def save(self, settings: Settings) -> None:
        """Write the preferences atomically. Raises ``OSError`` if the folder is not writable."""
        if self.writable:
            atomic_write_text(self.path, json.dumps(settings.to_dict(), indent=2) + "\n")


__all__ = ["CONFIG_DIR_ENV", "Settings", "SettingsFile", "default_settings_path"]
