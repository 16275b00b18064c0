"""Render a :class:`CaseSummary` as CSV: one row per exercise outcome per session.

Each row repeats the case overview (so a row filtered out of context still says whose it is
and where the case stands) and the session it belongs to. A session with no exercises gets
one row with the exercise columns empty, and a case with no sessions one row with only the
case columns, so every case and session is in the file. Amendment histories are in the
other formats; here every value is what the record says now, with the number of
amendments per session. Each row of a session repeats its clips watched and feedback, one
clip a line. Beside each notes column, who may see them (practitioner only, or shared).
"""

from __future__ import annotations

from collections.abc import Iterator

from srt_tui.export.csvsafe import Cell, csv_bytes
from srt_tui.export.summary import CLIPS_HEADING, CaseSummary, ExerciseView, SessionView
from srt_tui.records.targets import NOTES_FLAG_LABEL, SESSION_FIELD_LABELS

CASE_COLUMNS = (
    "Case reference", "Alias", "Practitioner", "State", "Category", "Sessions held",
    "Last seen", "Open task", "Exercises done", "Exercises total", "Not relevant",
)
SESSION_COLUMNS = ("Session", "Session date", "Session time", "Session ended", "Amendments")
EXERCISE_COLUMNS = (
    "Exercise", "Exercise title", "Module", "Outcome", "Reason for skipping",
    "Worksheet answers", "Exercise notes", "Exercise notes: who may see them",
)
# The session's fields in the summary's order, who may see the notes just after them.
FIELD_COLUMNS = tuple(
    column for name, label in SESSION_FIELD_LABELS.items()
    for column in ((label, NOTES_FLAG_LABEL) if name == "notes" else (label,))
)
CLIP_COLUMNS = (CLIPS_HEADING,)


def header(summary: CaseSummary) -> tuple[str, ...]:
    modules = tuple(
        f"{row.title}: {part}" for row in summary.modules for part in ("done", "not relevant", "total")
    )
    return CASE_COLUMNS + modules + SESSION_COLUMNS + EXERCISE_COLUMNS + FIELD_COLUMNS + CLIP_COLUMNS


def rows(summary: CaseSummary) -> Iterator[list[Cell]]:
    overview = summary.overview
    case: list[Cell] = [
        summary.ref, summary.alias, summary.practitioner, overview.state, overview.category,
        overview.sessions_held, overview.last_seen, overview.open_task, summary.done,
        summary.total, summary.not_relevant,
    ]
    for row in summary.modules:
        case += [row.done, row.not_relevant, row.total]
    if not summary.sessions:
        yield case + [""] * (len(SESSION_COLUMNS) + len(EXERCISE_COLUMNS) + len(FIELD_COLUMNS) + len(CLIP_COLUMNS))
    for session in summary.sessions:
        for exercise in session.exercises or (None,):
            yield (case + _session(session) + _exercise(exercise) + _fields(session)
                   + ["\n".join(clip.line for clip in session.clips)])


def _session(session: SessionView) -> list[Cell]:
    return [session.number, session.date, session.times, "Yes" if session.ended else "No",
            len(session.amendments)]


def _fields(session: SessionView) -> list[Cell]:
    cells: list[Cell] = []
    for name, field in zip(SESSION_FIELD_LABELS, session.fields, strict=True):
        cells += [field.value, session.notes_visibility] if name == "notes" else [field.value]
    return cells


def _exercise(exercise: ExerciseView | None) -> list[Cell]:
    if exercise is None:
        return [""] * len(EXERCISE_COLUMNS)
    answers = "\n".join(f"{a.question} {a.answer or '(not answered)'}" for a in exercise.answers)
    return [exercise.id, exercise.title, exercise.module, exercise.outcome,
            exercise.skip_reason, answers, exercise.notes, exercise.notes_visibility]


def render_case_csv(summary: CaseSummary) -> bytes:
    return csv_bytes(header(summary), rows(summary))


__all__ = ["render_case_csv"]
