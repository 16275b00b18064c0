"""The case summary as a plain view model, built once and rendered to every format
(Markdown, HTML, PDF, CSV and the summary part of the JSON bundle), so formats cannot drift.

Everything a renderer needs is here as already-formatted, already-cleaned strings: the
renderers only lay it out and escape it. User text goes through
:func:`srt_tui.records.validation.clean_text`, which drops terminal escapes and control
characters. Each session shows what the record says now (``Session.amended()``) and lists
every amendment with the text it replaced, so the original is never hidden. Supervisors see
every note, each labelled with who may see it (practitioner only, or shared with the
participant).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from srt_tui import __version__
from srt_tui.content.model import ContentPack, Exercise
from srt_tui.records.model import (
    NOTES_FLAG,
    Amendment,
    Case,
    ClipFeedback,
    ExerciseRecord,
    Outcome,
    Session,
    Target,
    parse_target,
    practitioner_only_from,
    visibility_label,
)
from srt_tui.records.progress import Progress, open_task
from srt_tui.records.targets import NOTES_FLAG_LABEL, SESSION_FIELD_LABELS
from srt_tui.records.validation import clean_text, one_line

MARKING = "OFFICIAL-SENSITIVE"
HANDLING = "Contains criminal-offence data — handle per your local policy"
NONE_RECORDED = "None recorded."
NOT_SEEN = "Not seen yet"
CLIPS_HEADING = "Clips watched and feedback"
NO_CLIPS = "No clips played and no feedback recorded."


@dataclass(frozen=True)
class Detail:
    label: str
    value: str


@dataclass(frozen=True)
class Skip:
    """An exercise the case counts as not relevant, with the reason given and when."""

    exercise: str  # "F02 Children first"
    reason: str
    date: str  # the session it was marked in


@dataclass(frozen=True)
class Overview:
    """What a supervisor reads first, in a minute."""

    state: str  # "Active since Tue 10 Feb 2026"
    category: str
    sessions_held: int
    last_seen: str  # a day, or NOT_SEEN
    open_task: str  # the task set in the last ended session; "" when none
    skips: tuple[Skip, ...]

    @property
    def facts(self) -> tuple[Detail, ...]:
        """The overview's label/value lines, in the order every format shows them."""
        return (
            Detail("State", self.state),
            Detail("Category", self.category),
            Detail("Sessions held", str(self.sessions_held)),
            Detail("Last seen", self.last_seen),
            Detail("Open task", self.open_task or NONE_RECORDED),
        )


