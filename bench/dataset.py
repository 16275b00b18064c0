"""An office-size caseload for the benchmarks, generated once and cached.

``office_dataset(root, cases=1000, sessions=30)`` returns a records folder holding ``cases``
fictional cases of ``sessions`` sessions each, every session carrying a few hundred words of
notes, worksheet answers and reflections (about as much as a practitioner types in an hour).
Cases are written through :meth:`RecordStore.import_case`, the store's own import path, so
the files on disk are exactly what the app writes. The folder is built beside its final name
and renamed into place when complete, so an interrupted build is never taken for a cached
one; delete ``root`` to start again.

Every 10th case (and the first) ends with a session still open, for the autosave benchmark.
Text is drawn with a fixed seed, so two builds with the same arguments hold the same words.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from platformdirs import user_cache_path

from srt_tui.records.model import Case, CaseState, ExerciseRecord, Outcome, Session
from srt_tui.records.store import RecordStore

DEFAULT_ROOT = user_cache_path("srt-tui", appauthor=False) / "bench"  # on disk, unlike /tmp on some systems
VERSION = 1  # bump when the generated content changes, so old caches are not reused
SEED = 7
START = datetime(2024, 1, 8, 9, 30, tzinfo=UTC)
EXERCISES = {  # demo pack exercise id -> its worksheet questions
    **{f"F0{n}": ("q1", "q2", "q3") for n in range(1, 9)},
    **{f"T0{n}": ("q1", "q2") for n in range(1, 6)},
    **{f"E0{n}": ("q1", "q2") for n in range(1, 6)},
    **{f"R0{n}": ("q1", "q2", "q3") for n in range(1, 7)},
}
ORDER = list(EXERCISES)

NOTE_SENTENCES = (
    "Arrived on time and settled quickly after a short chat about the week.",
    "He said work had been stressful and that he had argued with his manager on Tuesday.",
    "We went back over the traffic-light plan from last time and he could name his early signs.",
    "She described a row at home and was able to say what she had noticed in her body first.",
    "Engagement was good throughout; he asked questions and gave his own examples.",
    "Talked about sleep, which has been poor, and how tiredness makes him quicker to snap.",
    "Reviewed the between-session task: he had tried it twice and found the second time easier.",
    "He struggled to stay with the worksheet and we switched to talking it through instead.",
    "Explored what a fair argument looks like and wrote down three of his own rules.",
    "She became upset when talking about contact with the children and we took a short break.",
    "He minimised the incident at first but later said he could see how it felt for his partner.",
    "We practised the time-out steps out loud and he rehearsed what he would say before leaving.",
    "Discussed alcohol use; he reports two nights drinking this week, fewer than last month.",
    "Checked in about housing; the move is still planned for next month and is a worry.",
    "He linked the clip to something that happened with his brother, which was a good insight.",
    "Reading is slow, so I read the questions aloud and wrote his answers as he spoke.",
    "Agreed to come back to the thinking traps exercise next time as we ran out of time.",
    "Spoke with the offender manager afterwards about the court date and the change of address.",
    "He said the sessions are starting to make sense and that he is using the breathing at work.",
    "Some blaming language today, which we named together and he was able to reframe.",
    "We looked at the difference between a feeling and a behaviour using his own example.",
    "She reported no new incidents and said the week had been calmer than usual.",
    "Risk discussed with manager; no new concerns raised in the session itself.",
    "He brought a written list of situations that wind him up, which we sorted into themes.",
)
ANSWER_SENTENCES = (
    "When I feel my jaw go tight I know I am getting wound up.",
    "I would walk out to the car and sit there for ten minutes before coming back in.",
    "It made me think about my dad and how he used to shout when he came home.",
    "I think she felt scared, though at the time I told myself she was overreacting.",
    "Next time I could say I need a minute instead of just going quiet on her.",
    "Being listened to without being told what to do.",
    "I notice it more at night when I am tired and the kids are still up.",
    "Counting to ten does not work for me but going for a walk does.",
    "I used to think arguing meant winning; now I think it means both of us get heard.",
    "The man in the clip reminded me of myself a few years ago.",
    "Money worries make everything worse, I get snappy about small things.",
    "I want my son to see me handle things differently from how I was shown.",
)
REFLECTION_SENTENCES = (
    "I didn't think I would get anything out of this but today was useful.",
    "It's hard to talk about but I know I need to.",
    "The bit about warning signs made sense to me.",
    "I tried the breathing thing on the bus and it helped a bit.",
    "I still think she starts it sometimes but I can see my part now.",
    "I liked that we could go at my pace today.",
)
TASKS = (
    "Notice one calm moment each day and write it down.",
    "Use the time-out plan once if things get heated, and note what happened.",
    "Write down three early warning signs when they happen this week.",
    "Try the breathing exercise before bed each night.",
    "Have one conversation where you only listen and ask questions.",
)
_CLOSED_OR_ACTIVE = (CaseState.ACTIVE, CaseState.ACTIVE, CaseState.ACTIVE, CaseState.PAUSED,
                     CaseState.COMPLETED, CaseState.DISCONTINUED, CaseState.BREACHED)
PLANS = (
    "Carry on with the next exercise in the foundation module.",
    "Review the task, then start on thinking traps.",
    "Return to the worksheet we did not finish today.",
    "Move on to the relationships module if the task went well.",
)


@dataclass(frozen=True)
class Dataset:
    """A generated records folder and the facts the benchmarks need about it."""

    data_dir: Path
    cases: int
    sessions: int
    first_ref: str  # the reference the case list shows on its first row
    open_case_ids: tuple[str, ...]  # cases whose last session is still open
    build_seconds: float  # 0 when it came from the cache


def office_dataset(root: Path, cases: int = 1000, sessions: int = 30) -> Dataset:
    """The cached records folder for ``cases`` x ``sessions`` under ``root``, built if missing."""
    final = Path(root) / f"office-{cases}x{sessions}-v{VERSION}"
    facts_file = final / "dataset.json"
    if facts_file.is_file():
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        return Dataset(final / "records", cases, sessions, facts["first_ref"],
                       tuple(facts["open_case_ids"]), 0.0)
    building = final.with_name(final.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    began = time.perf_counter()
    store = RecordStore(building / "records")
    rng = random.Random(f"{SEED}-{cases}-{sessions}")
    open_ids = []
    for number in range(cases):
        case, case_sessions = make_case(rng, number, sessions)
        store.import_case(case, case_sessions)
        if case_sessions and not case_sessions[-1].ended:
            open_ids.append(case.id)
    first_ref = store.list_cases()[0].ref if cases else ""
    store.close()  # let the app, in another process, take the folder's one-writer lock
    (building / "dataset.json").write_text(
        json.dumps({"first_ref": first_ref, "open_case_ids": open_ids}), encoding="utf-8"
    )
    building.rename(final)
    return Dataset(final / "records", cases, sessions, first_ref, tuple(open_ids),
                   time.perf_counter() - began)


def make_case(rng: random.Random, number: int, sessions: int) -> tuple[Case, list[Session]]:
    """One fictional case with ``sessions`` weekly sessions; the last is open for every 10th."""
    case = Case(
        ref=_reference(number),
        alias=f"{_initial(rng)}.{_initial(rng)}.",
        referral_date=(START - timedelta(days=rng.randint(7, 60))).date(),
        variant=rng.choice((None, "partner-female", "partner-male")),
        state=CaseState.ACTIVE if number % 10 == 0 else rng.choice(_CLOSED_OR_ACTIVE),
        responsivity_notes=_words(rng, NOTE_SENTENCES, 1, 2),
        practitioner=f"Practitioner {number % 12 + 1}",
        id=f"bench-{number:06d}",
        created_at=START,
    )
    leave_open = number % 10 == 0
    records = [_session(rng, case.id, index, ended=not (leave_open and index == sessions - 1))
               for index in range(sessions)]
    return case, records


def realistic_notes(rng: random.Random) -> str:
    """Session notes of the length a practitioner types in a session (150-250 words)."""
    return _words(rng, NOTE_SENTENCES, 9, 14)


def _session(rng: random.Random, case_id: str, index: int, ended: bool) -> Session:
    started = START + timedelta(days=7 * index, minutes=rng.randint(0, 240))
    exercises = []
    for offset in range(rng.randint(2, 3)):
        exercise_id = ORDER[(index * 2 + offset) % len(ORDER)]
        outcome = rng.choice((Outcome.COMPLETED, Outcome.COMPLETED, Outcome.PARTLY_DONE, Outcome.REVISITED))
        exercises.append(ExerciseRecord(
            exercise_id,
            outcome,
            answers={q: _words(rng, ANSWER_SENTENCES, 1, 3) for q in EXERCISES[exercise_id]},
            notes=_words(rng, NOTE_SENTENCES, 0, 2),
        ))
    return Session(
        case_id=case_id,
        date=started.date(),
        started_at=started,
        ended_at=started + timedelta(minutes=rng.randint(45, 70)) if ended else None,
        exercises=exercises,
        notes=realistic_notes(rng),
        reflections=_words(rng, REFLECTION_SENTENCES, 2, 4),
        task_set=rng.choice(TASKS),
        task_review=_words(rng, NOTE_SENTENCES, 1, 2),
        plan_next=rng.choice(PLANS),
        id=f"{case_id}-s{index:03d}",
    )


def _reference(number: int) -> str:
    """References in the mixed styles an office really has (all unique by ``number``)."""
    style = number % 3
    if style == 0:
        return f"X{100000 + number * 7:06d}"
    if style == 1:
        return f"CRN-{2020 + number % 6}/{number:04d}"
    return f"PR{40000 + number:05d}"


def _initial(rng: random.Random) -> str:
    return rng.choice("ABCDEFGHJKLMNPRSTW")


def _words(rng: random.Random, sentences: tuple[str, ...], low: int, high: int) -> str:
    return " ".join(rng.choices(sentences, k=rng.randint(low, high)))


def words_per_session(data_dir: Path, case_id: str) -> float:
    """Average words of typed text per session of one case (to show the notes are realistic)."""
    store = RecordStore(data_dir)
    counts = []
    for session in store.sessions(case_id):
        texts = [session.notes, session.reflections, session.task_set, session.task_review, session.plan_next]
        for record in session.exercises:
            texts += [record.notes, *record.answers.values()]
        counts.append(sum(len(text.split()) for text in texts))
    return sum(counts) / len(counts) if counts else 0.0


__all__ = ["DEFAULT_ROOT", "Dataset", "make_case", "office_dataset", "realistic_notes", "words_per_session"]
