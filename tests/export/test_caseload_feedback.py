"""Participants' feedback per clip, counted per exercise in the caseload report and shown in
its HTML and CSV: counts, means of the ratings given, comments; "—" where there is none."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export.caseload import NO_FEEDBACK, build_caseload
from srt_tui.export.caseload_csv import render_caseload_csv
from srt_tui.export.caseload_html import render_caseload_html
from srt_tui.records.model import ClipFeedback
from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import CASELOAD, _case, _session
from tests.export.facts import parse_html
from tests.export.samples import SCRIPT


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    """Cases 5 and 7 of the seed caseload, with feedback on F01's clip from both."""
    store = RecordStore(tmp_path / "data")
    for number, feedback in (
        (5, [ClipFeedback("clips/F01.mp4", "F01", relatable=4, helpful=5, comment="Felt like home")]),
        (7, [ClipFeedback("clips/F01.mp4", "F01", relatable=2, helpful=None, comment=SCRIPT),
             ClipFeedback("clips/T01.mp4", "T01", relatable=None, helpful=None, comment="")]),
    ):
        state, practitioner, referred, sessions = CASELOAD[number]
        case = _case(number, state, practitioner, referred)
        built = [_session(case, day, *records) for day, records in enumerate(sessions)]
        built[0].feedback = feedback
        store.import_case(case, built)
    return store


def test_feedback_is_counted_per_exercise(store: RecordStore, pack: ContentPack) -> None:
    use = {u.id: u for u in build_caseload(store, pack).exercises}
    f01 = use["F01"].feedback
    assert (f01.responses, f01.relatable, f01.relatable_n, f01.helpful, f01.helpful_n) == (2, 3.0, 2, 5.0, 1)
    assert f01.comments == ("Felt like home", SCRIPT)
    assert use["F01"].feedback_text == "2 responses; relatable 3.0/5, helpful 5.0/5"
    assert use["T01"].feedback_text == f"1 response; relatable {NO_FEEDBACK}, helpful {NO_FEEDBACK}"
    assert use["F02"].feedback_text == NO_FEEDBACK


def test_feedback_in_the_html_report(store: RecordStore, pack: ContentPack) -> None:
    html = render_caseload_html(build_caseload(store, pack))
    assert SCRIPT not in html  # a comment is text, never markup
    root = parse_html(html)
    comments = [li.text() for li in root.find_all("li") if li.parent and "comments" in (li.parent.attrs.get("class") or "")]
    assert comments == ["Felt like home", SCRIPT]
    cells = [td.text() for td in root.find_all("td")]
    assert "2 responses; relatable 3.0/5, helpful 5.0/5" in cells


def test_feedback_in_the_csv_report(store: RecordStore, pack: ContentPack) -> None:
    rows = list(csv.reader(io.StringIO(render_caseload_csv(build_caseload(store, pack)).decode("utf-8-sig"))))
    header = rows.index(["Exercise use"]) + 1
    columns = rows[header]
    by_id = {row[0]: dict(zip(columns, row)) for row in rows[header + 1:] if row}
    assert (by_id["F01"]["Feedback responses"], by_id["F01"]["Mean relatable (1-5)"],
            by_id["F01"]["Mean helpful (1-5)"]) == ("2", "3.00", "5.00")
    assert by_id["F01"]["Participants' comments"] == f"Felt like home\n{SCRIPT}"
    assert (by_id["F02"]["Feedback responses"], by_id["F02"]["Mean relatable (1-5)"]) == ("0", NO_FEEDBACK)
