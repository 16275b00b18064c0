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
"""

from __future__ import annotations

import gc

_frozen = False
_paused = False


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


def freeze_start_up_objects() -> None:
    """Collect, freeze what is left (only the first call in a process), and resume collection."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
    resume_collection()
