"""The parts of an ended session that an amendment can change, named as in
:func:`srt_tui.records.model.parse_target`, with labels a practitioner understands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from srt_tui.records.model import NOTES_FLAG, ExerciseRecord, Session, Target, parse_target, visibility_value

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack

# In the order a session record reads: what happened to the last task, then today, then next time.
SESSION_FIELD_LABELS = {
    "task_review": "Last task reviewed",
    "notes": "Session notes",
    "reflections": "Participant's reflections",
    "task_set": "Task set for next time",
    "plan_next": "Plan for next session",
}
NOTES_FLAG_LABEL = "Session notes: who may see them"
EXERCISE_PART_LABELS = {
    "outcome": "outcome",
    "skip_reason": "reason not relevant",
    "notes": "notes",
    NOTES_FLAG: "who may see the notes",
}


def read_target(session: Session, target: str) -> str:
    """The text ``target`` holds in ``session``: "" for an outcome not marked, and who may see
    notes as :data:`~srt_tui.records.model.PRACTITIONER_ONLY` or ``SHARED``. An exercise the
    session did not cover reads as a new record would."""
    where = parse_target(target)
    if where.exercise_id is None:
        value = getattr(session, where.part)
        return visibility_value(value) if where.is_flag else str(value)
    record = session.record_for(where.exercise_id) or ExerciseRecord(where.exercise_id)
    if where.is_flag:
        return visibility_value(record.notes_practitioner_only)
    if where.is_outcome:
        return record.outcome.value if record.outcome else ""
    if where.question_id is not None:
        return record.answers.get(where.question_id, "")
    return str(getattr(record, where.part))


def amendable_targets(session: Session, pack: ContentPack) -> list[tuple[str, str]]:
    """(label, target) for every field of ``session`` an amendment may change."""
    targets = [(label, name) for name, label in SESSION_FIELD_LABELS.items()]
    targets.insert(list(SESSION_FIELD_LABELS).index("notes") + 1, (NOTES_FLAG_LABEL, NOTES_FLAG))
    for record in session.exercises:
        exercise = pack.exercise(record.exercise_id)
        name = record.exercise_id
        for part, label in EXERCISE_PART_LABELS.items():
            targets.append((f"{name}: {label}", str(Target(part, name))))
        questions = exercise.questions if exercise else ()
        for number, question in enumerate(questions, 1):
            targets.append((f"{name}: answer {number}", str(Target("answer", name, question.id))))
    return targets
