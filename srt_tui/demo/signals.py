"""Ending the demo cleanly when its terminal goes away.

Closing the terminal window sends SIGHUP, and ``kill`` sends SIGTERM; by default either ends
the process at once, before the demo folder is deleted. Inside the running event loop these
signals instead ask the app to quit, so the usual clean-up runs. Windows has neither signal
(closing the console there ends the process; the folder stays in the temp folder).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


def quit_on_hangup(quit_app: Callable[[], object]) -> None:
    """Call ``quit_app`` on SIGHUP or SIGTERM. Must be called inside the running event loop."""
    loop = asyncio.get_running_loop()
    for number in _SIGNALS:
        try:
            loop.add_signal_handler(number, quit_app)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no signal support in this loop or thread: nothing more to do
