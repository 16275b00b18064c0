"""Autosave ordering, the end-of-session check and amendment targets: plain Python."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from srt_tui.records.autosave import SessionWrites
from srt_tui.records.ending import check_ending
from srt_tui.records.model import (
    AMENDABLE_SESSION_FIELDS,
    PRACTITIONER_ONLY,
    SHARED,
    ExerciseRecord,
    Outcome,
    Session,
    apply_amendment,
    parse_target,
)
from srt_tui.records.targets import SESSION_FIELD_LABELS, amendable_targets, read_target
from tests.factories import tiny_pack


def a_session() -> Session:
    return Session(case_id="c1", date=date(2026, 11, 2))


def test_an_older_snapshot_never_overwrites_a_newer_one() -> None:
    saved: list[str] = []
    writes = SessionWrites(lambda s: saved.append(s.notes))
    session = a_session()
    session.notes = "first"
    first = writes.snapshot(session)
    session.notes = "second"
    second = writes.snapshot(session)
    assert writes.write(*second) is True
    assert writes.write(*first) is False
    assert saved == ["second"]


def test_snapshots_are_copies() -> None:
    writes = SessionWrites(lambda s: None)
    session = a_session()
    session.notes = "before"
    _, snapshot = writes.snapshot(session)
    session.notes = "after"
    assert snapshot.notes == "before"


def test_nothing_is_written_after_the_session_is_closed() -> None:
    saved: list[str] = []
    writes = SessionWrites(lambda s: saved.append(s.notes))
    session = a_session()
    pending = writes.snapshot(session)
    assert writes.close(lambda: "ended") == "ended"
    assert writes.write(*pending) is False
    assert saved == []


def test_a_failed_close_leaves_writes_open() -> None:
    writes = SessionWrites(lambda s: None)

    def failing() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        writes.close(failing)
    assert writes.write(*writes.snapshot(a_session())) is True


def test_writes_from_many_threads_end_with_the_newest() -> None:
    saved: list[int] = []
    writes = SessionWrites(lambda s: saved.append(int(s.notes)))
    session = a_session()
    snapshots = []
    for number in range(50):
        session.notes = str(number)
        snapshots.append(writes.snapshot(session))
    threads = [threading.Thread(target=writes.write, args=snap) for snap in reversed(snapshots)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert saved[-1] == 49
    assert saved == sorted(saved)


def test_ending_lists_what_was_covered_and_blocks_a_skip_without_reason() -> None:
    pack = tiny_pack()
    session = a_session()
    session.exercises = [
        ExerciseRecord("F1", Outcome.COMPLETED),
        ExerciseRecord("R1", Outcome.NOT_RELEVANT),
        ExerciseRecord("F2"),
    ]
    check = check_ending(session, pack)
    assert check.covered == [
        ("F1 Exercise F1", "Completed"),
        ("R1 Exercise R1", "Skipped: not relevant"),
        ("F2 Exercise F2", "no outcome marked"),
    ]
    assert not check.can_end
    assert check.blockers == ["R1 Exercise R1: say why it is not relevant."]
    assert "F2 Exercise F2: no outcome marked." in check.warnings
    assert "No between-session task was set for next time." in check.warnings
    session.exercises[1].skip_reason = "No children."
    session.task_set = "Try a time out."
    check = check_ending(session, pack)
    assert check.can_end
    assert check.warnings == ["F2 Exercise F2: no outcome marked."]


def test_an_empty_session_may_end_with_a_warning() -> None:
    check = check_ending(a_session(), tiny_pack())
    assert check.can_end
    assert "No exercise was covered in this session." in check.warnings


def test_every_amendable_field_has_a_label() -> None:
    assert set(SESSION_FIELD_LABELS) == set(AMENDABLE_SESSION_FIELDS)


def test_targets_read_what_apply_amendment_writes() -> None:
    pack = tiny_pack()
    session = a_session()
    session.exercises = [ExerciseRecord("F1", Outcome.PARTLY_DONE, answers={"q1": "old"})]
    targets = [target for _, target in amendable_targets(session, pack)]
    assert "exercise:F1:answer:q2" in targets
    assert "exercise:R1:notes" not in targets  # only exercises the session covered
    assert "notes_practitioner_only" in targets and "exercise:F1:notes_practitioner_only" in targets
    for number, target in enumerate(targets):
        if target.endswith(":outcome"):
            value = Outcome.REVISITED.value
        elif target.endswith("notes_practitioner_only"):
            assert read_target(session, target) == PRACTITIONER_ONLY  # the default
            value = SHARED
        else:
            value = f"[b]text {number}[/b]"
        apply_amendment(session, target, value)
        assert read_target(session, target) == value
    assert not session.notes_practitioner_only and not session.exercises[0].notes_practitioner_only
    assert [t for t in targets if str(parse_target(t)) != t] == []  # one spelling per target


def test_who_may_see_notes_is_amended_with_its_two_values_only() -> None:
    session = a_session()
    apply_amendment(session, "exercise:F1:notes_practitioner_only", SHARED)  # adds F1's record
    assert session.exercises[0].notes_practitioner_only is False
    apply_amendment(session, "exercise:F1:notes_practitioner_only", PRACTITIONER_ONLY)
    assert session.exercises[0].notes_practitioner_only is True
    for value in ("", "true", "Shared", "[b]shared[/b]", "shared ", "\x1b[31mshared"):
        with pytest.raises(ValueError, match="who may see the notes"):
            apply_amendment(session, "notes_practitioner_only", value)
    assert session.notes_practitioner_only is True


@pytest.mark.parametrize("target", [
    "exercise:F1:colour", "password", "id", "exercise::notes", "exercise:F1", "exercise:F1:answer:",
    "exercise:F1:answer:q1:x", "exercise:F1:notes:", "exercise:F1:notes_practitioner_only:x",
    "exercise:F1:answers", "Exercise:F1:notes", "notes:", "notes_practitioner_only:x", "",
])
def test_reading_and_applying_refuse_the_same_targets(target: str) -> None:
    """One parser: what read_target refuses, apply_amendment refuses too, and nothing changes."""
    session = a_session()
    before = session.to_dict()
    with pytest.raises(ValueError):
        parse_target(target)
    with pytest.raises(ValueError):
        read_target(session, target)
    with pytest.raises(ValueError):
        apply_amendment(session, target, "x")
    assert session.to_dict() == before


def test_reading_an_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError):
        read_target(a_session(), "exercise:F1:colour")
    with pytest.raises(ValueError):
        read_target(a_session(), "password")


def test_the_first_session_makes_a_referred_case_active(tmp_path) -> None:
    from srt_tui.records.model import Case, CaseState
    from srt_tui.records.store import RecordStore

    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="R-1", alias="A.B.", referral_date=date(2026, 11, 1)))
    paused = store.create_case(Case(ref="R-2", alias="C.D.", referral_date=date(2026, 11, 1),
                                    state=CaseState.PAUSED, state_reason="In hospital"))
    session = store.start_session(case.id)
    active = store.get_case(case.id)
    assert active.state is CaseState.ACTIVE
    assert active.state_date == session.date
    assert [s.state for s in store.list_cases()] == [CaseState.ACTIVE, CaseState.PAUSED]
    store.start_session(paused.id)
    assert store.get_case(paused.id).state is CaseState.PAUSED  # only "referred" moves on


def test_an_amendment_records_who_made_it(tmp_path) -> None:
    from srt_tui.records.audit import current_user
    from srt_tui.records.model import Case
    from srt_tui.records.store import RecordStore

    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="W-1", alias="A.B.", referral_date=date(2026, 11, 1)))
    session = store.end_session(store.start_session(case.id))
    amended = store.amend_session(case.id, session.id, "notes", "Late note.", "Forgot to add it")
    assert amended.amendments[0].by == current_user() != ""
    named = store.amend_session(case.id, session.id, "notes", "Later note.", "Typo", by="P. Smith")
    assert named.amendments[1].by == "P. Smith"
