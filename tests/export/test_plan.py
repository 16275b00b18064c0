"""Session preparation: the choices listed, total minutes, and the one-page plan."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from srt_tui.content.model import ContentPack
from srt_tui.export.leaflet import FORMATS, render_leaflet
from srt_tui.export.plan import build_plan, plan_choices, total_minutes
from srt_tui.records.model import Case, Session
from tests.export.facts import pdf_text
from tests.export.samples import PLAIN, SCRIPT


def test_choices_show_where_the_case_stands(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    choices = plan_choices(pack, case, sessions)
    assert [(c.id, c.module, c.minutes, c.status) for c in choices] == [
        ("F01", "Foundation", 15, "done"), ("F02", "Foundation", 15, "not relevant"),
        ("T01", "Thinking skills", 15, "started")]
    assert [c.status for c in plan_choices(pack, case, [])] == ["", "", ""]
    assert total_minutes(pack, ["F01", "T01", "gone"]) == 30


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_plan_page(pack: ContentPack, case: Case, sessions: list[Session], fmt: str) -> None:
    planned = replace(case, next_plan=["T01", "F02"], next_plan_note=f"Go gently {SCRIPT}")
    data = render_leaflet(build_plan(pack, planned, sessions), fmt)
    shown = " ".join((pdf_text(data) if fmt == "pdf" else data.decode("utf-8")).split())
    if fmt == "md":
        shown = shown.replace("\\", "")
    assert "T01 Thinking traps (15 min)" in shown and "F02 Children first (15 min)" in shown
    assert "about 30 minutes" in shown
    assert PLAIN["task_set"] in shown  # the open task
    assert PLAIN["open_notes"] in shown  # the last session's notes
    assert "Go gently" in shown
    assert PLAIN["responsivity"] not in shown
    assert "OFFICIAL-SENSITIVE" in shown
    if fmt == "html":
        assert "<script>" not in data.decode("utf-8")


def test_a_plan_with_nothing_in_it(pack: ContentPack, case: Case) -> None:
    leaflet = build_plan(pack, case, [])
    assert [s.items for s in leaflet.sections] == [(), (), (), ()]
    assert leaflet.sections[0].empty == "No exercises planned yet."


def test_the_plan_is_one_page(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    planned = replace(case, next_plan=["F01", "F02", "T01"], next_plan_note="Short note")
    data = render_leaflet(build_plan(pack, planned, sessions), "pdf")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_export_plan_writes_a_new_file(tmp_path: Path, pack: ContentPack, case: Case,
                                        sessions: list[Session]) -> None:
    from datetime import date

    from srt_tui.export.papers import export_plan
    from tests.export.samples import FakeStore

    store = FakeStore(replace(case, next_plan=["T01"]), sessions, tmp_path)
    first = export_plan(store, pack, case.ref, "html", tmp_path / "out", date(2026, 3, 9))  # type: ignore[arg-type]
    second = export_plan(store, pack, case.ref, "html", tmp_path / "out", date(2026, 3, 9))  # type: ignore[arg-type]
    assert (first.name, second.name) == ("plan-CRN-2026_0042-2026-03-09.html", "plan-CRN-2026_0042-2026-03-09-2.html")
