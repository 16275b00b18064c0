"""Drive the real app in a real terminal: tmux runs it, send-keys types, capture-pane reads."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

WAIT_LIMIT = 30.0  # seconds to wait for the screen to show something before failing
KEY_GAP = 0.25  # seconds between keystrokes: a quick typist, not a paste


class TmuxApp:
    """The app in a tmux server of its own (``tmux -L``, as :class:`bench.terminal.Terminal`):
    on the shared default server, tests running side by side raced it as it shut down after
    another test's last session ("server exited unexpectedly"), and a test failed to start."""

    def __init__(self, command: list[str], size: tuple[int, int] = (120, 40), env: dict[str, str] | None = None):
        if shutil.which("tmux") is None:
            raise AssertionError("tmux is not installed: ./dev.sh test installs it (apt-get install tmux)")
        self.name = f"srt-e2e-{uuid.uuid4().hex[:8]}"  # the server's socket and the session
        width, height = size
        env_args = [f"{key}={value}" for key, value in (env or {}).items()]
        # Start a shell-less session running the app; `remain-on-exit` keeps its last screen.
        # COLUMNS/LINES go: the tmux server keeps the environment of whoever started it (under
        # pytest they say 80x24), and the app would believe them over the pane's real size.
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  "env", "-u", "COLUMNS", "-u", "LINES", "TERM=xterm-256color", *env_args, *command)
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self._socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def tmux(self, *args: str, check: bool = True) -> str:
        """Run a tmux command on this app's server; its output."""
        return subprocess.run(["tmux", "-L", self.name, "-f", os.devnull, *args],
                              capture_output=True, text=True, check=check).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(KEY_GAP)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)
        time.sleep(KEY_GAP)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def styled_line(self, text: str, below: int = 0) -> str:
        """The screen line ``below`` lines under the first one holding ``text``, with its
        colours as escape sequences ("" if no line holds it)."""
        lines = self.tmux("capture-pane", "-p", "-e", "-t", self.name).splitlines()
        found = next((index for index, line in enumerate(lines) if text in line), None)
        if found is None or found + below >= len(lines):
            return ""
        return lines[found + below]

    def focus_with(self, key: str, text: str, below: int = 0, limit: float = WAIT_LIMIT) -> None:
        """Press ``key`` and wait until the field drawn on the line ``below`` lines under
        ``text`` has taken the focus.

        Textual hands a key to the widget focused when the key is read, so text typed before
        a focus key has been handled lands in the field being left: on a busy machine
        "abc<Tab>def" put "abcdef" in one field. A focused field's border is drawn in another
        colour, so that line changes when the focus arrives (or, if it was out of view, the
        line comes into view as the focus scrolls to it)."""
        before = self.styled_line(text, below)
        self.keys(key)
        deadline = time.monotonic() + limit
        while self.styled_line(text, below) == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"{key} never moved the focus to the field at {text!r}:\n{self.screen()}")
            time.sleep(0.05)

    def wait_for(self, text: str, limit: float = WAIT_LIMIT) -> str:
        """Wait until ``text`` is on screen and return the screen; fail with what is there."""
        deadline = time.monotonic() + limit
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear on the screen:\n{screen}")
            time.sleep(0.2)

    def wait_until_gone(self, text: str, limit: float = WAIT_LIMIT) -> str:
        deadline = time.monotonic() + limit
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} stayed on the screen:\n{screen}")
            time.sleep(0.2)

    def dead(self) -> bool:
        return self.tmux("list-panes", "-t", self.name, "-F", "#{pane_dead}", check=False).strip() == "1"

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        self._socket_path.unlink(missing_ok=True)  # tmux leaves it behind


def create_case(app: TmuxApp, ref: str, alias: str, limit: float = WAIT_LIMIT) -> None:
    """From the case list, create a case and wait for its overview.

    Waits for a label only the dialog shows: "New case" is also in the case list's footer,
    so waiting for it typed the reference before the dialog was up, and lost it."""
    app.keys("C-n")
    app.wait_for("Alias or initials", limit)
    app.type(ref)
    app.wait_for(ref, limit)
    app.focus_with("Tab", "e.g. J.B.", limit=limit)  # the alias field, by its placeholder
    app.type(alias)
    app.wait_for(alias, limit)
    app.keys("Enter")
    app.wait_for("Start session", limit)
    app.wait_for(ref, limit)


def files_containing(folder: Path, text: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text in p.read_text(encoding="utf-8", errors="replace")]


def wait_for_file_text(folder: Path, text: str, limit: float = WAIT_LIMIT) -> list[Path]:
    """Wait until some file under ``folder`` holds ``text``; fail if none does in time."""
    deadline = time.monotonic() + limit
    while not (found := files_containing(folder, text)):
        if time.monotonic() > deadline:
            raise AssertionError(f"no file under {folder} came to hold {text!r}")
        time.sleep(0.2)
    return found
