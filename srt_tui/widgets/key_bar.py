"""The line of keys at the bottom of every screen: what Textual's Footer shows, as one widget.

Footer is a container with a widget per key (a FooterKey, styled from two stylesheets with
two component classes each), and it composes all of them again whenever the screen's
bindings are updated: when a screen is shown, when focus moves, when a worker ends. On the
case list that was about 30 ms of the 115 ms from ``App.run`` to the first frame (medians of
10 launches with 1,000 cases, 2-core VM), and the same again on every screen after. KeyBar
works out the same keys, grouped the same way, and draws them as one line; it draws again
only when what it shows changes.

It looks and acts as Footer: the same colours (the theme's ``$footer-*`` variables), spacing
and groups (a group's keys side by side, then the group's name), the command palette's key at
the right, a key that is not available now dimmed, the hovered key highlighted with its
tooltip, and a click on a key as pressing it. Unlike Footer, which cut the keys that did not
fit (at 80 columns the session screen showed "f8 End sessi" and no way back), keys that do
not fit go on a second line, each key whole. Spacing comes from the component classes, so
the app's stylesheet can pack the keys tighter on a narrow screen (``Screen.-narrow KeyBar``
in ``app.tcss``).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.dom import NoScreen
from textual.geometry import Offset, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

PALETTE_BORDER = "▏"  # Footer's "vkey" border at the left of the palette's key
MAX_LINES = 2  # keys that do not fit on one line go on a second; beyond it they are left out


class _Key(NamedTuple):
    """One key as shown: what a click presses, what is shown, and whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class _Group(NamedTuple):
    """Keys shown side by side, then the name of what they do ("←→ 10s")."""

    keys: tuple[_Key, ...]
    description: str
    compact: bool  # the keys touch ("←→"), else one space apart ("[/p ]/n 1-9")


class _Keys(NamedTuple):
    """Everything the bar shows, compared to decide whether to draw again."""

    items: tuple[_Key | _Group, ...]
    palette: _Key | None


# A cell run: its text, what it is (picks the style) and which key a click on it presses.
_Run = tuple[str, str, _Key | None]


