"""Cases and sessions as plain data, with lossless conversion to and from JSON-ready dicts.

Dates are ``datetime.date``; moments are timezone-aware ``datetime`` in UTC. Everything the
practitioner types is kept verbatim: escaping happens where text is shown or exported.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from srt_tui.records.values import CaseState, Outcome, now


def new_id() -> str:
    return uuid.uuid4().hex


# Fields of a session that hold the practitioner's words and may be amended after it ends.
AMENDABLE_SESSION_FIELDS = ("notes", "reflections", "task_set", "task_review", "plan_next")

# Whether notes (a session's, or one exercise's) are for the practitioner's eyes only. On by
# default: nothing reaches the participant unless the practitioner marks it shared. An
# amendment names it like any other field, with one of the two values below as its text.
NOTES_FLAG = "notes_practitioner_only"
PRACTITIONER_ONLY = "practitioner-only"
SHARED = "shared"
_VISIBILITY_LABELS = {PRACTITIONER_ONLY: "Practitioner only", SHARED: "Shared with the participant"}
# The parts of one exercise's record an amendment may change ("answer" needs a question id).
EXERCISE_PARTS = ("outcome", "skip_reason", "notes", NOTES_FLAG, "answer")


def visibility_value(practitioner_only: bool) -> str:
    """The flag as an amendment's text: :data:`PRACTITIONER_ONLY` or :data:`SHARED`."""
    return PRACTITIONER_ONLY if practitioner_only else SHARED


def practitioner_only_from(value: str) -> bool:
    """The flag an amendment's text stands for; ValueError for any other text."""
    if value not in _VISIBILITY_LABELS:
        raise ValueError(f"{value!r} does not say who may see the notes ({PRACTITIONER_ONLY!r} or {SHARED!r}).")
    return value == PRACTITIONER_ONLY


def visibility_label(practitioner_only: bool) -> str:
    """"Practitioner only" or "Shared with the participant", for screens and exports."""
    return _VISIBILITY_LABELS[visibility_value(practitioner_only)]


@dataclass
class Case:
    ref: str  # the practitioner's case reference, validated and unique
    alias: str  # alias or initials: never a full name
    referral_date: date
    variant: str | None = None  # content variant, e.g. "partner-male"
    state: CaseState = CaseState.REFERRED
    state_date: date | None = None
    state_reason: str = ""
    responsivity_notes: str = ""
    practitioner: str = ""  # who holds the case; kept when a bundle is imported
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=now)
    next_plan: list[str] = field(default_factory=list)  # exercise ids planned for the next session
    next_plan_note: str = ""  # the practitioner's note for the next session

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["referral_date"] = self.referral_date.isoformat()
        data["state"] = self.state.value
        data["state_date"] = self.state_date.isoformat() if self.state_date else None
        data["created_at"] = self.created_at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["referral_date"] = date.fromisoformat(data["referral_date"])
        values["state"] = CaseState(data.get("state", CaseState.REFERRED))
        values["state_date"] = _date_or_none(data.get("state_date"))
        values["created_at"] = datetime.fromisoformat(data["created_at"])
        plan = data.get("next_plan") or []
        if not isinstance(plan, list) or not all(isinstance(i, str) for i in plan):
            raise TypeError("a case's planned exercises must be a list of exercise ids")
        values["next_plan"] = list(plan)
        if not isinstance(data.get("next_plan_note", ""), str):
            raise TypeError("a case's plan note must be text")
        return cls(**values)


@dataclass
class ExerciseRecord:
    """One exercise covered in a session: its outcome and the worksheet answers given."""

    exercise_id: str
    outcome: Outcome | None = None
    skip_reason: str = ""  # required when outcome is NOT_RELEVANT
    answers: dict[str, str] = field(default_factory=dict)  # question id -> answer
    notes: str = ""
    notes_practitioner_only: bool = True  # False: the participant may see the notes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["outcome"] = self.outcome.value if self.outcome else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExerciseRecord:
        return cls(
            exercise_id=data["exercise_id"],
            outcome=Outcome(data["outcome"]) if data.get("outcome") else None,
            skip_reason=data.get("skip_reason", ""),
            answers=dict(data.get("answers", {})),
            notes=data.get("notes", ""),
            notes_practitioner_only=_flag(data, NOTES_FLAG, "an exercise's notes"),
        )


@dataclass
class Amendment:
    """A change to an ended session. ``field`` names what changed, e.g. ``notes`` or
    ``exercise:E05:answer:q1``; ``before`` keeps the text it replaced."""

    field: str
    before: str
    after: str
    reason: str
    at: datetime = field(default_factory=now)
    by: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Amendment:
        return cls(
            field=data["field"],
            before=data["before"],
            after=data["after"],
            reason=data["reason"],
            at=datetime.fromisoformat(data["at"]),
            by=data.get("by", ""),
        )


