"""What the participant may see of their own record: progress per module as a picture,
their own reflections by date, and the notes the practitioner marked shared (by date too).

Nothing here names the case, and nothing practitioner-only goes in: outcomes' reasons, the
task review, the plan, and notes (a session's, or one exercise's) unless the practitioner
unticked "practitioner only" on them; that flag is on for every note until then. Participant
view and the handout both ask :func:`participant_may_see_notes`, so they follow one rule.
Exercises skipped as not relevant are left out of the picture rather than shown as a judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case, ExerciseRecord, Session, chronological
from srt_tui.records.progress import case_progress

SHARED_NOTES_TITLE = "Notes we made together"  # the heading of shared notes, on screen and on paper
DONE_BLOCK = "█"
TO_DO_BLOCK = "░"


@dataclass(frozen=True)
class ModulePicture:
    title: str
    done: int
    total: int  # exercises that count for this participant (skipped ones left out)

    @property
    def blocks(self) -> str:
        return DONE_BLOCK * self.done + TO_DO_BLOCK * (self.total - self.done)


@dataclass(frozen=True)
class DatedText:
    """One entry of a log the participant reads: a reflection, or a note marked shared."""

    date: date
    text: str


def progress_pictures(pack: ContentPack, case: Case, sessions: list[Session]) -> list[ModulePicture]:
    """One picture per module, foundation first; exercises done as filled blocks."""
    progress = case_progress(pack, case, sessions)
    return [ModulePicture(m.title, m.done, m.total - m.not_relevant) for m in progress.modules]


def reflections_log(sessions: list[Session]) -> list[DatedText]:
    """The participant's own reflections, oldest first, dated (amendments applied)."""
    log = [DatedText(s.date, s.amended().reflections.strip()) for s in chronological(sessions)]
    return [entry for entry in log if entry.text]


def shared_notes_log(pack: ContentPack, sessions: list[Session]) -> list[DatedText]:
    """Every note marked shared, oldest first, dated (amendments applied); an exercise's note
    begins with the exercise's title."""
    log = []
    for session in chronological(sessions):
        for note in shared_notes(session):
            lead = shared_note_lead(pack, note)
            log.append(DatedText(session.date, f"{lead}: {note.text.strip()}" if lead else note.text.strip()))
    return log


def participant_may_see_notes(holder: Session | ExerciseRecord) -> bool:
    """True only for notes the practitioner marked shared (never by default)."""
    return holder.notes_practitioner_only is False


@dataclass(frozen=True)
class SharedNote:
    exercise_id: str | None  # None: the session's own notes
    text: str


def shared_notes(session: Session) -> list[SharedNote]:
    """The notes of ``session`` (amendments applied) the participant may see, with text in
    them: the session's notes first, then each exercise's in the order they were covered."""
    current = session.amended()
    notes = [SharedNote(None, current.notes)] if participant_may_see_notes(current) else []
    notes += [SharedNote(r.exercise_id, r.notes) for r in current.exercises if participant_may_see_notes(r)]
    return [note for note in notes if note.text.strip()]


def shared_note_lead(pack: ContentPack, note: SharedNote) -> str:
    """What a shared note is headed with: its exercise's title (the id, if the pack no longer
    has the exercise), or nothing for the session's own notes."""
    if note.exercise_id is None:
        return ""
    exercise = pack.exercise(note.exercise_id)
    return exercise.title if exercise else note.exercise_id


__all__ = [
    "ModulePicture",
    "DatedText",
    "SHARED_NOTES_TITLE",
    "SharedNote",
    "participant_may_see_notes",
    "progress_pictures",
    "reflections_log",
    "shared_note_lead",
    "shared_notes",
    "shared_notes_log",
]
