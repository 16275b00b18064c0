"""HTML export: one self-contained page, every value escaped, every part of the record shown."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export.html import render_html
from srt_tui.records.model import Case, Session
from tests.export.samples import ALIAS, HOSTILE_SHOWN, PLAIN, REF, SCRIPT, summary_of

SECTIONS = [
    "Overview",
    "Sessions held",
    "Last seen",
    "Open task",
    "Skipped as not relevant",
    "Case details",
    "Progress per module",
    "Sessions",
    "Session 1 — Tue 3 Mar 2026, 14:05–15:10",
    "Session 2 — Tue 10 Mar 2026, 10:00 – not ended",
    "Exercises",
    "Last task reviewed",
    "Session notes",
    "Participant's reflections",
    "Task set for next time",
    "Plan for next session",
    "Amendments",
    "Foundation",
    "Thinking skills",
    "Foundation completed",
    "OFFICIAL-SENSITIVE",
    "Contains criminal-offence data — handle per your local policy",
    "F01 Warning signs",
    "F02 Children first",
    "T01 Thinking traps",
    "Skipped: not relevant",
    "Partly done",
    "Warning signs question 1?",
    "Warning signs question 2?",
]


class _Page(HTMLParser):
    """Collects the tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._in_title = tag == "title" and "body" not in self.tags  # not an SVG chart's title
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._in_style:
            self.text.append(data)


@pytest.fixture
def html(pack: ContentPack, case: Case, sessions: list[Session]) -> str:
    return render_html(summary_of(pack, case, sessions))


@pytest.fixture
def page(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    parser.close()
    return parser


def test_is_a_complete_utf8_page(html: str, page: _Page) -> None:
    assert html.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in html
    assert html.rstrip().endswith("</html>")
    assert page.title == f"Case {REF} ({ALIAS}) — case summary"


def test_every_section_is_there(page: _Page) -> None:
    text = "".join(page.text)
    for section in SECTIONS:
        assert section in text, section


def test_every_answer_note_and_amendment_is_there(page: _Page) -> None:
    text = "".join(page.text)
    for key, value in PLAIN.items():
        assert value in text, key


def test_hostile_text_is_escaped_and_shown_as_text(html: str, page: _Page) -> None:
    assert SCRIPT not in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;quotes&quot; &amp; amps" in html
    assert "\x1b" not in html and "\x07" not in html
    assert "script" not in page.tags
    text = "".join(page.text)
    for shown in HOSTILE_SHOWN.values():
        assert shown in text


def test_self_contained_no_scripts_links_or_images(html: str, page: _Page) -> None:
    assert set(page.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "main", "section", "footer",
        "div", "span", "p", "h1", "h2", "h3", "h4", "strong", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
        "svg", "rect", "text",  # the inline charts
    }
    names = {name for name, _ in page.attributes}
    assert not names & {"href", "src", "srcset", "action", "formaction", "background"}
    assert not any(name.startswith("on") for name in names)
    assert "url(" not in html and "@import" not in html
    csp = dict(page.attributes).get("content") or ""
    assert any(v and "default-src 'none'" in v for _, v in page.attributes), csp


def test_prints_to_a4_with_sessions_kept_together(html: str) -> None:
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", html)
    assert re.search(r"\.session\s*\{[^}]*break-inside:\s*avoid", html)
    assert "@media print" in html


def test_the_marking_is_at_top_and_bottom(page: _Page) -> None:
    text = [t for t in page.text if t.strip()]
    assert text[0] == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in text[-2:]


def test_the_open_session_is_marked(page: _Page) -> None:
    assert "This session has not been ended: its record may still change." in "".join(page.text)
