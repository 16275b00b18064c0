"""The parts of an ended session that an amendment can change, named as in
:func:`srt_tui.records.model.apply_amendment`, with labels a practitioner understands."""

from __future__ import annotations

from srt_tui.content.model import ContentPack
from srt_tui.records.model import AMENDABLE_SESSION_FIELDS, Session

# In the order a session record reads: what happened to the last task, then today, then next time.
SESSION_FIELD_LABELS = {
    "task_review": "Last task reviewed",
    "notes": "Session notes",
    "reflections": "Participant's reflections",
    "task_set": "Task set for next time",
    "plan_next": "Plan for next session",
}


def read_target(session: Session, target: str) -> str:
    """The text ``target`` holds in ``session`` ("" for an outcome not marked)."""
    if target in AMENDABLE_SESSION_FIELDS:
        return str(getattr(session, target))
    kind, _, rest = target.partition(":")
    exercise_id, _, part = rest.partition(":")
    question = part.removeprefix("answer:") if part.startswith("answer:") else None
    known_part = part in ("outcome", "skip_reason", "notes") or bool(question and ":" not in question)
    if kind != "exercise" or not exercise_id or not known_part:
        raise ValueError(f"cannot amend {target!r}")
    record = session.record_for(exercise_id)
    if record is None:
        return ""
    if part == "outcome":
        return record.outcome.value if record.outcome else ""
    if question is not None:
        return record.answers.get(question, "")
    return str(getattr(record, part))


def amendable_targets(session: Session, pack: ContentPack) -> list[tuple[str, str]]:
    """(label, target) for every field of ``session`` an amendment may change."""
    targets = [(label, name) for name, label in SESSION_FIELD_LABELS.items()]
    for record in session.exercises:
        exercise = pack.exercise(record.exercise_id)
        name = record.exercise_id
        targets.append((f"{name}: outcome", f"exercise:{name}:outcome"))
        targets.append((f"{name}: reason not relevant", f"exercise:{name}:skip_reason"))
        targets.append((f"{name}: notes", f"exercise:{name}:notes"))
        questions = exercise.questions if exercise else ()
        for number, question in enumerate(questions, 1):
            targets.append((f"{name}: answer {number}", f"exercise:{name}:answer:{question.id}"))
    return targets
