"""What a practitioner is shown before ending a session, and what stops it ending.

A session may end with nothing covered (a crisis can take the whole hour), but an
exercise skipped as not relevant must say why: supervisors read that reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Outcome, Session


@dataclass(frozen=True)
class EndingCheck:
    covered: list[tuple[str, str]] = field(default_factory=list)  # (exercise title, outcome label)
    blockers: list[str] = field(default_factory=list)  # must be fixed before ending
    warnings: list[str] = field(default_factory=list)  # worth a look, may be ignored

    @property
    def can_end(self) -> bool:
        return not self.blockers


def check_ending(session: Session, pack: ContentPack) -> EndingCheck:
    """Summarise ``session`` for the end-of-session confirmation."""
    check = EndingCheck()
    for record in session.exercises:
        exercise = pack.exercise(record.exercise_id)
        title = f"{record.exercise_id} {exercise.title}" if exercise else record.exercise_id
        check.covered.append((title, record.outcome.label if record.outcome else "no outcome marked"))
        if record.outcome is None:
            check.warnings.append(f"{title}: no outcome marked.")
        elif record.outcome is Outcome.NOT_RELEVANT and not record.skip_reason.strip():
            check.blockers.append(f"{title}: say why it is not relevant.")
    if not session.exercises:
        check.warnings.append("No exercise was covered in this session.")
    if not session.task_set.strip():
        check.warnings.append("No between-session task was set for next time.")
    return check