@dataclass(frozen=True)
class ModuleRow:
    title: str
    done: int
    total: int
    not_relevant: int

    @property
    def covered(self) -> int:
        """Exercises dealt with: done, or skipped as not relevant."""
        return self.done + self.not_relevant

    def percent(self, count: int) -> float:
        return round(100 * count / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # "" when the question was not answered


@dataclass(frozen=True)
class ExerciseView:
    id: str
    title: str
    module: str
    outcome: str  # an outcome label, or "No outcome recorded"
    not_relevant: bool
    skip_reason: str
    answers: tuple[Answer, ...]
    notes: str
    notes_visibility: str  # "Practitioner only" or "Shared with the participant"
    notes_label: str  # "Exercise notes (practitioner only)", "(…, amended)" when changed since


@dataclass(frozen=True)
class AmendmentView:
    at: str
    field: str  # readable: "Session notes", "F03 Title: answer to “...”"
    before: str
    after: str
    reason: str
    by: str


@dataclass(frozen=True)
class ClipView:
    """One clip of a session: how much of it was watched and what the participant said."""

    exercise: str  # "F01 Warning signs"
    clip: str  # the clip's file name, e.g. "R04-m.mp4"
    watched: str  # "watched to 2:10 (2:30 played)", or "not played"
    feedback: str  # "relatable 4/5, helpful 5/5, comment: “...”", or "no feedback"

    @property
    def line(self) -> str:
        """The clip in one line, as every format shows it."""
        return f"{self.exercise}, {self.clip}: {self.watched}; {self.feedback}"


@dataclass(frozen=True)
class SessionView:
    number: int
    date: str  # "Tue 3 Mar 2026"
    times: str  # "14:05–15:10", or "14:05 – not ended"
    ended: bool
    exercises: tuple[ExerciseView, ...]
    fields: tuple[Detail, ...]  # task reviewed, notes, reflections, task set, plan next
    amendments: tuple[AmendmentView, ...]
    clips: tuple[ClipView, ...] = ()  # clips played or given feedback, in the order first played
    notes_visibility: str = ""  # of the session notes: "Practitioner only" or "Shared with the participant"

    @property
    def heading(self) -> str:
        return f"Session {self.number} — {self.date}, {self.times}"


@dataclass(frozen=True)
class CaseSummary:
    title: str  # "Case CRN-1 (J.S.)"
    ref: str
    alias: str
    practitioner: str
    overview: Overview
    details: tuple[Detail, ...]
    category: str
    modules: tuple[ModuleRow, ...]
    done: int
    total: int
    not_relevant: int
    sessions: tuple[SessionView, ...]
    pack: str  # "Toolkit title, version 1.0"
    exported_at: str  # "2026-03-03 14:05 (UTC+00:00)"
    app_version: str
    timezone_note: str


def build_summary(
    pack: ContentPack,
    case: Case,
    sessions: list[Session],
    progress: Progress,
    *,
    exported_at: datetime | None = None,
    tz: tzinfo | None = None,
) -> CaseSummary:
    """Collect everything an export shows. ``tz`` is the zone times are shown in
    (default: the laptop's local zone); ``exported_at`` defaults to now."""
    moment = _local(exported_at or datetime.now(UTC), tz)
    ref, alias = clean_text(case.ref), clean_text(case.alias)
    category = clean_text(progress.category.label)
    return CaseSummary(
        title=f"Case {ref} ({alias})",
        ref=ref,
        alias=alias,
        practitioner=clean_text(case.practitioner),
        overview=Overview(
            state=state_label(case),
            category=category,
            sessions_held=len(sessions),
            last_seen=long_day(max(s.date for s in sessions)) if sessions else NOT_SEEN,
            open_task=clean_text(open_task(sessions)),
            skips=_skips(pack, sessions, progress),
        ),
        details=_case_details(case, sessions),
        category=category,
        modules=tuple(
            ModuleRow(clean_text(m.title), m.done, m.total, m.not_relevant) for m in progress.modules
        ),
        done=progress.done,
        total=progress.total,
        not_relevant=progress.not_relevant,
        sessions=tuple(
            _session_view(number, pack, session, tz)
            for number, session in enumerate(sessions, start=1)
        ),
        pack=f"{clean_text(pack.title)}, version {clean_text(pack.version)}",
        exported_at=f"{moment:%Y-%m-%d %H:%M} ({_offset(moment)})",
        app_version=__version__,
        timezone_note=(
            f"Times are shown in the exporting laptop's time zone ({_offset(moment)} at export)."
        ),
    )


def state_label(case: Case) -> str:
    state = case.state.label
    if case.state_date:
        state += f" since {long_day(case.state_date)}"
    return state


def _skips(pack: ContentPack, sessions: list[Session], progress: Progress) -> tuple[Skip, ...]:
    """Exercises whose status is not relevant, in pack order, each with the reason and day
    of the latest record that marked it so."""
    latest: dict[str, tuple[str, str]] = {}
    for session in sessions:
        for record in session.amended().exercises:
            if record.outcome is Outcome.NOT_RELEVANT:
                latest[record.exercise_id] = (clean_text(record.skip_reason), long_day(session.date))
    order = {exercise.id: index for index, exercise in enumerate(pack.exercises)}
    skipped = [i for i, status in progress.outcomes.items() if status is Outcome.NOT_RELEVANT]
    skipped.sort(key=lambda i: (order.get(i, len(order)), i))
    return tuple(
        Skip(
            exercise=f"{clean_text(i)} {_exercise_title(pack.exercise(i), i)}",
            reason=latest.get(i, ("", ""))[0] or NONE_RECORDED,
            date=latest.get(i, ("", ""))[1],
        )
        for i in skipped
    )


def _case_details(case: Case, sessions: list[Session]) -> tuple[Detail, ...]:
    rows = [
        Detail("Case reference", clean_text(case.ref)),
        Detail("Alias", clean_text(case.alias)),
        Detail("Referral date", long_day(case.referral_date)),
        Detail("Content variant", clean_text(case.variant) if case.variant else "Standard"),
        Detail("State", state_label(case)),
        Detail("Reason for state", clean_text(case.state_reason) or NONE_RECORDED),
        Detail("Practitioner", clean_text(case.practitioner) or NONE_RECORDED),
        Detail("Sessions", str(len(sessions))),
    ]
    if sessions:
        rows.append(Detail("First session", long_day(sessions[0].date)))
        rows.append(Detail("Last session", long_day(sessions[-1].date)))
    rows.append(Detail("Responsivity notes", clean_text(case.responsivity_notes) or NONE_RECORDED))
    return tuple(rows)


def _session_view(number: int, pack: ContentPack, session: Session, tz: tzinfo | None) -> SessionView:
    current = session.amended()
    start = _local(session.started_at, tz)
    if session.ended_at is not None:
        times = f"{start:%H:%M}–{_local(session.ended_at, tz):%H:%M}"
    else:
        times = f"{start:%H:%M} – not ended"
    amended = _amended(session)
    return SessionView(
        number=number,
        date=long_day(session.date),
        times=times,
        ended=session.ended,
        exercises=tuple(_exercise_view(pack, record, amended) for record in current.exercises),
        fields=tuple(
            Detail(_session_label(current, name, label, amended), clean_text(getattr(current, name)))
            for name, label in SESSION_FIELD_LABELS.items()
        ),
        amendments=tuple(_amendment_view(pack, a, tz) for a in session.amendments),
        clips=clip_views(pack, session),
        notes_visibility=visibility_label(current.notes_practitioner_only),
    )


def _amended(session: Session) -> set[Target]:
    """What the session's amendments changed (one the model cannot read changes nothing)."""
    targets = set()
    for amendment in session.amendments:
        try:
            targets.add(parse_target(amendment.field))
        except ValueError:
            continue
    return targets


def _session_label(current: Session, name: str, label: str, amended: set[Target]) -> str:
    """A session field's heading; the notes' says who may see them."""
    if name != "notes":
        return _mark(label, Target(name) in amended)
    changed = bool({Target("notes"), Target(NOTES_FLAG)} & amended)
    return _notes_label(label, current.notes_practitioner_only, changed)


def _notes_label(label: str, practitioner_only: bool, amended: bool) -> str:
    """``Session notes (practitioner only)``, ``Exercise notes (shared with the participant, amended)``."""
    said = [visibility_label(practitioner_only).lower(), *(["amended"] if amended else [])]
    return f"{label} ({', '.join(said)})"


def clip_views(pack: ContentPack, session: Session) -> tuple[ClipView, ...]:
    """Every clip the session played or has feedback on: watched first, in play order."""
    keys = [(w.clip, w.exercise_id) for w in session.clips_watched]
    keys += [(f.clip, f.exercise_id) for f in session.feedback if (f.clip, f.exercise_id) not in keys]
    views = []
    for clip, exercise_id in keys:
        watch = next((w for w in session.clips_watched if (w.clip, w.exercise_id) == (clip, exercise_id)), None)
        said = next((f for f in session.feedback if (f.clip, f.exercise_id) == (clip, exercise_id)), None)
        views.append(ClipView(
            exercise=f"{clean_text(exercise_id)} {_exercise_title(pack.exercise(exercise_id), exercise_id)}",
            clip=clean_text(clip.replace("\\", "/").rsplit("/", 1)[-1]),
            watched=(f"watched to {minutes(watch.furthest)} ({minutes(watch.seconds_played)} played)"
                     if watch else "not played"),
            feedback=_feedback_text(said),
        ))
    return tuple(views)


def _feedback_text(said: ClipFeedback | None) -> str:
    if said is None:
        return "no feedback"
    parts = [f"{name} {value}/5" for name, value in (("relatable", said.relatable), ("helpful", said.helpful))
             if value is not None]
    comment = one_line(said.comment)
    if comment:
        parts.append(f"comment: “{comment}”")
    return ", ".join(parts) or "no feedback"


def minutes(seconds: float) -> str:
    """``130.4`` -> ``2:10``."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _exercise_view(pack: ContentPack, record: ExerciseRecord, amended: set[Target]) -> ExerciseView:
    """One exercise as the record now says; parts changed by an amendment say "(amended)"."""
    exercise = pack.exercise(record.exercise_id)
    module = pack.module(exercise.module) if exercise else None
    mine = {t for t in amended if t.exercise_id == record.exercise_id}
    answered = {t.question_id for t in mine if t.question_id is not None}
    notes_amended = bool({"notes", NOTES_FLAG} & {t.part for t in mine})
    return ExerciseView(
        id=clean_text(record.exercise_id),
        title=_exercise_title(exercise, record.exercise_id),
        module=clean_text(module.title) if module else "",
        outcome=_mark(
            record.outcome.label if record.outcome else "No outcome recorded",
            any(t.is_outcome for t in mine),
        ),
        not_relevant=record.outcome is Outcome.NOT_RELEVANT,
        skip_reason=clean_text(record.skip_reason),
        answers=_answers(exercise, record, answered),
        notes=clean_text(record.notes),
        notes_visibility=visibility_label(record.notes_practitioner_only),
        notes_label=_notes_label("Exercise notes", record.notes_practitioner_only, notes_amended),
    )


def _answers(
    exercise: Exercise | None, record: ExerciseRecord, amended: set[str]
) -> tuple[Answer, ...]:
    """Every worksheet question with its answer, in worksheet order, once anything is
    answered; answers to questions the pack no longer has come last, under their id."""
    if not any(value.strip() for value in record.answers.values()):
        return ()
    questions = [(q.id, clean_text(q.text)) for q in (exercise.questions if exercise else ())]
    known = {qid for qid, _ in questions}
    questions += [(qid, f"Question {clean_text(qid)}") for qid in record.answers if qid not in known]
    return tuple(
        Answer(_mark(text, qid in amended), clean_text(record.answers.get(qid, "")))
        for qid, text in questions
    )


def _mark(label: str, amended: bool) -> str:
    return f"{label} (amended)" if amended else label


def _amendment_view(pack: ContentPack, amendment: Amendment, tz: tzinfo | None) -> AmendmentView:
    try:
        where: Target | None = parse_target(amendment.field)
    except ValueError:
        where = None
    text = _outcome_text if where and where.is_outcome else _visibility_text if where and where.is_flag else clean_text
    return AmendmentView(
        at=f"{_local(amendment.at, tz):%Y-%m-%d %H:%M}",
        field=_field_label(pack, amendment.field, where),
        before=text(amendment.before),
        after=text(amendment.after),
        reason=clean_text(amendment.reason),
        by=clean_text(amendment.by),
    )


def _field_label(pack: ContentPack, target: str, where: Target | None) -> str:
    """``notes`` -> "Session notes"; ``exercise:F03:answer:q1`` -> "F03 Title: answer to “...”"."""
    if where is None:
        return clean_text(target)
    if where.exercise_id is None:
        return NOTES_FLAG_LABEL if where.is_flag else SESSION_FIELD_LABELS[where.part]
    exercise = pack.exercise(where.exercise_id)
    name = f"{clean_text(where.exercise_id)} {_exercise_title(exercise, where.exercise_id)}"
    if where.question_id is not None:
        question = next((q for q in exercise.questions if q.id == where.question_id), None) if exercise else None
        asked = clean_text(question.text) if question else f"question {clean_text(where.question_id)}"
        return f"{name}: answer to “{asked}”"
    parts = {"outcome": "outcome", "skip_reason": "reason for skipping", "notes": "exercise notes",
             NOTES_FLAG: "who may see the exercise notes"}
    return f"{name}: {parts[where.part]}"


def _exercise_title(exercise: Exercise | None, exercise_id: str) -> str:
    if exercise is None:
        return f"(exercise {clean_text(exercise_id)} is not in this content pack)"
    return clean_text(exercise.title)


def _visibility_text(value: str) -> str:
    try:
        return visibility_label(practitioner_only_from(value))
    except ValueError:
        return clean_text(value)


def _outcome_text(value: str) -> str:
    if not value:
        return "(no outcome)"
    try:
        return Outcome(value).label
    except ValueError:
        return clean_text(value)


def _local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz)


def _offset(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return f"UTC{offset[:3]}:{offset[3:]}"


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_day(day: date) -> str:
    """``Tue 3 Mar 2026``, in English whatever the laptop's locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


__all__ = [
    "CLIPS_HEADING",
    "HANDLING",
    "NO_CLIPS",
    "MARKING",
    "NONE_RECORDED",
    "NOT_SEEN",
    "Answer",
    "AmendmentView",
    "CaseSummary",
    "ClipView",
    "Detail",
    "ExerciseView",
    "ModuleRow",
    "Overview",
    "SessionView",
    "Skip",
    "build_summary",
    "clip_views",
    "long_day",
    "minutes",
    "state_label",
]
