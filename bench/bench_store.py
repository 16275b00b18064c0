"""How long a session save takes with one case on file versus a full office caseload.

Not a test: run it by hand, e.g. ``python bench/bench_store.py --cases 1000``. It builds, in a
temporary folder, two record folders: one with a single case and one with N cases, every case
holding 30 sessions (the last one still open), then times ``save_session`` on the open session
of one case in each and prints the medians and their ratio. A ratio near 1 means a save does
not grow with the size of the caseload.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from srt_tui.records.model import Case, CaseState, ExerciseRecord, Outcome, Session  # noqa: E402
from srt_tui.records.store import RecordStore  # noqa: E402

SESSIONS_PER_CASE = 30
START = datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
NOTE = "Talked through the week; engaged well and gave examples. " * 6


def make_case(number: int) -> tuple[Case, list[Session]]:
    """A case with 29 ended sessions and one open, with realistic amounts of text."""
    case = Case(ref=f"X{number:06d}", alias="J.B.", referral_date=date(2025, 1, 2), state=CaseState.ACTIVE,
                responsivity_notes="Prefers short chunks.")
    sessions = []
    for index in range(SESSIONS_PER_CASE):
        started = START + timedelta(days=7 * index)
        sessions.append(Session(
            case_id=case.id,
            date=started.date(),
            started_at=started,
            ended_at=started + timedelta(minutes=55) if index < SESSIONS_PER_CASE - 1 else None,
            exercises=[
                ExerciseRecord(f"F{index % 8 + 1:02d}", Outcome.COMPLETED,
                               answers={"q1": "An answer of a sentence or two. " * 3, "q2": "Another."}),
                ExerciseRecord(f"T{index % 6 + 1:02d}", Outcome.PARTLY_DONE, notes="Come back to this."),
            ],
            notes=NOTE,
            reflections="What I noticed this week. " * 4,
            task_set="Notice one calm moment each day.",
            plan_next="Carry on with the next exercise.",
        ))
    return case, sessions


def build(folder: Path, cases: int) -> tuple[RecordStore, Session]:
    """A store with ``cases`` cases, built through the store's own import path."""
    store = RecordStore(folder)
    target = None
    for number in range(cases):
        case, sessions = make_case(number)
        store.import_case(case, sessions)
        if target is None:
            target = sessions[-1]
    assert target is not None
    return store, target


def time_saves(store: RecordStore, session: Session, repeats: int) -> list[float]:
    timings = []
    for round_ in range(repeats):
        session.notes = f"{NOTE} Saved {round_} times."
        began = time.perf_counter()
        store.save_session(session)
        timings.append(time.perf_counter() - began)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases in the large folder (default 1000)")
    parser.add_argument("--repeats", type=int, default=100, help="saves timed per folder (default 100)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="srt-bench-") as temporary:
        root = Path(temporary)
        began = time.perf_counter()
        small, small_session = build(root / "one", 1)
        large, large_session = build(root / "many", args.cases)
        built = time.perf_counter() - began
        case_file = root / "many" / "cases" / f"{large_session.case_id}.json"
        index_file = root / "many" / "index.json"
        print(f"built 1 + {args.cases} cases x {SESSIONS_PER_CASE} sessions in {built:.1f} s "
              f"(case file {case_file.stat().st_size / 1024:.0f} KiB, "
              f"index {index_file.stat().st_size / 1024:.0f} KiB)")

        began = time.perf_counter()
        listed = large.list_cases()
        print(f"list_cases with {len(listed)} cases: {(time.perf_counter() - began) * 1000:.1f} ms")

        small_times: list[float] = []
        large_times: list[float] = []
        for _ in range(5):  # interleave, so drift in disk speed hits both alike
            small_times += time_saves(small, small_session, args.repeats // 5)
            large_times += time_saves(large, large_session, args.repeats // 5)
        one = statistics.median(small_times)
        many = statistics.median(large_times)
        print(f"median save_session, 1 case:      {one * 1000:.2f} ms")
        print(f"median save_session, {args.cases} cases: {many * 1000:.2f} ms")
        print(f"ratio (many / one): {many / one:.2f}")

        began = time.perf_counter()
        ended = large.end_session(large_session)
        large.start_session(ended.case_id)
        print(f"end_session + start_session with {args.cases} cases (these write the index): "
              f"{(time.perf_counter() - began) * 1000:.1f} ms")
        index_file.unlink()
        began = time.perf_counter()
        large.list_cases()
        print(f"rebuilding a lost index from {args.cases} case files: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
