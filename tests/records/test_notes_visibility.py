"""Who may see notes: the practitioner-only flag on session and exercise notes (on by
default, and for every record written before the flag existed), how it is stored, how a bad
value is refused, how an ended session changes it (only by amendment), and the one rule that
says what the participant may see."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from srt_tui.records.model import NOTES_FLAG, PRACTITIONER_ONLY, SHARED, Amendment, Case, ExerciseRecord, Session
from srt_tui.records.participant import SharedNote, participant_may_see_notes, shared_notes
from srt_tui.records.store import RecordError, RecordStore

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def a_session(**kwargs: object) -> Session:
    return Session(case_id="case-v", date=date(2026, 3, 2), started_at=START, id="sess-v",
                   **kwargs)  # type: ignore[arg-type]


def test_every_note_is_practitioner_only_until_the_practitioner_says_otherwise() -> None:
    session = a_session(exercises=[ExerciseRecord("F01", notes="x")])
    assert session.notes_practitioner_only is True
    assert session.exercises[0].notes_practitioner_only is True
    assert not participant_may_see_notes(session) and not participant_may_see_notes(session.exercises[0])


def test_records_and_bundles_from_before_the_flag_read_as_practitioner_only() -> None:
    old = a_session(exercises=[ExerciseRecord("F01", notes="old")], notes="old").to_dict()
    del old[NOTES_FLAG]
    del old["exercises"][0][NOTES_FLAG]
    session = Session.from_dict(old)
    assert session.notes_practitioner_only is True and session.exercises[0].notes_practitioner_only is True


def test_the_flag_round_trips_both_ways() -> None:
    shared = a_session(exercises=[ExerciseRecord("F01", notes_practitioner_only=False), ExerciseRecord("F02")],
                       notes_practitioner_only=False)
    data = json.loads(json.dumps(shared.to_dict()))
    assert data[NOTES_FLAG] is False and [e[NOTES_FLAG] for e in data["exercises"]] == [False, True]
    assert Session.from_dict(data) == shared
    assert shared.copy() == shared


@pytest.mark.parametrize("value", ["false", "true", "", 0, 1, None, [], {}, "shared", 1.0])
@pytest.mark.parametrize("where", ["session", "exercise"])
def test_a_flag_that_is_not_true_or_false_is_refused(value: object, where: str) -> None:
    data = a_session(exercises=[ExerciseRecord("F01")]).to_dict()
    (data if where == "session" else data["exercises"][0])[NOTES_FLAG] = value
    with pytest.raises(TypeError, match="practitioner-only must be true or false"):
        Session.from_dict(data)


@pytest.fixture
def stored(tmp_path: Path) -> tuple[RecordStore, Case, Session]:
    """A store holding one case with one ended session: private session notes, one exercise."""
    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="V-1", alias="A.B.", referral_date=date(2026, 3, 1)))
    session = store.start_session(case.id)
    session.notes = "Private: SESSION-SECRET"
    session.exercises.append(ExerciseRecord("F01", notes="Together: EXERCISE-SUMMARY"))
    return store, case, store.end_session(session)


@pytest.mark.parametrize("value", ["no", None, 0])
@pytest.mark.parametrize("where", ["session", "exercise"])
def test_a_case_file_with_a_bad_flag_is_damaged_not_guessed(
    stored: tuple[RecordStore, Case, Session], value: object, where: str
) -> None:
    store, case, _session = stored
    path = store.data_dir / "cases" / f"{case.id}.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    row = next(iter(tables["sessions"].values()))
    (row if where == "session" else row["exercises"][0])[NOTES_FLAG] = value
    path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(RecordError, match="damaged") as error:
        RecordStore(store.data_dir).sessions(case.id)
    assert "\n" not in str(error.value)


def test_an_open_session_saves_the_flag_like_the_notes(stored: tuple[RecordStore, Case, Session]) -> None:
    store, case, _ended = stored
    session = store.start_session(case.id)
    session.notes_practitioner_only = False
    session.exercises.append(ExerciseRecord("F02", notes="n", notes_practitioner_only=False))
    store.save_session(session)
    reopened = RecordStore(store.data_dir).open_session(case.id)
    assert reopened is not None and reopened.notes_practitioner_only is False
    assert reopened.exercises[0].notes_practitioner_only is False


def test_after_the_session_ends_sharing_or_taking_back_is_an_amendment(
    stored: tuple[RecordStore, Case, Session]
) -> None:
    store, case, session = stored
    shared = store.amend_session(case.id, session.id, NOTES_FLAG, SHARED, "Agreed to share", by="P.S.")
    [amendment] = shared.amendments
    assert (amendment.field, amendment.before, amendment.after, amendment.by) == (
        NOTES_FLAG, PRACTITIONER_ONLY, SHARED, "P.S.")
    assert shared.notes_practitioner_only is True  # the original is kept
    assert shared.effective().notes_practitioner_only is False  # the record now says shared
    store.amend_session(case.id, session.id, "exercise:F01:notes_practitioner_only", SHARED, "Our summary")
    back = store.amend_session(case.id, session.id, NOTES_FLAG, PRACTITIONER_ONLY, "Taken back")
    assert back.amendments[-1].before == SHARED
    reopened = RecordStore(store.data_dir).get_session(case.id, session.id)
    effective = reopened.effective()
    assert effective.notes_practitioner_only is True
    assert effective.exercises[0].notes_practitioner_only is False
    assert [s.text for s in shared_notes(reopened)] == ["Together: EXERCISE-SUMMARY"]


def test_a_flag_amendment_that_changes_nothing_or_says_nothing_is_refused(
    stored: tuple[RecordStore, Case, Session]
) -> None:
    store, case, session = stored
    with pytest.raises(RecordError, match="changes nothing"):
        store.amend_session(case.id, session.id, NOTES_FLAG, PRACTITIONER_ONLY, "No-op")
    for value in ("", "yes", "Shared", "[b]shared[/b]"):
        with pytest.raises(RecordError, match="who may see the notes") as error:
            store.amend_session(case.id, session.id, "exercise:F01:notes_practitioner_only", value, "Because")
        assert "\n" not in str(error.value)
    assert store.get_session(case.id, session.id).amendments == []


def test_shared_notes_are_what_the_participant_may_see_and_nothing_else() -> None:
    session = a_session(
        notes="Summary we wrote: SESSION-SHARED", notes_practitioner_only=False,
        exercises=[
            ExerciseRecord("F01", notes="Private: F01-SECRET"),
            ExerciseRecord("F02", notes="Ours: F02-SHARED", notes_practitioner_only=False),
            ExerciseRecord("F03", notes="   ", notes_practitioner_only=False),  # nothing to show
        ],
    )
    assert shared_notes(session) == [SharedNote(None, "Summary we wrote: SESSION-SHARED"),
                                     SharedNote("F02", "Ours: F02-SHARED")]
    session.notes_practitioner_only = True
    assert [n.exercise_id for n in shared_notes(session)] == ["F02"]


def test_shared_notes_follow_amendments_both_ways() -> None:
    session = a_session(notes="Session text", exercises=[ExerciseRecord("F01", notes="Exercise text",
                                                                        notes_practitioner_only=False)])
    session.ended_at = START
    session.amendments = [
        Amendment(NOTES_FLAG, PRACTITIONER_ONLY, SHARED, "Share it", at=START),
        Amendment("exercise:F01:notes_practitioner_only", SHARED, PRACTITIONER_ONLY, "Take it back", at=START),
        Amendment("notes", "Session text", "Amended session text", "Clearer", at=START),
    ]
    assert shared_notes(session) == [SharedNote(None, "Amended session text")]
