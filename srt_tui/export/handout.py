"""The participant handout after a session: the key points (the content pack's "summary
slide") of each exercise covered, the between-session task, clips worth watching again and
any notes the practitioner marked shared, in large print.

It is given to the participant, so it is built only from what is safe for them to keep: the
case's alias (never its reference), the content pack's own words, the task set, which clips
were played, and the notes :func:`~srt_tui.records.participant.shared_notes` lets through
(those marked shared; every note is practitioner-only until the practitioner says so).
Practitioner-only notes, reflections, worksheet answers, the plan, the state and
responsivity notes are never read here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from srt_tui.export.leaflet import Item, Leaflet, Section
from srt_tui.export.summary import long_day, minutes
from srt_tui.records.model import Case, Outcome, Session
from srt_tui.records.participant import SHARED_NOTES_TITLE, shared_note_lead, shared_notes
from srt_tui.records.validation import clean_text

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack, Exercise

PARTLY = 0.9  # a clip stopped before 90% of its length counts as partly watched
NO_TASK = "No task was set this time."


def handout_session(sessions: list[Session]) -> Session | None:
    """The session a handout is for: the latest ended one, else the latest."""
    ended = [s for s in sessions if s.ended]
    return (ended or sessions or [None])[-1]


def build_handout(pack: ContentPack, case: Case, session: Session) -> Leaflet:
    current = session.amended()
    covered = [
        exercise for record in current.exercises
        if record.outcome is not Outcome.NOT_RELEVANT and (exercise := pack.exercise(record.exercise_id))
    ]
    points = tuple(
        Item(clean_text(e.title), "\n".join(clean_text(p) for p in e.key_points)) for e in covered
    )
    task = clean_text(current.task_set).strip()
    notes = _notes(pack, session)
    return Leaflet(
        title=f"Your session on {long_day(session.date)}",
        subtitle=f"For {clean_text(case.alias)} · {clean_text(pack.title)}",
        sections=(
            Section("What we talked about", points, "We did not go through an exercise this time."),
            Section("Your task before next time", (Item("", task),) if task else (), NO_TASK),
            Section("Clips worth watching again", _clips(pack, case, current, covered),
                    "No clips this time."),
            *((Section(SHARED_NOTES_TITLE, notes),) if notes else ()),
        ),
        footer="Keep this sheet and bring it to your next session.",
        large=True,
    )


def _notes(pack: ContentPack, session: Session) -> tuple[Item, ...]:
    """The shared notes, each exercise's under its title; the session's own have no lead."""
    items = []
    for note in shared_notes(session):
        items.append(Item(clean_text(shared_note_lead(pack, note)), clean_text(note.text).strip("\n")))
    return tuple(items)


def _clips(pack: ContentPack, case: Case, session: Session, covered: list[Exercise]) -> tuple[Item, ...]:
    """Clips stopped part way first, then the other clips of the exercises covered."""
    items: list[Item] = []
    seen: set[str] = set()
    for watch in session.clips_watched:
        exercise = pack.exercise(watch.exercise_id)
        duration = _duration(pack, exercise, watch.clip)
        if exercise is None or not duration or watch.furthest >= PARTLY * duration:
            continue
        seen.add(watch.exercise_id)
        items.append(Item(clean_text(exercise.title),
                          f"{_name(watch.clip)}: you watched {minutes(watch.furthest)} of {minutes(duration)}."))
    for exercise in covered:
        clip = exercise.clip_for(case.variant)
        if clip is not None and exercise.id not in seen:
            seen.add(exercise.id)
            items.append(Item(clean_text(exercise.title), f"{_name(clip.file.name)} ({minutes(clip.duration)})."))
    return tuple(items)


def _duration(pack: ContentPack, exercise: Exercise | None, clip: str) -> float:
    for candidate in exercise.clips if exercise else ():
        if _relative(pack, candidate.file) == clip.replace("\\", "/") or candidate.file.name == _name(clip):
            return candidate.duration
    return 0.0


def _relative(pack: ContentPack, file: Path) -> str:
    try:
        return file.relative_to(pack.root).as_posix()
    except ValueError:
        return file.as_posix()


def _name(clip: str) -> str:
    return clean_text(clip.replace("\\", "/").rsplit("/", 1)[-1])


__all__ = ["NO_TASK", "build_handout", "handout_session"]
