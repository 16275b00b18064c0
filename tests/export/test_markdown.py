"""Markdown export: every section and every piece of the record, user text shown literally."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from srt_tui.content.model import ContentPack
from srt_tui.export.markdown import escape_md, render_markdown
from srt_tui.records.model import Case, Session
from tests.export.samples import ALIAS, PLAIN, REF, SCRIPT, summary_of

SECTIONS = [
    "OFFICIAL-SENSITIVE",
    "Contains criminal-offence data — handle per your local policy",
    "## Overview",
    "- **Category:** Foundation completed",
    "- **Sessions held:** 2",
    "- **Last seen:** Tue 10 Mar 2026",
    "- **F02 Children first** (Tue 3 Mar 2026): No children in the household",
    "## Case details",
    "### Progress per module",
    "## Sessions",
    "### Session 1 — Tue 3 Mar 2026, 14:05–15:10",
    "### Session 2 — Tue 10 Mar 2026, 10:00 – not ended",
    "#### Exercises",
    "#### Last task reviewed",
    "#### Session notes",
    "#### Participant's reflections",
    "#### Task set for next time",
    "#### Plan for next session",
    "#### Amendments",
    "| Foundation | `█▒` | 1 | 1 | 2 |",
    "| Thinking skills | `░` | 0 | 0 | 1 |",
]


@pytest.fixture
def markdown(pack: ContentPack, case: Case, sessions: list[Session]) -> str:
    return render_markdown(summary_of(pack, case, sessions))


def _rendered(markdown: str) -> str:
    """The HTML a Markdown viewer would make of the export, raw HTML allowed (the worst case)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_every_section_is_there(markdown: str) -> None:
    for section in SECTIONS:
        assert section in markdown
    assert markdown.startswith("> **OFFICIAL-SENSITIVE**")
    assert f"# Case {REF} ({ALIAS})" in markdown.replace("\\", "")


def test_every_answer_note_and_amendment_is_there(markdown: str) -> None:
    for key, text in PLAIN.items():
        assert text in markdown, key


def test_hostile_text_is_inert(markdown: str) -> None:
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert SCRIPT not in markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "\\[bold\\]x\\[/\\]" in markdown
    html = _rendered(markdown)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[bold]x[/]" in html
    assert "&quot;quotes&quot; &amp; amps" in html
    assert "<a " not in html  # no link from the hyperlink formula or the OSC 8 escape


def test_user_text_cannot_make_structure(markdown: str) -> None:
    html = _rendered(markdown)
    # "# Start the thinking module" typed in a field stays a paragraph, not a heading;
    # "- one" stays text, not a list item.
    assert f"<h1># {PLAIN['plan_next']}</h1>" not in html
    assert f"<h1>{PLAIN['plan_next']}</h1>" not in html
    assert f"# {PLAIN['plan_next']}" in html
    assert "<li>one</li>" not in html
    # Headings are only the ones the export makes.
    assert html.count("<h1>") == 1
    assert html.count("<h3>") == 4  # progress, skips, two sessions


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("# not a heading", "# not a heading"),
        ("  ## indented", "## indented"),
        ("- not a list", "- not a list"),
        ("+ nor this", "+ nor this"),
        ("1. nor a number", "1. nor a number"),
        ("12) nor this", "12) nor this"),
        ("> not a quote", "&gt; not a quote"),
        ("a | b", "a | b"),
        ("*stars* _under_ `code`", "*stars* _under_ `code`"),
        ("[link](http://x.example)", "[link](http://x.example)"),
        ("![img](http://x.example/i.png)", "![img](http://x.example/i.png)"),
        ("&amp; &#60;", "&amp;amp; &amp;#60;"),
        ("back\\slash", "back\\slash"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ],
)
def test_escape_md_shows_text_literally(text: str, shown: str) -> None:
    html = MarkdownIt("commonmark", {"html": True}).render(escape_md(text))
    assert html.strip() == f"<p>{shown}</p>"


def test_setext_underlines_are_defused() -> None:
    html = MarkdownIt("commonmark").render("para\n\n" + escape_md("Title\n===\n---"))
    assert "<h1>" not in html and "<h2>" not in html and "<hr" not in html


def test_multi_line_text_keeps_its_line_breaks(markdown: str) -> None:
    html = _rendered(markdown)
    assert f"{PLAIN['task_set']}<br />\n- one<br />\n- two" in html
