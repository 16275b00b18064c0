"""Textual's Footer, composed again only when the keys it shows change.

Footer shows no key until the screen first updates its bindings, and then composes its
keys (a dozen widgets, each styled twice) again every time they are updated: when the
screen is shown, when focus moves, when a worker ends. On the case overview that was twice
after its first frame, for the same keys each time. This footer shows the keys from its
first frame, and lets an update through only if it would show something else (another
key, description or tooltip, a key enabled or not), once however many updates come before
it is composed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class SteadyFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Footer waits for the screen's first bindings update to show any key, so its keys
        # came a frame after the screen; the bindings are there when it is composed.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple[Any, ...] | None = None  # what the last compose showed
        self._pending = False  # a compose is on its way: a second update has nothing to add

    def compose(self) -> ComposeResult:
        self._pending = False
        self._shown = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # Born compact, then bound to this footer's value: styled twice on mount.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen and (self._pending or self._keys(screen) == self._shown):
            return
        super().bindings_changed(screen)
        self._pending = screen.app.app_focus and self.is_attached and screen is self.screen

    def _keys(self, screen: Screen[Any]) -> tuple[Any, ...]:
        return (self.show_command_palette, self.compact, *(
            (key, binding.description, binding.action, binding.group, binding.key_display, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        ))


__all__ = ["SteadyFooter"]
