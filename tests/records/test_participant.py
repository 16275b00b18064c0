"""The participant's progress picture, reflections log and shared notes, from a tiny pack."""

from __future__ import annotations

from datetime import UTC, date, datetime

from srt_tui.records.model import Amendment, Case, ExerciseRecord, Outcome, Session
from srt_tui.records.participant import progress_pictures, reflections_log, shared_notes_log
from tests.factories import tiny_pack

CASE = Case(ref="P-1", alias="A.B.", referral_date=date(2026, 1, 5), id="case-p")


def session(day: int, *records: ExerciseRecord, reflections: str = "", notes: str = "") -> Session:
    return Session(CASE.id, date(2026, 2, day), started_at=datetime(2026, 2, day, 10, tzinfo=UTC),
                   exercises=list(records), reflections=reflections, notes=notes)


def test_blocks_fill_with_exercises_done_and_skipped_ones_drop_out() -> None:
    sessions = [session(1, ExerciseRecord("F1", Outcome.COMPLETED),
                        ExerciseRecord("F2", Outcome.NOT_RELEVANT, skip_reason="n/a"))]
    foundation, relationships = progress_pictures(tiny_pack(), CASE, sessions)
    assert (foundation.title, foundation.blocks) == ("Foundation", "█")
    assert relationships.blocks == "░" * relationships.total and relationships.total > 0


def test_partly_done_is_not_yet_a_filled_block() -> None:
    sessions = [session(1, ExerciseRecord("F1", Outcome.PARTLY_DONE))]
    foundation = progress_pictures(tiny_pack(), CASE, sessions)[0]
    assert foundation.blocks == "░░"


def test_reflections_are_dated_oldest_first_amended_and_blank_ones_left_out() -> None:
    later = session(9, reflections="Second thoughts", notes="practitioner only")
    earlier = session(2, reflections="First thoughts")
    blank = session(5, reflections="   ")
    later.ended_at = datetime(2026, 2, 9, 11, tzinfo=UTC)
    later.amendments.append(Amendment("reflections", "Second thoughts", "Second, amended", "typo"))
    log = reflections_log([later, blank, earlier])
    assert [(r.date.day, r.text) for r in log] == [(2, "First thoughts"), (9, "Second, amended")]


def test_only_notes_marked_shared_are_listed_dated_with_their_exercise_and_amended() -> None:
    shared = ExerciseRecord("F1", Outcome.COMPLETED, notes="We drew the map together", notes_practitioner_only=False)
    private = ExerciseRecord("F2", Outcome.COMPLETED, notes="Seemed guarded")
    later = session(9, shared, private, notes="Session notes, practitioner only")
    earlier = session(2, notes="Agreed the ground rules")
    earlier.notes_practitioner_only = False
    earlier.ended_at = datetime(2026, 2, 2, 11, tzinfo=UTC)
    earlier.amendments.append(Amendment("notes", "Agreed the ground rules", "Agreed three ground rules", "detail"))
    unknown = session(12, ExerciseRecord("Z9", notes="From an older pack", notes_practitioner_only=False))
    log = shared_notes_log(tiny_pack(), [later, unknown, earlier])
    assert [(n.date.day, n.text) for n in log] == [
        (2, "Agreed three ground rules"),
        (9, "Exercise F1: We drew the map together"),
        (12, "Z9: From an older pack"),
    ]
