"""Ending the demo cleanly when its terminal goes away or it is told to stop.

``kill`` sends SIGTERM: the terminal is still there, so the app is asked to quit and the
usual clean-up (deleting the demo folder) runs. Closing the terminal window sends SIGHUP:
the terminal is gone, and Textual's own shutdown writes to it and can block for ever (seen
here: its writer queue stalls). So on SIGHUP the demo folder is deleted straight away and
the process ends without that shutdown; a demo has nothing else worth saving. Windows has
neither signal (closing the console there ends the process; the folder stays in the temp
folder).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable


def quit_on_signals(quit_app: Callable[[], object], terminal_gone: Callable[[], object]) -> None:
    """Call ``quit_app`` on SIGTERM and ``terminal_gone`` on SIGHUP (where they exist).
    Must be called inside the running event loop."""
    loop = asyncio.get_running_loop()
    handlers = (("SIGTERM", quit_app), ("SIGHUP", terminal_gone))
    for name, handler in handlers:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, handler)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no signal support in this loop or thread: nothing more to do
