"""The caseload report model from a real record store: the project board's counts, filters,
exercise use, unreadable files, and a supervisor's store filled from several practitioners'
bundles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import ExportError, export_case, import_bundle
from srt_tui.export.caseload import NO_FEEDBACK, Filters, build_caseload
from srt_tui.export.jobs import Cancelled
from srt_tui.records.model import CaseState
from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import seed_caseload


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    return seed_caseload(tmp_path / "data")


def _counts(report) -> dict[str, tuple[int, int]]:
    return {c.category: (c.cases, c.breached) for c in report.counts}


def test_counts_per_category_as_a_project_board_counts(store: RecordStore, pack: ContentPack) -> None:
    report = build_caseload(store, pack)
    assert _counts(report) == {
        "Not commenced": (2, 1),
        "Discontinued before completing the foundation": (2, 1),
        "Ongoing": (1, 0),
        "Foundation completed": (1, 0),
        "All completed": (1, 0),
    }
    assert [c.category for c in report.counts][0] == "Not commenced"  # the board's order
    assert report.total == 7 and report.breached == 2
    rows = {row.ref: row for row in report.cases}
    assert rows["CRN-005"].category == "Ongoing"
    assert (rows["CRN-006"].done, rows["CRN-006"].not_relevant, rows["CRN-006"].total) == (1, 1, 3)
    assert rows["CRN-006"].modules[0].title == "Foundation"
    assert (rows["CRN-001"].sessions, rows["CRN-001"].last_seen) == (0, "Not seen yet")
    assert rows["CRN-007"].last_seen == "2026-03-03"
    assert rows["CRN-002"].state == "Breached"
    assert rows["CRN-003"].practitioner == "A. Adams"


def test_exercise_use(store: RecordStore, pack: ContentPack) -> None:
    use = {u.id: u for u in build_caseload(store, pack).exercises}
    assert list(use) == ["F01", "F02", "T01"]  # pack order
    assert (use["F01"].chosen, use["F01"].completed, use["F01"].not_relevant) == (5, 4, 0)
    assert (use["F02"].chosen, use["F02"].completed, use["F02"].not_relevant) == (2, 1, 1)
    assert (use["T01"].chosen, use["T01"].completed, use["T01"].not_relevant) == (2, 1, 0)
    assert {u.feedback_text for u in use.values()} == {NO_FEEDBACK}  # none recorded: nothing made up


@pytest.mark.parametrize(
    ("filters", "refs"),
    [
        (Filters(practitioner="a. adams "), ["CRN-001", "CRN-002", "CRN-003", "CRN-004"]),
        (Filters(practitioner="Nobody"), []),
        (Filters(referred_from=date(2026, 2, 9), referred_to=date(2026, 3, 2)), ["CRN-004", "CRN-005", "CRN-006"]),
        (Filters(referred_to=date(2026, 1, 12)), ["CRN-001", "CRN-002"]),
        (Filters(state=CaseState.BREACHED), ["CRN-002", "CRN-004"]),
        (Filters(practitioner="B. Brown", state=CaseState.ACTIVE), ["CRN-005", "CRN-006"]),
    ],
)
def test_filters(store: RecordStore, pack: ContentPack, filters: Filters, refs: list[str]) -> None:
    report = build_caseload(store, pack, filters)
    assert [row.ref for row in report.cases] == refs
    assert sum(c.cases for c in report.counts) == len(refs)


def test_filters_are_described_and_checked() -> None:
    described = Filters("B. Brown", date(2026, 1, 1), None, CaseState.ACTIVE).describe()
    assert [(d.label, d.value) for d in described] == [
        ("Practitioner", "B. Brown"), ("Referred", "from 2026-01-01 to today"), ("State", "Active")]
    with pytest.raises(ExportError, match="back to front"):
        Filters(referred_from=date(2026, 2, 1), referred_to=date(2026, 1, 1)).check()


def test_an_unreadable_case_is_left_out_and_named(store: RecordStore, pack: ContentPack) -> None:
    (store.data_dir / "cases" / "case-003.json").write_text("{ not json", encoding="utf-8")
    report = build_caseload(store, pack)
    assert report.total == 6
    assert len(report.problems) == 1 and "case-003.json" in report.problems[0]


def test_progress_and_stop(store: RecordStore, pack: ContentPack) -> None:
    seen: list[tuple[int, int, str]] = []
    build_caseload(store, pack, on_progress=lambda *args: seen.append(args))
    assert [s[:2] for s in seen] == [(n, 7) for n in range(1, 8)]
    assert seen[0][2] == "CRN-001"
    with pytest.raises(Cancelled):
        build_caseload(store, pack, should_stop=lambda: len(seen) >= 9,
                       on_progress=lambda *args: seen.append(args))
    assert len(seen) == 9  # stopped between cases


def test_a_supervisor_store_keeps_each_practitioners_name(tmp_path: Path, pack: ContentPack) -> None:
    """Bundles from two practitioners' laptops, imported into one supervisor folder."""
    laptops = seed_caseload(tmp_path / "laptop")
    bundles = [export_case(laptops, pack, ref, "json", tmp_path / "bundles") for ref in ("CRN-002", "CRN-006")]
    supervisor = RecordStore(tmp_path / "supervisor")
    for bundle in bundles:
        import_bundle(supervisor, bundle)
    assert [supervisor.find_case(r).practitioner for r in ("CRN-002", "CRN-006")] == ["A. Adams", "B. Brown"]
    report = build_caseload(supervisor, pack)
    assert [(row.ref, row.practitioner) for row in report.cases] == [
        ("CRN-002", "A. Adams"), ("CRN-006", "B. Brown")]
    assert [row.ref for row in build_caseload(supervisor, pack, Filters(practitioner="B. Brown")).cases] == [
        "CRN-006"]