@dataclass
class ClipWatch:
    """How much of one clip was watched in a session."""

    clip: str  # the clip's file relative to the content pack, e.g. "clips/R04-m.mp4"
    exercise_id: str
    furthest: float = 0.0  # seconds: the furthest point playback reached
    seconds_played: float = 0.0  # seconds actually played; a replayed passage counts again
    left_at: float = 0.0  # where a later play resumes; 0 once it finished or was stopped

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClipWatch:
        clip, exercise_id = data["clip"], data["exercise_id"]
        if not isinstance(clip, str) or not isinstance(exercise_id, str):
            raise TypeError("a watched clip's name and exercise must be text")
        seconds = [float(data.get(name, 0.0)) for name in ("furthest", "seconds_played", "left_at")]
        if not all(0.0 <= value < 1e9 for value in seconds):  # also rejects NaN
            raise ValueError("a watched clip's times must be seconds from 0")
        return cls(clip, exercise_id, *seconds)


@dataclass
class ClipFeedback:
    """What the participant said about one clip: ratings 1-5 (None: not asked) and a comment.

    Counted in the caseload report so that content can be improved."""

    clip: str  # as in ClipWatch.clip
    exercise_id: str
    relatable: int | None = None
    helpful: int | None = None
    comment: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClipFeedback:
        clip, exercise_id = data["clip"], data["exercise_id"]
        if not isinstance(clip, str) or not isinstance(exercise_id, str):
            raise TypeError("a clip's feedback must name the clip and exercise as text")
        ratings = [data.get(name) for name in ("relatable", "helpful")]
        if not all(r is None or (type(r) is int and 1 <= r <= 5) for r in ratings):
            raise ValueError("feedback ratings must be whole numbers from 1 to 5")
        comment = data.get("comment", "")
        if not isinstance(comment, str):
            raise TypeError("a feedback comment must be text")
        return cls(clip, exercise_id, *ratings, comment=comment)


