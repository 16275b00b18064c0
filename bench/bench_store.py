"""How long a session save (the autosave path) takes with one case on file versus a caseload.

Run by hand, e.g. ``python bench/bench_store.py --cases 1000``, or as part of
``python -m bench``. It takes two record folders: one holding a single case, and the cached
office-size one from :mod:`bench.dataset` (every case 30 sessions of realistic length), then
times ``save_session`` on the open session of a case in each, interleaved, and prints the
p50, p95 and the ratio of the medians. A ratio near 1 means a save does not grow with the
size of the caseload. Last, on a copy of the caseload, it times the changes that rewrite the
index and the rebuild of a lost index.

With ``--encrypted``, both folders are encrypted with a passphrase first (the caseload as a
copy, so the cache stays plain), and the key derivation and the conversion are timed too.
"""

from __future__ import annotations

import argparse
import atexit
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dataset import DEFAULT_ROOT, SEED, make_case, office_dataset, realistic_notes  # noqa: E402
from bench.report import ms, p50, p95  # noqa: E402
from srt_tui.records import crypto, encryption  # noqa: E402
from srt_tui.records.model import Session  # noqa: E402
from srt_tui.records.store import RecordStore  # noqa: E402


BENCH_PASSPHRASE = "bench passphrase, not secret"


def one_case_store(folder: Path, sessions: int, encrypted: bool = False) -> tuple[RecordStore, Session]:
    """A store holding one case whose last session is open, written through ``import_case``."""
    store = RecordStore(folder)
    case, records = make_case(random.Random(SEED), 0, sessions)
    store.import_case(case, records)
    if encrypted:
        encryption.set_passphrase(folder, BENCH_PASSPHRASE)
    session = store.open_session(case.id)
    assert session is not None
    return store, session


def open_session(store: RecordStore, case_id: str) -> Session:
    session = store.open_session(case_id)
    if session is None:
        raise RuntimeError(f"case {case_id} has no open session to save")
    return session


def time_saves(store: RecordStore, session: Session, repeats: int) -> list[float]:
    """Seconds per ``save_session``, the notes changing each time as when someone types."""
    rng = random.Random(SEED)
    notes = realistic_notes(rng)
    timings = []
    for round_ in range(repeats):
        session.notes = f"{notes} Saved {round_} times."
        began = time.perf_counter()
        store.save_session(session)
        timings.append(time.perf_counter() - began)
    return timings


def compare(small: tuple[RecordStore, Session], large: tuple[RecordStore, Session],
            repeats: int) -> tuple[list[float], list[float]]:
    """Save timings in both stores, interleaved in 5 blocks so drift in disk speed hits both."""
    small_times: list[float] = []
    large_times: list[float] = []
    for _ in range(5):
        small_times += time_saves(*small, max(1, repeats // 5))
        large_times += time_saves(*large, max(1, repeats // 5))
    return small_times, large_times


def index_costs(data_dir: Path, case_id: str) -> tuple[float, float, float]:
    """Seconds for ending a session and starting the next (both rewrite the index; the
    practitioner waits for these), for the backup the app then makes in a worker of its own
    (off that path), and for rebuilding a lost index from every case file. Run on a copy of
    ``data_dir``."""
    with tempfile.TemporaryDirectory(prefix="srt-bench-") as temporary:
        copy = Path(temporary) / "records"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("backups", "srt-tui.lock*"))
        if crypto.is_encrypted(copy):
            crypto.unlock(copy, BENCH_PASSPHRASE)  # a copy is another folder: unlock it too
        store = RecordStore(copy)
        began = time.perf_counter()
        store.end_session(open_session(store, case_id))
        store.start_session(case_id)
        writes = time.perf_counter() - began
        began = time.perf_counter()
        store.backup("session-ended")
        backup = time.perf_counter() - began
        (copy / "index.json").unlink()
        began = time.perf_counter()
        store.list_cases()
        return writes, backup, time.perf_counter() - began


def encrypted_copy(data_dir: Path) -> Path:
    """A copy of ``data_dir`` encrypted with a passphrase (deleted at exit); prints the costs."""
    copy = Path(tempfile.mkdtemp(prefix="srt-bench-enc-")) / "records"
    atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
    shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("backups", "srt-tui.lock*"))
    began = time.perf_counter()
    result = encryption.set_passphrase(copy, BENCH_PASSPHRASE)
    print(f"passphrase set: {len(result.converted)} files encrypted in {time.perf_counter() - began:.2f} s "
          "(one scrypt derivation included)")
    began = time.perf_counter()
    crypto.open_keyfile(copy, BENCH_PASSPHRASE)
    print(f"scrypt n=2**17 r=8 p=1 (unlocking): {(time.perf_counter() - began) * 1000:.0f} ms")
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases in the large folder (default 1000)")
    parser.add_argument("--repeats", type=int, default=100, help="saves timed per folder (default 100)")
    parser.add_argument("--data-root", type=Path, default=DEFAULT_ROOT,
                        help=f"where the generated caseload is cached (default {DEFAULT_ROOT})")
    parser.add_argument("--encrypted", action="store_true",
                        help="time everything with the records encrypted at rest (a passphrase set)")
    args = parser.parse_args()

    dataset = office_dataset(args.data_root, args.cases)
    print(f"caseload: {args.cases} cases in {dataset.data_dir}"
          + (f" (built in {dataset.build_seconds:.1f} s)" if dataset.build_seconds else " (cached)"))
    if args.encrypted:
        dataset = replace(dataset, data_dir=encrypted_copy(dataset.data_dir))
    large_store = RecordStore(dataset.data_dir)
    began = time.perf_counter()
    listed = large_store.list_cases()
    print(f"list_cases with {len(listed)} cases: {(time.perf_counter() - began) * 1000:.1f} ms")
    with tempfile.TemporaryDirectory(prefix="srt-bench-") as temporary:
        small = one_case_store(Path(temporary), dataset.sessions, args.encrypted)
        large = (large_store, open_session(large_store, dataset.open_case_ids[0]))
        one, many = compare(small, large, args.repeats)
    print(f"save_session, 1 case:           p50 {ms(p50(one))}, p95 {ms(p95(one))}")
    print(f"save_session, {args.cases} cases: p50 {ms(p50(many))}, p95 {ms(p95(many))}")
    print(f"ratio of medians (many / one): {p50(many) / p50(one):.2f}")
    writes, backup, rebuild = index_costs(dataset.data_dir, dataset.open_case_ids[0])
    print(f"end_session + start_session with {args.cases} cases (they write the index): {ms(writes)}")
    print(f"the backup after ending, in its own worker (not waited for): {ms(backup)}")
    print(f"rebuilding a lost index from {args.cases} case files: {rebuild:.2f} s")


if __name__ == "__main__":
    main()
