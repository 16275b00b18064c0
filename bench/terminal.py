"""A real terminal for the benchmarks: tmux on a private server, read by polling the screen.

Each :class:`Terminal` uses its own tmux socket (``tmux -L``) so it never touches anyone's
sessions, and keeps one idle session open so the tmux server is already running when a
timed launch begins: a launch then costs what opening a terminal window costs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

POLL = 0.005  # seconds between screen captures while waiting
SIZE = (120, 40)


class Terminal:
    def __init__(self) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed (./dev.sh test installs it)")
        self.socket = f"srt-bench-{uuid.uuid4().hex[:8]}"
        self._count = 0
        self._tmux("new-session", "-d", "-s", "keeper", "-x", "20", "-y", "5", "sleep", "86400")
        self._tmux("set-option", "-g", "remain-on-exit", "on")  # a program that fails leaves its last words
        self._socket_path = Path(self._tmux("display-message", "-p", "#{socket_path}").strip())

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", os.devnull, *args],
                              capture_output=True, text=True, check=True).stdout

    def launch(self, command: list[str], env: dict[str, str] | None = None) -> Window:
        """Start ``command`` in a new window the size of a laptop terminal."""
        self._count += 1
        name = f"w{self._count}"
        settings = [f"{key}={value}" for key, value in (env or {}).items()]
        width, height = SIZE
        # PYTHONDONTWRITEBYTECODE (set in some shells and CI) would make every launch compile
        # srt-tui's modules again; an installed app has its bytecode cached, so the bench does too.
        self._tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                   "env", "-u", "COLUMNS", "-u", "LINES", "-u", "PYTHONDONTWRITEBYTECODE", "TERM=xterm-256color",
                   *settings, *command)
        return Window(self, name)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        self._socket_path.unlink(missing_ok=True)  # tmux leaves it behind


class Window:
    def __init__(self, terminal: Terminal, name: str) -> None:
        self._terminal = terminal
        self.name = name
        self._pid: int | None = None

    @property
    def pid(self) -> int:
        """The launched program's process id (``env`` replaces itself with the program)."""
        if self._pid is None:
            self._pid = int(self._terminal._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}"))
        return self._pid

    def screen(self) -> str:
        return self._terminal._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, limit: float = 60.0) -> float:
        """Poll until ``text`` is on screen; the ``perf_counter`` time it was first seen."""
        deadline = time.perf_counter() + limit
        polls = 0
        while True:
            screen = self.screen()
            seen = time.perf_counter()
            if text in screen:
                return seen
            polls += 1
            if seen > deadline or (polls % 50 == 0 and self.dead()):
                raise RuntimeError(f"{text!r} never appeared; the screen shows:\n{screen}")
            time.sleep(POLL)

    def dead(self) -> bool:
        return self._terminal._tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def keys(self, *keys: str) -> None:
        self._terminal._tmux("send-keys", "-t", self.name, *keys)

    def peak_memory_mib(self) -> float:
        """The program's peak resident memory (VmHWM, Linux only) in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc status")

    def close(self) -> None:
        """End the program and wait until it has gone, so it takes no CPU from the next run."""
        pid = self.pid
        subprocess.run(["tmux", "-L", self._terminal.socket, "kill-session", "-t", self.name],
                       capture_output=True)
        deadline = time.perf_counter() + 10
        while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.01)
