"""The view model: current text from Session.effective(), amendments with the text they
replaced, readable labels, and user text cleaned of terminal escapes."""

from __future__ import annotations

from dataclasses import astuple, replace

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Amendment, Case, ExerciseRecord, Outcome, Session
from tests.export.samples import ALIAS, PLAIN, REF, UTC_TIME, summary_of


def _all_text(value: object) -> str:
    """Every string in a (nested) frozen dataclass, joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return "\n".join(_all_text(item) for item in value)
    if hasattr(value, "__dataclass_fields__"):
        return "\n".join(_all_text(item) for item in astuple(value))
    return str(value)


def test_header_and_case_details(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    summary = summary_of(pack, case, sessions)
    assert summary.title == f"Case {REF} ({ALIAS})"
    details = {d.label: d.value for d in summary.details}
    assert details["Case reference"] == REF
    assert details["Referral date"] == "Sun 1 Feb 2026"
    assert details["State"] == "Active since Tue 10 Feb 2026"
    assert details["Content variant"] == "partner-male"
    assert details["Sessions"] == "2"
    assert PLAIN["responsivity"] in details["Responsivity notes"]
    assert summary.pack == "Test toolkit, version 1.0"
    assert summary.exported_at == f"{UTC_TIME:%Y-%m-%d %H:%M} (UTC+00:00)"


def test_progress_per_module(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    summary = summary_of(pack, case, sessions)
    rows = [(m.title, m.done, m.total, m.not_relevant) for m in summary.modules]
    assert rows == [("Foundation", 1, 2, 1), ("Thinking skills", 0, 1, 0)]
    assert (summary.done, summary.total, summary.not_relevant) == (1, 3, 1)
    assert summary.category == "Foundation completed"


def test_session_uses_effective_text_and_lists_amendments(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    first, second = summary_of(pack, case, sessions).sessions
    assert first.heading == "Session 1 — Tue 3 Mar 2026, 14:05–15:10"
    assert first.ended and not second.ended
    assert second.times == "10:00 – not ended"
    fields = {f.label: f.value for f in first.fields}
    assert list(fields) == [
        "Last task reviewed",
        "Session notes (practitioner only, amended)",
        "Participant's reflections",
        "Task set for next time",
        "Plan for next session",
    ]
    assert fields["Session notes (practitioner only, amended)"].startswith(PLAIN["notes_after"])
    f01, f02 = first.exercises
    assert (f01.id, f01.title, f01.module, f01.outcome) == ("F01", "Warning signs", "Foundation", "Completed")
    assert [a.question for a in f01.answers] == [
        "Warning signs question 1?",
        "Warning signs question 2? (amended)",
    ]
    assert f01.answers[1].answer == PLAIN["answer_f01_q2_after"]
    assert f02.not_relevant and f02.outcome == "Skipped: not relevant"
    assert f02.skip_reason == PLAIN["skip_reason"]
    notes, answer = first.amendments
    assert (notes.field, notes.at, notes.by) == ("Session notes", "2026-03-04 09:30", PLAIN["by"])
    assert notes.before.startswith(PLAIN["notes_before"])
    assert notes.after.startswith(PLAIN["notes_after"])
    assert answer.field == "F01 Warning signs: answer to “Warning signs question 2?”"
    assert (answer.before, answer.after) == (PLAIN["answer_f01_q2_before"], PLAIN["answer_f01_q2_after"])


def test_the_stored_session_is_not_changed(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    before = [s.to_dict() for s in sessions]
    summary_of(pack, case, sessions)
    assert [s.to_dict() for s in sessions] == before


def test_no_control_characters_survive(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    text = _all_text(summary_of(pack, case, sessions))
    assert "\x1b" not in text and "\x07" not in text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)


def test_outcome_amendments_show_labels_and_unknown_exercises_are_named(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    session = replace(
        sessions[0],
        exercises=[ExerciseRecord("Z99", Outcome.COMPLETED, answers={"qx": "Answer to a gone question"})],
        amendments=[
            Amendment("exercise:Z99:outcome", "completed", "partly_done", "Was not finished", at=UTC_TIME),
            Amendment("exercise:F02:outcome", "", "not_relevant", "Forgot to mark it", at=UTC_TIME),
        ],
    )
    view = summary_of(pack, case, [session]).sessions[0]
    gone = view.exercises[0]
    assert "Z99" in gone.title and "not in this content pack" in gone.title
    assert gone.outcome == "Partly done (amended)"
    assert [(a.question, a.answer) for a in gone.answers] == [("Question qx", "Answer to a gone question")]
    first, second = view.amendments
    assert (first.before, first.after) == ("Completed", "Partly done")
    assert first.field.endswith(": outcome")
    assert (second.before, second.after) == ("(no outcome)", "Skipped: not relevant")
    assert second.field == "F02 Children first: outcome"
    assert [e.id for e in view.exercises] == ["Z99", "F02"]  # the amendment added F02's record
    assert view.exercises[1].outcome == "Skipped: not relevant (amended)"


def test_a_case_without_sessions(pack: ContentPack, case: Case) -> None:
    summary = summary_of(pack, case, [])
    assert summary.sessions == ()
    assert summary.category == "Not commenced"
    assert "First session" not in {d.label for d in summary.details}
