"""Charts: inline SVG with escaped labels and a text alternative; text bars for Markdown."""

from __future__ import annotations

import re

from srt_tui.export.charts import DONE, SKIPPED, Bar, bar_chart_svg, text_bar
from tests.export.facts import parse_html


def test_svg_bars_are_proportional_and_labels_escaped() -> None:
    svg = bar_chart_svg("Progress <b>", [
        Bar("<script>x</script>", ((3, DONE), (1, SKIPPED)), 8, "3 done"),
        Bar("Empty", (), 0, "nothing"),
    ])
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt;" in svg
    assert 'aria-label="Progress &lt;b&gt;: &lt;script&gt;x&lt;/script&gt;: 3 done; Empty: nothing"' in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="14" fill="#', svg)]
    # background 300, done 3/8 of it, not relevant 1/8, then the empty row's background
    assert widths == [300, 112.5, 37.5, 300]
    root = parse_html(svg)
    assert [t.text() for t in root.find_all("text")] == ["<script>x</script>", "3 done", "Empty", "nothing"]
    assert not re.search(r"href|<image|<foreignObject|on\w+=", svg)


def test_text_bar() -> None:
    assert text_bar(3, 1, 8) == "███▒░░░░"
    assert text_bar(0, 0, 5) == "░░░░░"
    assert text_bar(8, 0, 8) == "████████"
    assert len(text_bar(10, 5, 40)) == 16  # scaled when there are many exercises
    assert text_bar(0, 0, 0) == "░░░░"
