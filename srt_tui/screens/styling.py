"""Styling a screen no more often than needed: its breakpoint classes given before its
widgets are styled, and no restyle of a screen shown again when nothing it depends on changed."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.events import ScreenResume
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


class KeptStyles:
    """What a screen's widgets were last styled with, so that showing the screen again
    restyles them only if that changed.

    Textual styles every widget of a screen again each time it is shown (Screen's own
    ScreenResume handler), in case the CSS changed while it was hidden: most of the time of
    showing a screen already made, and tables draw every line again after it. Their styles
    depend, beyond their own classes and state, on the app's CSS rules (a new list whenever
    CSS is added or the theme changes), theme and classes; when those are as they were, the
    restyle is skipped. (A widget met for the first time can add rules, styling only itself
    with them: then the rules are a new list, and the restyle happens.)"""

    def __init__(self) -> None:
        self._with: tuple[object, ...] | None = None

    @staticmethod
    def _now(app: App[Any]) -> tuple[object, ...]:
        return (app.stylesheet.rules, app.theme, frozenset(app.classes))

    def styled(self, app: App[Any]) -> None:
        """The screen's widgets were just styled (as it mounted)."""
        self._with = self._now(app)

    def resumed(self, app: App[Any], event: ScreenResume) -> None:
        """The screen is shown again: call from its ScreenResume handler, which runs before
        Screen's own."""
        now = self._now(app)
        if self._with is not None and self._with[0] is now[0] and self._with[1:] == now[1:]:
            event.refresh_styles = False
        self._with = now
