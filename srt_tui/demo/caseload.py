"""Build the fictional demo caseload from :mod:`srt_tui.demo.plans` and a content pack.

The result depends only on the pack, ``today`` and the seed: the same inputs give the same
cases, sessions, ids, times and text, so screenshots and tests are repeatable. Dates are
counted back from ``today`` so the caseload always looks current. Exercises the pack does
not have are left out (a custom pack gives a smaller demo, never a broken one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from srt_tui.content.model import ContentPack
from srt_tui.demo import phrases
from srt_tui.demo.plans import PLANS, CasePlan, parse_session
from srt_tui.records.model import Amendment, Case, CaseState, ExerciseRecord, Outcome, Session

DEMO_SEED = 6
PRACTITIONER = "Demo practitioner"

_STATE_REASONS = {CaseState.ACTIVE: "First session started", CaseState.COMPLETED: "All exercises covered"}
_STATE_DELAY_DAYS = {CaseState.PAUSED: 2, CaseState.DISCONTINUED: 10, CaseState.BREACHED: 10}
_TASK_OUTCOMES = (Outcome.COMPLETED, Outcome.PARTLY_DONE, Outcome.REVISITED)


@dataclass(frozen=True)
class DemoCase:
    case: Case
    sessions: list[Session]


def demo_caseload(pack: ContentPack, today: date, seed: int = DEMO_SEED) -> list[DemoCase]:
    """Every planned case with its sessions, ready for ``RecordStore.import_case``."""
    # One generator per case (string seeds are stable across runs and Python versions), so
    # changing one case's plan never reshuffles the text of the others.
    return [_case(plan, pack, today, random.Random(f"{seed}:{plan.ref}")) for plan in PLANS]


def _case(plan: CasePlan, pack: ContentPack, today: date, rng: random.Random) -> DemoCase:
    case_id = plan.ref.lower()
    count = len(plan.sessions)
    days = [today - timedelta(days=plan.last_days_ago + plan.gap_days * (count - 1 - n)) for n in range(count)]
    referral = (days[0] - timedelta(days=14)) if days else today - timedelta(days=plan.last_days_ago)
    specs = [*plan.sessions, *([plan.open_session] if plan.open_session is not None else [])]
    if plan.open_session is not None:
        days.append(today - timedelta(days=1))

    sessions: list[Session] = []
    for number, (day, spec) in enumerate(zip(days, specs, strict=True)):
        following = specs[number + 1] if number + 1 < len(specs) else None
        session = _session(case_id, number, day, spec, pack, rng, ended=number < count,
                           previous=sessions[-1] if sessions else None, following=following)
        if number == plan.amend_session:
            _amend(session)
        sessions.append(session)

    state_date, reason = _state(plan, referral, days, today)
    variant = plan.variant if plan.variant in pack.variants else None
    case = Case(ref=plan.ref, alias=plan.alias, referral_date=referral, variant=variant, state=plan.state,
                state_date=state_date, state_reason=reason, responsivity_notes=plan.responsivity,
                practitioner=PRACTITIONER, id=case_id, created_at=_at(referral, 9, 0))
    return DemoCase(case, sessions)


def _state(plan: CasePlan, referral: date, days: list[date], today: date) -> tuple[date | None, str]:
    if plan.state is CaseState.REFERRED:
        return None, ""
    if plan.state is CaseState.ACTIVE:
        return (days[0] if days else referral), _STATE_REASONS[plan.state]
    last = days[-1] if days else referral + timedelta(days=11)
    when = min(today, last + timedelta(days=_STATE_DELAY_DAYS.get(plan.state, 0)))
    return when, plan.state_reason or _STATE_REASONS.get(plan.state, "")


def _session(case_id: str, number: int, day: date, spec: str, pack: ContentPack, rng: random.Random, *,
             ended: bool, previous: Session | None, following: str | None) -> Session:
    started = _at(day, rng.randint(9, 15), rng.choice((0, 15, 30, 45)))
    records = [_record(pack, exercise_id, outcome if ended else None, rng)
               for exercise_id, outcome in parse_session(spec) if pack.exercise(exercise_id)]
    tasks = [pack.exercise(r.exercise_id).task for r in records if r.outcome in _TASK_OUTCOMES]  # type: ignore[union-attr]
    session = Session(
        case_id=case_id,
        date=day,
        started_at=started,
        ended_at=started + timedelta(minutes=rng.randint(40, 75)) if ended else None,
        exercises=records,
        notes=(rng.choice(phrases.SESSION_NOTES) if records else phrases.INTRO_NOTES) if ended
        else phrases.OPEN_SESSION_NOTES,
        reflections=rng.choice(phrases.REFLECTIONS) if records and ended and rng.random() < 0.75 else "",
        task_set=tasks[-1] if tasks else "",
        task_review=rng.choice(phrases.TASK_REVIEWS) if previous is not None and previous.task_set else "",
        plan_next=_plan_next(pack, following, started=bool(records)) if ended else "",
        id=f"{case_id}-s{number + 1:02d}",
    )
    return session


def _record(pack: ContentPack, exercise_id: str, outcome: Outcome | None, rng: random.Random) -> ExerciseRecord:
    exercise = pack.exercise(exercise_id)
    assert exercise is not None
    if outcome is Outcome.NOT_RELEVANT:
        reason = phrases.SKIP_REASONS.get(exercise_id, phrases.FALLBACK_SKIP_REASON)
        return ExerciseRecord(exercise_id, outcome, skip_reason=reason)
    answered = exercise.questions if outcome in (Outcome.COMPLETED, Outcome.REVISITED) else exercise.questions[:1]
    answers = {q.id: rng.choice(phrases.ANSWERS.get((exercise_id, q.id), (phrases.FALLBACK_ANSWER,)))
               for q in answered}
    return ExerciseRecord(exercise_id, outcome, answers=answers, notes=rng.choice(phrases.EXERCISE_NOTES))


def _plan_next(pack: ContentPack, following: str | None, *, started: bool) -> str:
    titles = [e.title for exercise_id, _ in parse_session(following or "") if (e := pack.exercise(exercise_id))]
    if not titles and not started and pack.exercises:
        titles = [pack.exercises[0].title]
    return f"Next time: {'; '.join(titles)}." if titles else phrases.LAST_PLAN


def _amend(session: Session) -> None:
    """One correction, as a practitioner would add it the day after the session ended."""
    assert session.ended_at is not None
    session.amendments.append(Amendment(
        field="notes", before=session.notes, after=session.notes + phrases.AMENDMENT_ADDITION,
        reason=phrases.AMENDMENT_REASON, at=session.ended_at + timedelta(days=1), by=PRACTITIONER,
    ))


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


__all__ = ["DEMO_SEED", "DemoCase", "PRACTITIONER", "demo_caseload"]
