"""Knowing when a frame reached the terminal, inside an app driven by Pilot.

Textual paints in frames: a change marks widgets dirty, and the screen's update timer lays
them out, renders the changed regions and hands them to ``App._display``, which encodes them
as terminal text and writes it. Headless (under Pilot) ``_display`` skips the encoding and
the write, so :class:`FrameClock` wraps it and encodes each frame itself (the same
``render_segments`` call a real terminal gets, leaving out only the ``write``), then notes
the time. A figure measured to a frame from it therefore covers the handler, layout,
compositing and the terminal text of that frame.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual._compositor import CompositorUpdate
from textual.app import App


class FrameClock:
    """Notes when frames are painted: ``expect`` a state, then ``wait`` for the first frame showing it."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._original = app._display
        self._ready: Callable[[], bool] | None = None
        self._painted_at: float | None = None
        self.cpu_at = 0.0  # the UI thread's CPU time (time.thread_time) when that frame was painted
        app._display = self._display  # type: ignore[method-assign]

    def _display(self, screen: Any, renderable: Any) -> None:
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self._app.console)
        self._original(screen, renderable)
        if self._ready is not None and self._painted_at is None and self._ready():
            self._painted_at = time.perf_counter()
            self.cpu_at = time.thread_time()

    def expect(self, ready: Callable[[], bool]) -> None:
        """Start watching for the first frame painted while ``ready()`` is true."""
        self._painted_at = None
        self._ready = ready

    async def wait(self, limit: float = 10.0) -> float:
        """The ``perf_counter`` time of the frame ``expect`` asked for (waits for it)."""
        deadline = time.perf_counter() + limit
        while self._painted_at is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("the expected frame was never painted")
            await asyncio.sleep(0.001)
        painted, self._ready = self._painted_at, None
        return painted