@dataclass
class Session:
    case_id: str
    date: date
    started_at: datetime = field(default_factory=now)
    ended_at: datetime | None = None  # set once, when the session is ended explicitly
    exercises: list[ExerciseRecord] = field(default_factory=list)
    notes: str = ""
    notes_practitioner_only: bool = True  # False: the participant may see the session notes
    reflections: str = ""  # the participant's own reflections
    task_set: str = ""  # the between-session task set for next time
    task_review: str = ""  # how the previous task went
    plan_next: str = ""
    amendments: list[Amendment] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    clips_watched: list[ClipWatch] = field(default_factory=list)  # per clip, in the order first played
    feedback: list[ClipFeedback] = field(default_factory=list)  # per clip, the participant's view

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    def record_for(self, exercise_id: str) -> ExerciseRecord | None:
        return next((r for r in self.exercises if r.exercise_id == exercise_id), None)

    def watch_for(self, clip: str) -> ClipWatch | None:
        return next((w for w in self.clips_watched if w.clip == clip), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "date": self.date.isoformat(),
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "exercises": [r.to_dict() for r in self.exercises],
            "notes": self.notes,
            NOTES_FLAG: self.notes_practitioner_only,
            "reflections": self.reflections,
            "task_set": self.task_set,
            "task_review": self.task_review,
            "plan_next": self.plan_next,
            "amendments": [a.to_dict() for a in self.amendments],
            "clips_watched": [w.to_dict() for w in self.clips_watched],
            "feedback": [f.to_dict() for f in self.feedback],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        ended = data.get("ended_at")
        return cls(
            id=data["id"],
            case_id=data["case_id"],
            date=date.fromisoformat(data["date"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            ended_at=datetime.fromisoformat(ended) if ended else None,
            exercises=[ExerciseRecord.from_dict(r) for r in data.get("exercises", [])],
            notes=data.get("notes", ""),
            notes_practitioner_only=_flag(data, NOTES_FLAG, "the session notes"),
            reflections=data.get("reflections", ""),
            task_set=data.get("task_set", ""),
            task_review=data.get("task_review", ""),
            plan_next=data.get("plan_next", ""),
            amendments=[Amendment.from_dict(a) for a in data.get("amendments", [])],
            clips_watched=[ClipWatch.from_dict(w) for w in data.get("clips_watched", [])],
            feedback=[ClipFeedback.from_dict(f) for f in data.get("feedback", [])],
        )

    def copy(self) -> Session:
        """A deep copy: nothing in it is shared with ``self`` but immutable values."""
        return _clone(self)

    def effective(self) -> Session:
        """A copy with every amendment applied in order: what the record now says.

        The original text stays in ``self``; each amendment keeps the text it replaced.
        """
        result = self.copy()
        for amendment in self.amendments:
            apply_amendment(result, amendment.field, amendment.after)
        return result

    def amended(self) -> Session:
        """What the record now says, for reading only: the session itself when nothing amends
        it (no copy: opening a case reads 30 sessions), else :meth:`effective`. Never change
        what it returns; to change the record, use :meth:`effective`."""
        return self.effective() if self.amendments else self


@dataclass(frozen=True)
class Target:
    """What an amendment changes: a session field (``exercise_id`` is None), or one part of an
    exercise's record (``part`` in :data:`EXERCISE_PARTS`; ``question_id`` for an answer).

    As text: ``notes`` (any of :data:`AMENDABLE_SESSION_FIELDS`, or :data:`NOTES_FLAG`),
    ``exercise:<id>:<part>``, or ``exercise:<id>:answer:<question id>``."""

    part: str
    exercise_id: str | None = None
    question_id: str | None = None

    def __str__(self) -> str:
        if self.exercise_id is None:
            return self.part
        answer = f":{self.question_id}" if self.part == "answer" else ""
        return f"exercise:{self.exercise_id}:{self.part}{answer}"

    @property
    def is_flag(self) -> bool:
        """True for who may see notes: its text is :data:`PRACTITIONER_ONLY` or :data:`SHARED`."""
        return self.part == NOTES_FLAG

    @property
    def is_outcome(self) -> bool:
        return self.exercise_id is not None and self.part == "outcome"


def parse_target(target: str) -> Target:
    """The one reading of an amendment's target; ValueError if it names nothing amendable."""
    if target in AMENDABLE_SESSION_FIELDS or target == NOTES_FLAG:
        return Target(target)
    kind, _, rest = target.partition(":")
    exercise_id, _, part = rest.partition(":")
    part, _, question_id = part.partition(":")
    where = Target(part, exercise_id, question_id if part == "answer" else None)
    question_ok = part != "answer" or (bool(question_id) and ":" not in question_id)
    if kind != "exercise" or not exercise_id or part not in EXERCISE_PARTS or not question_ok or str(where) != target:
        raise ValueError(f"cannot amend {target!r}")
    return where


def apply_amendment(session: Session, target: str, value: str) -> None:
    """Set the field ``target`` names (see :class:`Target`) to ``value``, an amendment's text.

    ValueError if the target names nothing amendable, or ``value`` is not an outcome (for an
    outcome) or who may see the notes (for :data:`NOTES_FLAG`)."""
    where = parse_target(target)
    if where.is_outcome and value and value not in {o.value for o in Outcome}:
        raise ValueError(f"{value!r} is not an exercise outcome.")
    new: str | bool = practitioner_only_from(value) if where.is_flag else value
    if where.exercise_id is None:
        setattr(session, where.part, new)
        return
    record = session.record_for(where.exercise_id)
    if record is None:
        record = ExerciseRecord(where.exercise_id)
        session.exercises.append(record)
    if where.is_outcome:
        record.outcome = Outcome(value) if value else None
    elif where.question_id is not None:
        record.answers[where.question_id] = value
    else:
        setattr(record, where.part, new)


def chronological(sessions: Iterable[Session]) -> list[Session]:
    """``sessions`` oldest first: by date, then by the moment each started."""
    return sorted(sessions, key=lambda s: (s.date, s.started_at.timestamp()))


def _flag(data: dict[str, Any], key: str, what: str) -> bool:
    """A true/false field; missing (records and bundles from before it) reads as True."""
    value = data.get(key, True)
    if type(value) is not bool:
        raise TypeError(f"whether {what} are practitioner-only must be true or false")
    return value


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_IMMUTABLE = frozenset({str, int, float, bool, type(None), date, datetime})
_IS_RECORD: dict[type, bool] = {}


def _clone(value: Any) -> Any:
    """A deep copy of record data, for any fields a record has: dataclasses, lists and dicts
    are copied, everything else in records (text, numbers, dates, enums) is immutable and
    shared. Two to three times quicker than a round trip through ``to_dict``, and than
    ``copy.deepcopy`` (an amended session is copied each time it is read: ``Session.amended``)."""
    kind = value.__class__
    if kind in _IMMUTABLE:
        return value
    if kind is list:
        return [_clone(item) for item in value]
    if kind is dict:
        return {key: _clone(item) for key, item in value.items()}
    record = _IS_RECORD.get(kind)
    if record is None:  # an enum's class answers hasattr slowly: ask once per class
        record = _IS_RECORD[kind] = hasattr(kind, "__dataclass_fields__")
    if record:
        copied = object.__new__(kind)
        copied.__dict__.update({name: _clone(item) for name, item in value.__dict__.items()})
        return copied
    return value


__all__ = [
    "AMENDABLE_SESSION_FIELDS",
    "EXERCISE_PARTS",
    "NOTES_FLAG",
    "PRACTITIONER_ONLY",
    "SHARED",
    "Amendment",
    "Target",
    "apply_amendment",
    "chronological",
    "parse_target",
    "practitioner_only_from",
    "visibility_label",
    "visibility_value",
    "Case",
    "ClipFeedback",
    "CaseState",
    "ClipWatch",
    "ExerciseRecord",
    "Outcome",
    "Session",
    "new_id",
    "now",
]
