"""Progress per module and the case's category, from a tiny pack built in the test."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack, Exercise, Guidance, Module, Question
from srt_tui.records.model import Amendment, Case, CaseState, ExerciseRecord, Outcome, Session
from srt_tui.records.progress import Category, case_progress, exercise_outcomes

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
C, P, R, N = Outcome.COMPLETED, Outcome.PARTLY_DONE, Outcome.REVISITED, Outcome.NOT_RELEVANT


def exercise(exercise_id: str, module: str, order: int) -> Exercise:
    return Exercise(
        id=exercise_id, title=f"Title {exercise_id}", module=module, order=order, minutes=10,
        aim="Aim.", key_points=("Point.",), guidance=Guidance(), questions=(Question("q1", "Q?"),),
        task="Task.",
    )


@pytest.fixture
def pack() -> ContentPack:
    # Declared out of order on purpose: the foundation is the module ordered first.
    return ContentPack(
        root=Path("/nonexistent"), title="Tiny", version="1", variants=(),
        modules=(Module("thinking", "Thinking", 2), Module("foundation", "Foundation", 1)),
        exercises=(
            exercise("F01", "foundation", 1),
            exercise("F02", "foundation", 2),
            exercise("F03", "foundation", 3),
            exercise("T01", "thinking", 4),
            exercise("T02", "thinking", 5),
        ),
    )


def case(state: CaseState = CaseState.ACTIVE) -> Case:
    return Case(ref="X1", alias="A.B.", referral_date=date(2026, 1, 5), state=state, id="c1")


def session(day: int, *records: tuple[str, Outcome | None], ended: bool = True) -> Session:
    started = START + timedelta(days=day)
    return Session(
        case_id="c1",
        date=started.date(),
        started_at=started,
        ended_at=started + timedelta(hours=1) if ended else None,
        exercises=[ExerciseRecord(eid, outcome) for eid, outcome in records],
    )


def category(pack: ContentPack, state: CaseState, *sessions: Session) -> Category:
    return case_progress(pack, case(state), list(sessions)).category


def test_no_sessions_is_not_commenced(pack: ContentPack) -> None:
    progress = case_progress(pack, case(), [])
    assert progress.category is Category.NOT_COMMENCED
    assert progress.category.label == "Not commenced"
    assert [m.id for m in progress.modules] == ["foundation", "thinking"]
    assert (progress.done, progress.total, progress.not_relevant) == (0, 5, 0)
    assert progress.foundation.id == "foundation"


def test_sessions_without_outcomes_are_not_commenced_even_when_breached(pack: ContentPack) -> None:
    assert category(pack, CaseState.BREACHED, session(0, ("F01", None))) is Category.NOT_COMMENCED
    assert category(pack, CaseState.BREACHED) is Category.NOT_COMMENCED


def test_started_and_active_is_ongoing(pack: ContentPack) -> None:
    assert category(pack, CaseState.ACTIVE, session(0, ("F01", P))) is Category.ONGOING
    assert Category.ONGOING.label == "Ongoing"


@pytest.mark.parametrize("state", [CaseState.DISCONTINUED, CaseState.BREACHED])
def test_stopped_before_the_foundation(pack: ContentPack, state: CaseState) -> None:
    result = category(pack, state, session(0, ("F01", C), ("F02", C)))
    assert result is Category.DISCONTINUED_BEFORE_FOUNDATION
    assert result.label == "Discontinued before completing the foundation"


@pytest.mark.parametrize("state", [CaseState.ACTIVE, CaseState.BREACHED, CaseState.DISCONTINUED])
def test_foundation_completed_with_a_skip(pack: ContentPack, state: CaseState) -> None:
    progress = case_progress(
        pack, case(state), [session(0, ("F01", C), ("F02", N)), session(1, ("F03", R), ("T01", P))]
    )
    assert progress.category is Category.FOUNDATION_COMPLETED
    assert progress.category.label == "Foundation completed"
    foundation, thinking = progress.modules
    assert (foundation.done, foundation.not_relevant, foundation.total, foundation.complete) == (2, 1, 3, True)
    assert (thinking.done, thinking.not_relevant, thinking.total, thinking.complete) == (0, 0, 2, False)


def test_all_completed(pack: ContentPack) -> None:
    progress = case_progress(
        pack, case(CaseState.COMPLETED),
        [session(0, ("F01", C), ("F02", C), ("F03", N)), session(1, ("T01", R), ("T02", C))],
    )
    assert progress.category is Category.ALL_COMPLETED
    assert progress.category.label == "All completed"
    assert (progress.done, progress.not_relevant, progress.total) == (4, 1, 5)


def test_thinking_complete_but_not_foundation_is_ongoing(pack: ContentPack) -> None:
    assert category(pack, CaseState.ACTIVE, session(0, ("T01", C), ("T02", N), ("F01", C))) is Category.ONGOING


def test_status_rules_across_sessions() -> None:
    sessions = [
        session(0, ("F01", C), ("F02", P), ("F03", P), ("T01", R)),
        session(1, ("F01", P), ("F02", N), ("F03", C)),
        session(2, ("F02", P), ("T02", None)),
    ]
    # Given newest first: the rules follow the dates, not the list order.
    assert exercise_outcomes(list(reversed(sessions))) == {
        "F01": C,  # completed once stays completed
        "F02": P,  # the latest outcome given
        "F03": C,
        "T01": C,  # revisited implies done
    }


def test_open_sessions_and_amendments_count(pack: ContentPack) -> None:
    first = session(0, ("F01", P))
    first.amendments.append(Amendment("exercise:F01:outcome", "partly_done", "completed", "Recorded wrongly"))
    first.amendments.append(Amendment("exercise:F02:outcome", "", "not_relevant", "Forgot to record"))
    still_open = session(1, ("F03", C), ended=False)
    progress = case_progress(pack, case(), [first, still_open])
    assert progress.outcomes == {"F01": C, "F02": N, "F03": C}
    assert progress.category is Category.FOUNDATION_COMPLETED
    assert first.exercises[0].outcome is P  # the original record is untouched


def test_outcomes_for_exercises_not_in_the_pack_do_not_count(pack: ContentPack) -> None:
    progress = case_progress(pack, case(), [session(0, ("Z99", C))])
    assert progress.outcomes == {"Z99": C}
    assert progress.done == 0
    assert progress.category is Category.ONGOING
