"""Session preparation: the plan for a case's next session (``Case.next_plan`` and
``Case.next_plan_note``) and the one-page plan a practitioner prints or exports.

The page is for the practitioner, so it carries the marking and may quote the last session's
notes and plan; it never shows responsivity notes (they stay on the case overview).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from srt_tui.export.leaflet import Item, Leaflet, Section
from srt_tui.export.summary import long_day
from srt_tui.records.model import Case, Outcome, Session
from srt_tui.records.progress import case_progress, open_task
from srt_tui.records.validation import clean_text

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack


@dataclass(frozen=True)
class PlanChoice:
    """One exercise as the planning screen lists it."""

    id: str
    title: str
    module: str
    minutes: int
    status: str  # "done", "not relevant", "started", or "" (not done)


def plan_choices(pack: ContentPack, case: Case, sessions: list[Session]) -> list[PlanChoice]:
    """Every exercise of the toolkit in pack order, with where the case stands on it."""
    progress = case_progress(pack, case, sessions)
    labels = {Outcome.COMPLETED: "done", Outcome.REVISITED: "done", Outcome.NOT_RELEVANT: "not relevant",
              Outcome.PARTLY_DONE: "started"}
    modules = {m.id: clean_text(m.title) for m in pack.modules}
    order = {m.id: m.order for m in pack.modules}
    exercises = sorted(pack.exercises, key=lambda e: (order.get(e.module, 0), e.order))
    return [
        PlanChoice(e.id, clean_text(e.title), modules.get(e.module, ""), e.minutes,
                   labels.get(progress.outcomes.get(e.id), ""))  # type: ignore[arg-type]
        for e in exercises
    ]


def total_minutes(pack: ContentPack, exercise_ids: list[str]) -> int:
    return sum(e.minutes for i in exercise_ids if (e := pack.exercise(i)))


def build_plan(pack: ContentPack, case: Case, sessions: list[Session]) -> Leaflet:
    """The one-page plan of ``case.next_plan``, with what the last session left open."""
    planned = [(i, pack.exercise(i)) for i in case.next_plan]
    items = tuple(
        Item(f"{clean_text(i)} {clean_text(e.title)} ({e.minutes} min)", clean_text(e.aim)) if e
        else Item(f"{clean_text(i)} (not in this content pack)")
        for i, e in planned
    )
    last = sessions[-1].amended() if sessions else None
    last_items = ()
    if last is not None:
        last_items = tuple(
            Item(label, clean_text(value).strip())
            for label, value in (("Notes", last.notes), ("Plan for next session", last.plan_next))
            if value.strip()
        )
    note = clean_text(case.next_plan_note).strip()
    task = clean_text(open_task(sessions)).strip()
    minutes = total_minutes(pack, case.next_plan)
    return Leaflet(
        title=f"Session plan: {clean_text(case.ref)} ({clean_text(case.alias)})",
        subtitle=f"{len(case.next_plan)} exercise(s), about {minutes} minutes. {clean_text(pack.title)}.",
        sections=(
            Section(f"Exercises planned (about {minutes} minutes)", items, "No exercises planned yet."),
            Section("Note for this session", (Item("", note),) if note else (), "No note."),
            Section("Open task to review", (Item("", task),) if task else (), "No task is open."),
            Section(
                f"Last session ({long_day(last.date)})" if last else "Last session", last_items,
                "No notes or plan recorded." if last else "No sessions yet.",
            ),
        ),
        footer="Session plan made with srt-tui",
        marked=True,
    )


__all__ = ["PlanChoice", "build_plan", "plan_choices", "total_minutes"]
