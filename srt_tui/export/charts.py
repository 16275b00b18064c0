"""Small charts as inline SVG for the HTML exports, and as text bars for Markdown.

The SVG is written into the page itself (no files, no scripts, no fonts to load): bars are
``rect`` elements with presentation attributes, every label is escaped. Each chart has a
``<title>`` and ``role="img"`` with a text alternative, and the same numbers always appear in
a table next to it, so nothing is said only by the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

DONE = "#1d4f91"
SKIPPED = "#8fa9cc"
REST = "#e3e8ef"
BREACHED = "#b3541e"
INK = "#1b1b1b"

_BAR_WIDTH = 300
_ROW = 42  # a label line, then the bar with its numbers
_BAR = 14
_CHAR = 7.2  # average width of a 13px sans-serif character
_LABEL_MAX = 60


@dataclass(frozen=True)
class Bar:
    """One row of a chart: ``parts`` are (count, colour) drawn left to right out of ``total``."""

    label: str
    parts: tuple[tuple[int, str], ...]
    total: int
    caption: str  # the numbers, written after the bar


def _e(text: str) -> str:
    return escape(text, quote=True)


def _clip(label: str, limit: int = _LABEL_MAX) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(title: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars scaled to each row's own ``total``, each under its label. The chart
    is narrow (labels sit above the bars, not beside them) and scales with the page
    (``viewBox``), so its text stays readable on a phone as well as on A4."""
    labels = [_clip(bar.label) for bar in bars]
    captions = max((len(bar.caption) for bar in bars), default=4)
    longest = max((len(label) for label in labels), default=4)
    width = max(_BAR_WIDTH + 8 + round(_CHAR * captions), round(_CHAR * longest)) + 4
    height = _ROW * len(bars) + 4
    rows = []
    for index, (bar, label) in enumerate(zip(bars, labels)):
        y = index * _ROW
        rows.append(
            f'<text x="0" y="{y + 14}" font-size="13" fill="{INK}">{_e(label)}</text>'
            f'<rect x="0" y="{y + 20}" width="{_BAR_WIDTH}" height="{_BAR}" fill="{REST}" rx="3"/>'
        )
        x = 0.0
        for count, colour in bar.parts:
            if count <= 0 or bar.total <= 0:
                continue
            w = round(_BAR_WIDTH * min(count, bar.total) / bar.total, 2)
            rows.append(f'<rect x="{x:g}" y="{y + 20}" width="{w:g}" height="{_BAR}" fill="{colour}"/>')
            x += w
        rows.append(
            f'<text x="{_BAR_WIDTH + 8}" y="{y + 32}" font-size="13" fill="{INK}">{_e(bar.caption)}</text>'
        )
    alternative = "; ".join(f"{bar.label}: {bar.caption}" for bar in bars)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{_e(title)}: {_e(alternative)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{_e(title)}</title>{''.join(rows)}</svg>"
    )


def text_bar(done: int, skipped: int, total: int, width: int = 16) -> str:
    """``█`` for done, ``▒`` for not relevant, ``░`` for the rest: one character per exercise
    when the total fits in ``width``, scaled otherwise."""
    if total <= 0:
        return "░" * 4
    cells = total if total <= width else width
    full = round(cells * min(done, total) / total)
    light = min(cells - full, round(cells * min(skipped, total) / total))
    return "█" * full + "▒" * light + "░" * (cells - full - light)


__all__ = ["BREACHED", "DONE", "REST", "SKIPPED", "Bar", "bar_chart_svg", "text_bar"]
