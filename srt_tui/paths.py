"""Where things live: the records folder and the bundled demo content pack.

Records go to the user's data directory (``platformdirs``) unless the caller names
another; ``SRT_TUI_DATA_DIR`` overrides the default so tests never touch real records.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

APP_NAME = "srt-tui"
DATA_DIR_ENV = "SRT_TUI_DATA_DIR"
CACHE_DIR_ENV = "SRT_TUI_CACHE_DIR"

_PACKAGE = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return user_data_path(APP_NAME, appauthor=False)


def default_cache_dir() -> Path:
    """What srt-tui keeps only to start faster (never records): the user cache folder, or
    ``SRT_TUI_CACHE_DIR`` when that is set (tests use it)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    folder = user_cache_path(APP_NAME, appauthor=False)
    if os.name == "nt":  # %LOCALAPPDATA%\srt-tui\Cache would be inside the records folder
        return folder.parent.with_name(f"{APP_NAME}-cache")
    return folder


def demo_pack_dir() -> Path:
    """The demo toolkit: ``data/`` beside the package in a source checkout, else the
    copy the wheel carries inside the package."""
    checkout = _PACKAGE.parent / "data"
    if (checkout / "toolkit.toml").is_file():
        return checkout
    return _PACKAGE / "demo_pack"


def default_export_dir() -> Path:
    """``exports/`` in a source checkout; otherwise an ``exports`` folder in the current one."""
    checkout = _PACKAGE.parent / "exports"
    if checkout.is_dir():
        return checkout
    return Path.cwd() / "exports"
