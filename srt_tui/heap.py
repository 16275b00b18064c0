"""Garbage collection around start-up: none while the app starts, short pauses after.

Start-up makes hundreds of thousands of objects (Textual's modules, styles and widgets,
the content pack, the case list's rows) and nearly all of them live as long as the app, so
the collector's passes while it starts find almost nothing to free: the command line pauses
collection before the app's imports (:func:`pause_collection`, 5-10% of start-up).

Once the first screen shows its cases, :func:`freeze_start_up_objects` collects once and
moves every object left to the collector's permanent generation, which later passes skip
(:func:`gc.freeze`), and turns collection back on. Without it a full pass walked all of
them and paused typing in the case list for 20-45 ms now and then, with an office's
caseload. Objects made later are collected as usual.

The first case overview is made once and kept for the rest of the run (see
:func:`srt_tui.screens.case_overview.show_case_overview`), and leaving the case list the first
time leaves its own long-lived objects (caches of styles and drawn lines): once it has
shown, :func:`freeze_kept_objects` collects and freezes again. Without it, the passes of the
oldest generation walked them all and paused one case opening in ten by 40-100 ms.

That moment is also the end of start-up for work that should not compete with the first
screen (the start backup): :func:`after_start_up` runs a callback then.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

_frozen = False
_kept_frozen = False
_paused = False
_after_start_up: list[Callable[[], None]] = []


def pause_collection() -> None:
    """Turn the collector off until :func:`freeze_start_up_objects` runs."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Turn the collector back on if :func:`pause_collection` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def after_start_up(callback: Callable[[], None]) -> None:
    """Call ``callback`` once, at the next :func:`freeze_start_up_objects` (when the first
    screen has painted its cases), on the thread that calls it."""
    _after_start_up.append(callback)


def freeze_start_up_objects() -> None:
    """Collect, freeze what is left (only the first call in a process), resume collection,
    and run the callbacks waiting for the end of start-up."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
    resume_collection()
    waiting = list(_after_start_up)
    _after_start_up.clear()
    for callback in waiting:
        callback()


def freeze_kept_objects() -> None:
    """Collect, then freeze what is left (only the first call in a process, and only after
    :func:`freeze_start_up_objects`): call it once the objects that live as long as the app
    from now on are made."""
    global _kept_frozen
    if _frozen and not _kept_frozen and gc.isenabled():
        _kept_frozen = True
        gc.collect()
        gc.freeze()
