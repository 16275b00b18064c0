"""Progress and Ctrl+C for long jobs run from the shell.

:class:`TextProgress` draws ``[######------]  12/40  CRN-2026/0042`` on stderr: redrawn in
place on a terminal, one line per item when stderr is a file or a pipe (a log then shows
every case). Plain ASCII and a carriage return only, so any console shows it (a Windows
console without escape codes, or stderr redirected in a legacy code page). :func:`stop_on_ctrl_c` turns the first Ctrl+C into a polite request to stop
after the current item; a second one interrupts at once, as usual.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from srt_tui.export import one_line

WIDTH = 24
LABEL_MAX = 40


class TextProgress:
    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream = stream
        self.what = what
        self.live = stream.isatty()
        self._drawn = 0  # length of the live line on screen (no ANSI codes: Windows consoles)

    def update(self, done: int, total: int, label: str) -> None:
        filled = WIDTH * done // total if total else WIDTH
        name = one_line(label).encode("ascii", "replace").decode("ascii")
        if len(name) > LABEL_MAX:
            name = name[: LABEL_MAX - 3] + "..."
        line = f"{self.what} [{'#' * filled}{'-' * (WIDTH - filled)}] {done:>{len(str(total))}}/{total}  {name}"
        if self.live:
            self.stream.write(f"\r{line.ljust(self._drawn)}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self._drawn = max(self._drawn, len(line))

    def finish(self) -> None:
        """End the live line so what is printed next starts on a line of its own."""
        if self.live and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
        self._drawn = 0


@contextmanager
def stop_on_ctrl_c() -> Iterator[threading.Event]:
    """Inside the block, the first Ctrl+C (SIGINT) sets the returned event instead of raising
    KeyboardInterrupt; the usual behaviour is back for a second Ctrl+C and after the block."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals reach only the main thread; nothing to install
        return
    previous = signal.getsignal(signal.SIGINT)

    def asked_to_stop(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, previous)

    signal.signal(signal.SIGINT, asked_to_stop)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


__all__ = ["TextProgress", "stop_on_ctrl_c"]
