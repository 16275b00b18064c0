"""A screen's breakpoint classes (-narrow, -wide), given before its widgets are styled."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def set_breakpoint_classes(screen: Screen[Any], update: bool = True) -> None:
    """Give ``screen`` the breakpoint classes for the terminal's size now.

    Textual gives a screen these classes on its first Resize, which comes after its widgets
    were styled, and then styles them all again; given before, the event changes nothing.
    ``update=False`` before the screen is mounted (nothing to restyle yet). Uses Screen's
    private ``_get_breakpoint_classes``, so the classes are those Textual would pick (Textual
    is pinned exactly)."""
    app = screen.app
    width, height = app.size
    classes: dict[str, bool] = {}
    for size, breakpoints in ((width, screen.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS),
                              (height, screen.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS)):
        on = screen._get_breakpoint_classes(size, breakpoints or [])
        classes.update({name: name in on for _, name in breakpoints or []})
    screen.update_classes(classes, update=update, animate=False)
