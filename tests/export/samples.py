"""Sample records for export tests: a tiny content pack, a case and sessions built by hand
from the model dataclasses, full of hostile text, with amendments and an open session whose
notes are shared with the participant (every other note is practitioner-only)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from srt_tui.content.model import ContentPack, Exercise, Guidance, Module, Question
from srt_tui.records.model import (
    Amendment,
    Case,
    CaseState,
    ClipFeedback,
    ClipWatch,
    ExerciseRecord,
    Outcome,
    Session,
)

SCRIPT = "<script>alert(1)</script>"
ANSI = "\x1b[31mred"
MARKUP = "[bold]x[/]"
QUOTES = '"quotes" & amps'
FORMULA = '=HYPERLINK("http://evil.example/","click")'
OSC = "\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07"
# What each hostile string must read as once exported (escapes removed, the rest kept).
HOSTILE_SHOWN = {SCRIPT: SCRIPT, ANSI: "red", MARKUP: MARKUP, QUOTES: QUOTES, FORMULA: FORMULA,
                 OSC: "link"}
HOSTILE = f"{SCRIPT} {ANSI} {MARKUP} {QUOTES}\n{FORMULA} {OSC}"

# Distinct plain strings that must all appear in Markdown and HTML exports.
PLAIN = {
    "answer_f01_q1": "Answer one for F01 about feeling tense",
    "answer_f01_q2_before": "Original answer two",
    "answer_f01_q2_after": "Amended answer two",
    "exercise_notes": "Engaged well with the clip",
    "skip_reason": "No children in the household",
    "notes_before": "Original session notes text",
    "notes_after": "Corrected session notes text",
    "reflections": "I see that I shout when I am scared",
    "task_review": "Kept the diary on four days",
    "task_set": "Notice three early warning signs",
    "plan_next": "Start the thinking module",
    "reason_notes": "Wrong date mentioned in notes",
    "reason_answer": "Participant asked to clarify",
    "by": "Supervisor AB",
    "open_notes": "Session still running notes",
    "answer_t01": "Thinking answer in open session",
    "responsivity": "Prefers morning appointments",
    "practitioner": "P. Practitioner",
    "feedback": "It felt like my own kitchen",
}

REF = "CRN-2026/0042"
ALIAS = "J.S."
UTC_TIME = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)


def _exercise(exercise_id: str, title: str, module: str, order: int, questions: int) -> Exercise:
    return Exercise(
        id=exercise_id,
        title=title,
        module=module,
        order=order,
        minutes=15,
        aim="An aim.",
        key_points=("A point.",),
        guidance=Guidance(),
        questions=tuple(
            Question(f"q{n}", f"{title} question {n}?") for n in range(1, questions + 1)
        ),
        task="A task.",
    )


def make_pack() -> ContentPack:
    return ContentPack(
        root=Path("/nonexistent-pack"),
        title="Test toolkit",
        version="1.0",
        variants=("partner-female", "partner-male"),
        modules=(
            Module("foundation", "Foundation", 1),
            Module("thinking", "Thinking skills", 2),
        ),
        exercises=(
            _exercise("F01", "Warning signs", "foundation", 1, 2),
            _exercise("F02", "Children first", "foundation", 2, 1),
            _exercise("T01", "Thinking traps", "thinking", 3, 1),
        ),
    )


def make_case() -> Case:
    return Case(
        ref=REF,
        alias=ALIAS,
        referral_date=date(2026, 2, 1),
        variant="partner-male",
        state=CaseState.ACTIVE,
        state_date=date(2026, 2, 10),
        state_reason=f"Started. {HOSTILE}",
        responsivity_notes=f"{PLAIN['responsivity']}\n{HOSTILE}",
        practitioner=PLAIN["practitioner"],
        id="case0001",
        created_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC),
    )


def make_sessions(case: Case) -> list[Session]:
    first = Session(
        case_id=case.id,
        date=date(2026, 3, 3),
        started_at=datetime(2026, 3, 3, 14, 5, tzinfo=UTC),
        ended_at=datetime(2026, 3, 3, 15, 10, tzinfo=UTC),
        exercises=[
            ExerciseRecord(
                "F01",
                Outcome.COMPLETED,
                answers={"q1": f"{PLAIN['answer_f01_q1']} {HOSTILE}", "q2": PLAIN["answer_f01_q2_before"]},
                notes=PLAIN["exercise_notes"],
            ),
            ExerciseRecord("F02", Outcome.NOT_RELEVANT, skip_reason=PLAIN["skip_reason"]),
        ],
        notes=f"{PLAIN['notes_before']}\n{HOSTILE}",
        reflections=f"{PLAIN['reflections']}\n\n{HOSTILE}",
        task_review=PLAIN["task_review"],
        task_set=f"{PLAIN['task_set']}\n- one\n- two",
        plan_next=f"# {PLAIN['plan_next']}",
        amendments=[
            Amendment(
                field="notes",
                before=f"{PLAIN['notes_before']}\n{HOSTILE}",
                after=f"{PLAIN['notes_after']}\n{HOSTILE}",
                reason=PLAIN["reason_notes"],
                at=datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
                by=PLAIN["by"],
            ),
            Amendment(
                field="exercise:F01:answer:q2",
                before=PLAIN["answer_f01_q2_before"],
                after=PLAIN["answer_f01_q2_after"],
                reason=f"{PLAIN['reason_answer']} {HOSTILE}",
                at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
            ),
        ],
        id="sess0001",
        clips_watched=[ClipWatch("clips/F01-m.mp4", "F01", furthest=130.4, seconds_played=150.0)],
        feedback=[
            ClipFeedback("clips/F01-m.mp4", "F01", relatable=4, helpful=5, comment=f"{PLAIN['feedback']} {SCRIPT}"),
            ClipFeedback("clips/T01.mp4", "T01", relatable=None, helpful=2),
        ],
    )
    second = Session(
        case_id=case.id,
        date=date(2026, 3, 10),
        started_at=datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
        exercises=[
            ExerciseRecord("T01", Outcome.PARTLY_DONE, answers={"q1": PLAIN["answer_t01"]}),
        ],
        notes=PLAIN["open_notes"],
        notes_practitioner_only=False,  # shared with the participant
        id="sess0002",
    )
    return [first, second]


def summary_of(pack: ContentPack, case: Case, sessions: list[Session]):  # -> CaseSummary
    """The view model the renderers get, with times shown in UTC so tests are stable."""
    from srt_tui.export.summary import build_summary
    from srt_tui.records.progress import case_progress

    return build_summary(
        pack, case, sessions, case_progress(pack, case, sessions), exported_at=UTC_TIME, tz=UTC
    )


class FakeStore:
    """Just what export_case reads from a RecordStore, holding one case as given (so a
    reference the real store would refuse can still be tried)."""

    def __init__(self, case: Case, sessions: list[Session], data_dir: Path) -> None:
        self.case, self._sessions = case, sessions
        self.data_dir = data_dir  # where the audit log of exports goes

    def find_case(self, ref: str) -> Case | None:
        return self.case if ref.strip().casefold() == self.case.ref.strip().casefold() else None

    def sessions(self, case_id: str) -> list[Session]:
        assert case_id == self.case.id
        return list(self._sessions)
