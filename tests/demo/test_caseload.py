"""The fictional caseload: every project-board category, plausible records, repeatable."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from srt_tui.content.model import ContentPack
from srt_tui.demo import demo_caseload
from srt_tui.records.model import CaseState, Outcome
from srt_tui.records.progress import Category, case_progress
from srt_tui.records.store import RecordStore
from tests.demo.conftest import DEMO_TODAY


def categories(pack: ContentPack) -> dict[str, Category]:
    return {d.case.ref: case_progress(pack, d.case, d.sessions).category for d in demo_caseload(pack, DEMO_TODAY)}


def test_about_a_dozen_cases_in_every_category(pack: ContentPack) -> None:
    found = categories(pack)
    assert 10 <= len(found) <= 14
    counts = Counter(found.values())
    assert set(counts) == set(Category)
    assert all(count >= 2 for count in counts.values()), counts


def test_stopped_early_and_breached_before_commencing_are_both_there(pack: ContentPack) -> None:
    caseload = demo_caseload(pack, DEMO_TODAY)
    by_category: dict[Category, set[CaseState]] = {}
    for demo in caseload:
        category = case_progress(pack, demo.case, demo.sessions).category
        by_category.setdefault(category, set()).add(demo.case.state)
    assert {CaseState.DISCONTINUED, CaseState.BREACHED} <= by_category[Category.DISCONTINUED_BEFORE_FOUNDATION]
    assert CaseState.BREACHED in by_category[Category.NOT_COMMENCED]  # breached before commencing


def test_the_records_are_those_of_real_work(pack: ContentPack) -> None:
    caseload = demo_caseload(pack, DEMO_TODAY)
    sessions = [s for d in caseload for s in d.sessions]
    ended = [s for s in sessions if s.ended]
    assert len(ended) >= 40
    assert sum(1 for d in caseload if sum(s.ended for s in d.sessions) >= 3) >= 6  # several sessions each
    assert sum(not s.ended for s in sessions) == 1  # one session left open, to resume
    assert sum(len(s.amendments) for s in sessions) == 1
    records = [r for s in ended for r in s.exercises]
    assert sum(1 for r in records if r.answers) >= 60
    skips = [r for r in records if r.outcome is Outcome.NOT_RELEVANT]
    assert len(skips) >= 3 and all(r.skip_reason.strip() for r in skips)
    assert all(not r.answers for r in skips)
    assert {Outcome.COMPLETED, Outcome.PARTLY_DONE, Outcome.REVISITED} <= {r.outcome for r in records}
    assert all(s.notes for s in ended)
    assert sum(1 for s in ended if s.reflections) >= 20
    assert sum(1 for s in ended if s.task_set) >= 35
    assert sum(1 for s in ended if s.task_review) >= 20
    for record in records:  # every answer is to a real question of that exercise
        exercise = pack.exercise(record.exercise_id)
        assert exercise is not None
        assert set(record.answers) <= {q.id for q in exercise.questions}


def test_partly_done_answers_less_than_completed(pack: ContentPack) -> None:
    records = [r for d in demo_caseload(pack, DEMO_TODAY) for s in d.sessions if s.ended for r in s.exercises]
    for record in records:
        questions = pack.exercise(record.exercise_id).questions  # type: ignore[union-attr]
        if record.outcome is Outcome.COMPLETED:
            assert len(record.answers) == len(questions)
        if record.outcome is Outcome.PARTLY_DONE:
            assert len(record.answers) == 1


def test_plainly_fictional_references_and_aliases(pack: ContentPack) -> None:
    for demo in demo_caseload(pack, DEMO_TODAY):
        assert re.fullmatch(r"DEMO-\d{3}", demo.case.ref)
        assert re.fullmatch(r"([A-Z]\.){2}", demo.case.alias)
        assert demo.case.variant in pack.variants


def test_same_inputs_same_caseload_and_another_seed_changes_the_text(pack: ContentPack) -> None:
    first = [(d.case.to_dict(), [s.to_dict() for s in d.sessions]) for d in demo_caseload(pack, DEMO_TODAY)]
    again = [(d.case.to_dict(), [s.to_dict() for s in d.sessions]) for d in demo_caseload(pack, DEMO_TODAY)]
    other = [(d.case.to_dict(), [s.to_dict() for s in d.sessions])
             for d in demo_caseload(pack, DEMO_TODAY, seed=99)]
    assert first == again
    assert first != other


def test_dates_are_counted_back_from_today_and_never_in_the_future(pack: ContentPack) -> None:
    for demo in demo_caseload(pack, DEMO_TODAY):
        case = demo.case
        assert case.referral_date <= DEMO_TODAY
        assert case.state_date is None or case.referral_date <= case.state_date <= DEMO_TODAY
        for session in demo.sessions:
            assert case.referral_date < session.date < DEMO_TODAY
            assert session.started_at.date() == session.date
            if session.ended_at:
                assert timedelta(minutes=30) <= session.ended_at - session.started_at <= timedelta(hours=2)
    later = demo_caseload(pack, DEMO_TODAY + timedelta(days=30))
    assert later[0].case.referral_date == demo_caseload(pack, DEMO_TODAY)[0].case.referral_date + timedelta(days=30)


def test_written_through_the_store_it_reads_back_unchanged(pack: ContentPack, tmp_path) -> None:
    store = RecordStore(tmp_path / "records")
    caseload = demo_caseload(pack, DEMO_TODAY)
    for demo in caseload:
        store.import_case(demo.case, demo.sessions)
    assert [s.ref for s in store.list_cases()] == [d.case.ref for d in caseload]
    for demo in caseload:
        assert store.get_case(demo.case.id) == demo.case
        assert store.sessions(demo.case.id) == demo.sessions
        open_sessions = [s for s in demo.sessions if not s.ended]
        assert store.open_session(demo.case.id) == (open_sessions[-1] if open_sessions else None)
