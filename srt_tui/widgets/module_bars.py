"""Progress per module in one widget: a line per module with its name, a bar and the counts.

The case overview drew each module as a row of three widgets (a label, Textual's
ProgressBar, itself three widgets, and a label), mounted after the case had loaded: most of
the time it took to open a case went on mounting, styling and laying them out. This draws
the same lines (the bar is Textual's own bar renderable, coloured like ProgressBar's) from
one widget whose height is known at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.renderables.bar import Bar
from textual.widget import Widget

from srt_tui.display import plain
from srt_tui.records.progress import ModuleProgress

WIDE = (16, 16)  # columns for the name and the bar
NARROW = (14, 10)  # on a screen under 100 columns (the app's "-narrow" class)


class ModuleBars(Widget):
    """``Foundation      ━━━━╸━━━━━━━━━━━ 3/8 + 1 not relevant``, one line per module."""

    COMPONENT_CLASSES = {"module-bars--bar", "module-bars--complete"}
    DEFAULT_CSS = """
    ModuleBars {
        height: auto;
        &> .module-bars--bar {
            color: $primary;
            background: $surface;
        }
        &> .module-bars--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.modules: tuple[ModuleProgress, ...] = ()

    def show(self, modules: Sequence[ModuleProgress]) -> None:
        self.modules = tuple(modules)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.modules)

    def render(self) -> RenderResult:
        name_width, bar_width = NARROW if self.screen.has_class("-narrow") else WIDE
        lines = Text(end="", no_wrap=True, overflow="crop")
        for number, module in enumerate(self.modules):
            if number:
                lines.append("\n")
            name = plain(module.title)
            name.truncate(name_width, overflow="crop", pad=True)
            lines.append_text(name)
            lines.append_text(self._bar(module, bar_width))
            counts = f" {module.done}/{module.total}"
            if module.not_relevant:
                counts += f" + {module.not_relevant} not relevant"
            lines.append(counts)
        return lines

    def _bar(self, module: ModuleProgress, width: int) -> Text:
        """The bar as ProgressBar draws it (the renderable rounds its end to half a cell)."""
        done = min(max(module.done / module.total, 0.0), 1.0) if module.total else 1.0
        style = self.get_component_rich_style("module-bars--bar" if done < 1 else "module-bars--complete")
        bar = Bar(highlight_range=(0, width * done), highlight_style=Style.from_color(style.color),
                  background_style=Style.from_color(style.bgcolor), width=width)
        console = self.app.console
        (drawn,) = bar.__rich_console__(console, console.options)
        assert isinstance(drawn, Text)
        return drawn


__all__ = ["ModuleBars"]