class KeyBar(Widget):
    """The keys of the screen's bindings that are shown (``Binding.show``), on one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-bar--item",
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--palette",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        width: 100%;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--item {
            background: $footer-item-background;
            margin: 0;
        }
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
            padding: 0 1 0 0;
        }
        & > .key-bar--hover {
            background: $block-hover-background;
        }
        & > .key-bar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self._keys: _Keys | None = None
        self._lines: list[list[_Run]] = []
        self._lines_for: tuple[Any, ...] | None = None  # the keys and width the lines were laid out for
        self._hover: _Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        try:
            self.screen.bindings_updated_signal.unsubscribe(self)
        except NoScreen:
            pass

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            keys = self._read_keys(screen)
            if keys != self._keys:
                lines = len(self._layout(self.size.width))
                self._keys = keys
                self.refresh(layout=len(self._layout(self.size.width)) != lines)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines_for = None  # spacing and colours may have changed

    @property
    def keys(self) -> _Keys:
        """What the bar shows now (worked out from the screen's bindings when they change)."""
        if self._keys is None:
            self._keys = self._read_keys(self.screen)
        return self._keys

    def _read_keys(self, screen: Screen[Any]) -> _Keys:
        """Footer's choice and grouping of keys: one key per action (the first bound), and
        consecutive actions of one binding group together when there are two or more."""
        app = self.app
        active = screen.active_bindings
        by_action: defaultdict[str, list[_Key]] = defaultdict(list)
        groups = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append(_Key(binding.key, app.get_key_display(binding),
                                                      binding.description, enabled, tooltip))
                groups.setdefault(binding.action, binding.group)
        items: list[_Key | _Group] = []
        for group, actions in groupby(by_action, groups.__getitem__):
            firsts = [by_action[action][0] for action in actions]
            if group is not None and len(firsts) > 1:
                keys = tuple(_Key(key.key, key.display, "", key.enabled, key.tooltip or key.description)
                             for key in firsts)
                items.append(_Group(keys, group.description, group.compact))
            else:
                items.extend(firsts)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = _Key(binding.key, app.get_key_display(binding), binding.description, enabled,
                               binding.tooltip or binding.description)
        return _Keys(tuple(items), palette)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def _layout(self, width: int) -> list[list[_Run]]:
        """The bar's lines as runs of cells, for the current keys and styles at ``width``: the
        keys in order, each whole, on as many lines as they need up to MAX_LINES; the palette's
        key at the right of the first."""
        keys = self.keys
        if self._lines_for == (keys, width):
            return self._lines
        gap = self.get_component_styles("key-bar--item").margin.right
        key_pad = self.get_component_styles("key-bar--key").padding
        text_pad = self.get_component_styles("key-bar--description").padding
        palette_styles = self.get_component_styles("key-bar--palette")
        pieces: list[list[_Run]] = []  # one per key or group, each ending in its space
        for item in keys.items:
            if isinstance(item, _Key):
                piece = [(" " * key_pad.left + item.display + " " * key_pad.right, "key", item),
                         (" " * text_pad.left + item.description + " " * text_pad.right, "description", item),
                         (" " * gap, "bar", None)]
            else:
                piece = [(" " * key_pad.left, "bar", None)]
                for n, key in enumerate(item.keys):
                    if n and not item.compact:
                        piece.append((" ", "bar", None))
                    piece.append((key.display, "key", key))
                piece += [(" ", "bar", None), (item.description, "description", None), (" ", "bar", None)]
            pieces.append(piece)
        palette: list[_Run] = []
        if keys.palette is not None and palette_styles.display != "none":
            key = keys.palette
            palette = [(PALETTE_BORDER, "palette", None), (key.display, "key", key),
                       (" " + key.description, "description", key), (" ", "bar", None)]
        rooms = [max(0, width - _length(palette))] + [width] * (MAX_LINES - 1)
        lines = _fill(pieces, rooms)
        for line, room in zip(lines, rooms):
            line.append((" " * (room - _length(line)), "bar", None))
        lines[0] += palette
        self._lines, self._lines_for = lines, (keys, width)
        return lines

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        styles = {
            "bar": Style(bgcolor=base.bgcolor),  # spaces between keys: the background alone, as Footer
            "key": self.get_component_rich_style("key-bar--key"),
            "description": self.get_component_rich_style("key-bar--description"),
            "palette": self.get_component_rich_style("key-bar--palette"),
        }
        item = self.get_component_rich_style("key-bar--item", partial=True)
        hover = self.get_component_rich_style("key-bar--hover", partial=True)
        dim = Style(dim=True)
        segments = []
        lines = self._layout(self.size.width)
        for text, role, key in lines[y] if y < len(lines) else ():
            if not text:
                continue
            style = styles[role]
            if key is not None:
                style = item + style
                if not key.enabled:
                    style += dim
                if key == self._hover:
                    style += hover
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(self.size.width, base)

    def _key_at(self, offset: Offset) -> _Key | None:
        lines = self._layout(self.size.width)
        at = 0
        for text, _role, key in lines[offset.y] if 0 <= offset.y < len(lines) else ():
            at += cell_len(text)
            if offset.x < at:
                return key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.offset))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: _Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = Content(key.tooltip) if key is not None and key.tooltip else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.offset)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()


def _length(runs: list[_Run]) -> int:
    return sum(cell_len(text) for text, _, _ in runs)


def _fill(pieces: list[list[_Run]], rooms: list[int]) -> list[list[_Run]]:
    """The pieces in order on lines of the given widths (at least one line), each piece whole
    (a piece's closing space may be left out at the end of a line); those that do not fit on
    the last line are left out."""
    lines: list[list[_Run]] = [[]]
    room = rooms[0]
    for piece in pieces:
        length = _length(piece)
        needed = length - cell_len(piece[-1][0])  # without its closing space
        while needed > room:
            if len(lines) == len(rooms) or needed > rooms[len(lines)]:
                return lines  # no line left, or too wide for a line of its own
            lines.append([])
            room = rooms[len(lines) - 1]
        if length > room:  # it ends the line: no room for its closing space, nor for another key
            lines[-1] += piece[:-1]
            room = 0
        else:
            lines[-1] += piece
            room -= length
    return lines


__all__ = ["KeyBar"]
