"""What the participant may see of their own record in participant view: progress per
module as a picture, and their own reflections by date.

Nothing here names the case, and nothing practitioner-only goes in: session notes, exercise
notes, outcomes' reasons, the task review and the plan stay out. Exercises skipped as not
relevant are left out of the picture rather than shown as a judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import case_progress

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
class Reflection:
    date: date
    text: str


def progress_pictures(pack: ContentPack, case: Case, sessions: list[Session]) -> list[ModulePicture]:
    """One picture per module, foundation first; exercises done as filled blocks."""
    progress = case_progress(pack, case, sessions)
    return [ModulePicture(m.title, m.done, m.total - m.not_relevant) for m in progress.modules]


def reflections_log(sessions: list[Session]) -> list[Reflection]:
    """The participant's own reflections, oldest first, dated (amendments applied)."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.started_at.timestamp()))
    log = [Reflection(s.date, s.effective().reflections.strip()) for s in ordered]
    return [entry for entry in log if entry.text]


__all__ = ["ModulePicture", "Reflection", "progress_pictures", "reflections_log"]
