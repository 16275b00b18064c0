"""Open a clip in the VLC program, in its own window, with its subtitles.

VLC's own output goes nowhere near the terminal (stdin, stdout and stderr are all
closed to it), so the session screen stays clean while a clip plays.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from srt_tui.content.model import Clip


class PlayerError(Exception):
    """A clip could not be opened; the message is one sentence for the practitioner."""


def install_hint(platform: str = sys.platform) -> str:
    """How to get VLC on this operating system."""
    if platform.startswith("win"):
        return "install VLC for Windows from videolan.org (the official installer), then try again"
    if platform == "darwin":
        return "install VLC for macOS from videolan.org into Applications, then try again"
    return "install it with your package manager (e.g. sudo apt install vlc), then try again"


def _known_locations(platform: str) -> list[Path]:
    if platform.startswith("win"):
        roots = [os.environ.get(name) for name in ("ProgramFiles", "ProgramFiles(x86)")]
        return [Path(root) / "VideoLAN" / "VLC" / "vlc.exe" for root in roots if root]
    if platform == "darwin":
        return [Path("/Applications/VLC.app/Contents/MacOS/VLC")]
    return []


def find_vlc(platform: str = sys.platform) -> Path | None:
    """The VLC program: on PATH, else where the official installer puts it."""
    found = shutil.which("vlc")
    if found:
        return Path(found)
    return next((path for path in _known_locations(platform) if path.is_file()), None)


def vlc_command(vlc: Path, clip: Clip) -> list[str]:
    """The command line that plays ``clip`` once, with subtitles when it has them."""
    command = [str(vlc), "--play-and-exit", "--no-video-title-show"]
    if clip.subtitles is not None and clip.subtitles.is_file():
        command.append(f"--sub-file={clip.subtitles}")
    command.append(str(clip.file))
    return command


def open_in_vlc(clip: Clip, vlc: Path | None = None) -> subprocess.Popen[bytes]:
    """Start VLC on ``clip`` and return at once; raise PlayerError when it cannot start."""
    program = vlc or find_vlc()
    if program is None:
        raise PlayerError(f"VLC was not found: {install_hint()}.")
    if not clip.file.is_file():
        raise PlayerError(f"The clip file {clip.file.name} is missing from the content pack.")
    detach: dict[str, object] = {"start_new_session": True} if os.name == "posix" else {
        "creationflags": getattr(subprocess, "DETACHED_PROCESS", 0)
    }
    try:
        return subprocess.Popen(  # noqa: S603 - a list of arguments, no shell
            vlc_command(program, clip),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **detach,  # type: ignore[arg-type]
        )
    except OSError as error:
        raise PlayerError(f"VLC could not be started: {error.strerror or error}.") from None
