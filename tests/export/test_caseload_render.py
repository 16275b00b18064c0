"""The caseload report as HTML (self-contained, escaped, responsive, A4 print rules) and as
CSV (the same tables, neutralised), and the files it is written to."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export.caseload import CaseloadReport, Filters, build_caseload
from srt_tui.export.caseload_csv import render_caseload_csv
from srt_tui.export.caseload_html import render_caseload_html
from srt_tui.export.report import write_report
from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import seed_caseload
from tests.export.facts import parse_html

HOSTILE_NAME = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example")'


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = seed_caseload(tmp_path / "data")
    case = store.find_case("CRN-005")
    store.update_case(replace(case, practitioner=HOSTILE_NAME))
    return store


@pytest.fixture
def report(store: RecordStore, pack: ContentPack) -> CaseloadReport:
    return build_caseload(store, pack)


def test_html_report_has_every_part(report: CaseloadReport) -> None:
    root = parse_html(render_caseload_html(report))
    text = " ".join(root.text().split())
    for part in ("Caseload report", "Cases per category", "Exercise use", "OFFICIAL-SENSITIVE",
                 "Discontinued before completing the foundation", "Breached: 2 of 7 cases.",
                 "F01 Warning signs", "Participants' feedback"):
        assert part in text, part
    counts = root.find_all("table")[0]
    cells = [[td.text() for td in tr.find_all("td")] for tr in counts.find_all("tr")[1:]]
    assert cells[0] == ["Not commenced", "2", "1"]
    assert cells[-1] == ["All cases", "7", "2"]
    cases = root.find_all("table")[1].find_all("tr")[1:]
    assert len(cases) == 7
    assert [td.attrs["data-label"] for td in cases[0].find_all("td")][:3] == ["Case", "Alias", "Practitioner"]
    exercises = root.find_all("table")[2].find_all("tr")[1:]
    assert [td.text() for td in exercises[0].find_all("td")] == ["F01 Warning signs", "Foundation", "5", "4", "0", "—"]
    chart = root.find_all("svg")[0]
    assert chart.attrs["role"] == "img" and "Not commenced: 2 (1 breached)" in chart.attrs["aria-label"]


def test_html_report_is_self_contained_and_escaped(report: CaseloadReport) -> None:
    html = render_caseload_html(report)
    root = parse_html(html)
    assert not root.find_all("img") and not root.find_all("script") and not root.find_all("a")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert HOSTILE_NAME in root.text()
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;", html)
    names = set()
    stack = [root]
    while stack:
        node = stack.pop()
        names |= set(node.attrs)
        stack += [child for child in node.children if not isinstance(child, str)]
    assert not names & {"src", "href", "srcset", "action", "style-src"}
    assert not [name for name in names if name.startswith("on")]
    assert "url(" not in html and "@import" not in html


def test_html_report_reads_on_a_phone_and_prints_to_a4(report: CaseloadReport) -> None:
    html = render_caseload_html(report)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert re.search(r"@media \(max-width: 40rem\) \{\s*table\.cards thead \{ display: none; \}", html)
    assert "content: attr(data-label)" in html
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", html)
    assert re.search(r"tr, \.skips li \{ break-inside: avoid;", html)
    assert "thead { display: table-header-group; }" in html


def test_csv_report_sections_and_safety(report: CaseloadReport) -> None:
    data = render_caseload_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "Caseload report"
    counts = rows.index(["Cases per category"])
    assert rows[counts + 1] == ["Category", "Cases", "Of which breached"]
    assert rows[counts + 2] == ["Not commenced", "2", "1"]
    assert rows[counts + 7] == ["All cases", "7", "2"]
    cases = rows.index(["Cases"])
    header = rows[cases + 1]
    assert header[:3] == ["Case reference", "Alias", "Practitioner"] and "Foundation: done" in header
    by_ref = {row[0]: dict(zip(header, row)) for row in rows[cases + 2 : cases + 9]}
    assert by_ref["CRN-005"]["Practitioner"] == HOSTILE_NAME  # starts with "<": no quote needed
    assert by_ref["CRN-006"]["Foundation: not relevant"] == "1"
    exercises = rows.index(["Exercise use"])
    assert rows[exercises + 2] == ["F01", "Warning signs", "Foundation", "5", "4", "0", "0", "—", "—", ""]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_report_files_are_new_each_time_and_safely_named(report: CaseloadReport, tmp_path: Path) -> None:
    day = date(2026, 3, 9)
    first = write_report(report, "html", tmp_path, Filters(), day)
    second = write_report(report, "html", tmp_path, Filters(), day)
    assert (first.name, second.name) == ("caseload-2026-03-09.html", "caseload-2026-03-09-2.html")
    named = write_report(report, "csv", tmp_path, Filters(practitioner="../CON"), day)
    assert named.name == "caseload-ref-CON-2026-03-09.csv" and named.parent == tmp_path
