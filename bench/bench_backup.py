"""What a backup costs: at app start, and added to ending a session, by caseload size.

    .venv/bin/python bench/bench_backup.py [--cases 1 50 1000]

For each size it builds a records folder (every case 30 sessions of realistic length), then
times ``RecordStore.backup`` (the start-up backup, run in a worker thread by the app),
``end_session`` (the practitioner waits for it) and the backup the app makes after it in a
worker of its own, against ``save_session`` for scale, and prints the size of one backup zip.
Timings are wall-clock medians on this machine.
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

START = datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
NOTE = "Talked through the week; engaged well and gave examples. " * 6


def build(folder: Path, cases: int) -> RecordStore:
    store = RecordStore(folder)
    for number in range(cases):
        case = Case(ref=f"X{number:06d}", alias="J.B.", referral_date=date(2025, 1, 2), state=CaseState.ACTIVE)
        sessions = []
        for index in range(30):
            started = START + timedelta(days=7 * index)
            sessions.append(Session(case_id=case.id, date=started.date(), started_at=started,
                                    ended_at=started + timedelta(minutes=55),
                                    exercises=[ExerciseRecord("F01", Outcome.COMPLETED,
                                                              answers={"q1": "An answer. " * 8})],
                                    notes=NOTE, task_set="Notice one calm moment each day."))
        store.import_case(case, sessions)
    return store


def timed(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1, 50, 1000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    for cases in args.cases:
        with tempfile.TemporaryDirectory(prefix="srt-bench-backup-") as temporary:
            print(measure(build(Path(temporary) / "data", cases), cases, args.repeats))


def measure(store: RecordStore, cases: int, repeats: int) -> str:
    case_id = store.list_cases()[0].id
    start = timed(lambda: store.backup("start"), repeats)
    size = max(p.stat().st_size for p in (store.data_dir / "backups").iterdir())
    ends, afters = [], []
    for _ in range(repeats):
        ends.append(timed(lambda: store.end_session(store.start_session(case_id)), 1))
        afters.append(timed(lambda: store.backup("session-ended"), 1))
    end, after = statistics.median(ends), statistics.median(afters)
    session = store.start_session(case_id)
    save = timed(lambda: store.save_session(session), repeats * 4)
    return (f"{cases:5d} cases: start backup {start * 1000:7.1f} ms ({size / 1024:7.0f} KiB zip), "
            f"start+end session {end * 1000:7.1f} ms, then its backup in a worker {after * 1000:7.1f} ms, "
            f"save_session {save * 1000:5.2f} ms")

if __name__ == "__main__":
    main()
