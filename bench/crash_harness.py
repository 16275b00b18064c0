"""Kill a process that is saving records, at random moments, and prove nothing was lost.

    .venv/bin/python bench/crash_harness.py --kills 200      # the figures for issue 5
    .venv/bin/python bench/crash_harness.py --kills 10 --json  # what the test runs

Each cycle starts a child process that opens the records folder through :class:`RecordStore`
(taking over the lock the previous, killed, child left) and then changes records as fast as
it can: creates cases, starts sessions, saves notes of every size and kind of text, ends
sessions (then backs up, as the app does after each ending), amends, updates and deletes cases. Before each change it
prints a ``try`` line and after the change returns an ``ack`` line. The parent kills it with
SIGKILL (TerminateProcess on Windows) at a random moment (one time in ten while it is still
starting up), then checks the folder:

* every records file, backup and the index reads cleanly, before anything repairs them
  (``corrupt files``);
* a new ``RecordStore`` opens the folder with no problem reported;
* every acknowledged change is there: a saved text is the acknowledged one or the one the
  child was writing when it was killed, never older (``lost acknowledged saves``), and every
  acknowledged event is in the audit log.

The same folder carries on into the next cycle, so each child starts from what the last
one left. Prints the figures and exits 1 if anything was corrupt or lost.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from srt_tui.records.audit import read_events  # noqa: E402
from srt_tui.records.backup import check_backup, list_backups  # noqa: E402
from srt_tui.records.casefile import case_from_tables, summaries_from_tables  # noqa: E402
from srt_tui.records.model import Case  # noqa: E402
from srt_tui.records.storage import DamagedFileError, decode_tables  # noqa: E402
from srt_tui.records.store import RecordError, RecordStore  # noqa: E402

MAX_CASES = 8
HOSTILE = ["[bold red]x[/]", "\x1b[31mred\x1b[0m", "\x00\x07\x08", "\ud800", "\u2028", "😀", "é", "\r\n", "\t"]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- the child: change records as fast as possible ---------------------------------------------


def child(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = RecordStore(data_dir)
    store.claim()
    open_sessions: dict[str, str | None] = {}
    ended: dict[str, list[str]] = {}
    for summary in store.list_cases():
        sessions = store.sessions(summary.id)
        open_sessions[summary.id] = next((s.id for s in sessions if not s.ended), None)
        ended[summary.id] = [s.id for s in sessions if s.ended]
    say({"k": "ready"})
    seq = 0
    while True:
        seq += 1
        with_open = [c for c, s in open_sessions.items() if s]
        without_open = [c for c, s in open_sessions.items() if not s]
        with_ended = [c for c, s in ended.items() if s]
        choices = [("create", 5 if len(open_sessions) < MAX_CASES else 0),
                   ("delete", 2 if len(open_sessions) > MAX_CASES // 2 else 0),
                   ("start", 8 if without_open else 0), ("save", 60 if with_open else 0),
                   ("end", 6 if with_open else 0), ("amend", 6 if with_ended else 0),
                   ("update", 8 if open_sessions else 0)]
        op = rng.choices([name for name, _ in choices], [weight for _, weight in choices])[0]
        text = f"seq {seq} " + "".join(rng.choice(HOSTILE) + "x" * rng.randrange(200)
                                        for _ in range(rng.randrange(60)))
        if op == "create":
            case = Case(ref=f"K{seed % 10000:04d}-{seq}", alias="C.H.", referral_date=date(2026, 1, 5))
            say({"k": "try", "seq": seq, "op": op, "case": case.id})
            store.create_case(case)
            open_sessions[case.id], ended[case.id] = None, []
            say({"k": "ack", "seq": seq, "op": op, "case": case.id})
        elif op == "delete":
            case_id = rng.choice(sorted(open_sessions))
            say({"k": "try", "seq": seq, "op": op, "case": case_id})
            store.delete_case(case_id, from_backups=rng.random() < 0.5)
            del open_sessions[case_id], ended[case_id]
            say({"k": "ack", "seq": seq, "op": op, "case": case_id})
        elif op == "start":
            case_id = rng.choice(without_open)
            say({"k": "try", "seq": seq, "op": op, "case": case_id})
            session = store.start_session(case_id)
            open_sessions[case_id] = session.id
            say({"k": "ack", "seq": seq, "op": op, "case": case_id, "session": session.id})
        elif op in ("save", "end"):
            case_id = rng.choice(with_open)
            session = store.get_session(case_id, open_sessions[case_id] or "")
            session.notes = text
            say({"k": "try", "seq": seq, "op": op, "case": case_id, "session": session.id, "sha": digest(text)})
            if op == "save":
                store.save_session(session)
            else:
                store.end_session(session)
                open_sessions[case_id] = None
                ended[case_id].append(session.id)
            say({"k": "ack", "seq": seq, "op": op, "case": case_id, "session": session.id, "sha": digest(text)})
            if op == "end":
                store.backup("session-ended")  # what the app's worker does once the session is saved
        elif op == "amend":
            case_id = rng.choice(with_ended)
            session_id = rng.choice(ended[case_id])
            count = len(store.get_session(case_id, session_id).amendments) + 1
            say({"k": "try", "seq": seq, "op": op, "case": case_id, "session": session_id})
            store.amend_session(case_id, session_id, "plan_next", text, reason=f"crash test {seq}")
            say({"k": "ack", "seq": seq, "op": op, "case": case_id, "session": session_id, "count": count})
        else:
            case_id = rng.choice(sorted(open_sessions))
            case = store.get_case(case_id)
            case.responsivity_notes = text
            say({"k": "try", "seq": seq, "op": op, "case": case_id, "sha": digest(text)})
            store.update_case(case)
            say({"k": "ack", "seq": seq, "op": op, "case": case_id, "sha": digest(text)})


def say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


# -- the parent: kill, reopen, check ------------------------------------------------------------


@dataclass
class Expect:
    """What the acknowledged changes promise, carried from cycle to cycle."""

    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # case id -> expectations
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)  # session id -> expectations
    events: Counter[tuple[str, str]] = field(default_factory=Counter)  # (event, case id) acknowledged

    def apply(self, lines: list[dict[str, Any]]) -> None:
        for line in lines:
            kind, op = line.get("k"), line.get("op")
            case = self.cases.setdefault(line["case"], {"sha": None, "pending": set(), "deleted": False,
                                                        "gone_pending": False, "acked": False})
            if kind == "ack" and op != "delete":
                case["acked"] = True
            if kind == "try":
                if op == "update":
                    case["pending"].add(line["sha"])
                elif op in ("save", "end"):
                    session = self._session(line)
                    session["pending"].add(line["sha"])
                    session["end_pending"] = session["end_pending"] or op == "end"
                elif op == "delete":
                    case["gone_pending"] = True
                elif op == "amend":
                    self._session(line)
            elif kind == "ack":
                if op == "create":
                    self.events["case_created", line["case"]] += 1
                elif op == "update":
                    case["sha"], case["pending"] = line["sha"], set()
                    self.events["case_updated", line["case"]] += 1
                elif op == "delete":
                    case["deleted"] = True
                    self.events["case_deleted", line["case"]] += 1
                elif op == "start":
                    self._session(line)["started"] = True
                    self.events["session_started", line["case"]] += 1
                elif op in ("save", "end"):
                    session = self._session(line)
                    session["sha"], session["pending"] = line["sha"], set()
                    if op == "end":
                        session["ended"] = True
                        self.events["session_ended", line["case"]] += 1
                elif op == "amend":
                    session = self._session(line)
                    session["amendments"] = max(session["amendments"], line["count"])
                    self.events["session_amended", line["case"]] += 1

    def _session(self, line: dict[str, Any]) -> dict[str, Any]:
        return self.sessions.setdefault(line["session"], {
            "case": line["case"], "sha": None, "pending": set(), "ended": False, "end_pending": False,
            "amendments": 0, "started": False,
        })


@dataclass
class Cycle:
    seconds: float
    acks: int
    killed_during: str  # the change in flight at the kill, "start-up", or "between changes"
    corrupt: list[str]
    lost: list[str]
    problems: list[str]


def corrupt_files(data_dir: Path) -> list[str]:
    """Every records file, and every backup, that does not read back cleanly."""
    bad = []
    index = data_dir / "index.json"
    if index.exists():
        try:
            summaries_from_tables(decode_tables(index.read_bytes()), index)
        except (ValueError, DamagedFileError) as error:
            bad.append(f"{index.name}: {error}")
    for path in sorted((data_dir / "cases").glob("*.json")):
        try:
            case_from_tables(decode_tables(path.read_bytes()), path, path.stem)
        except (ValueError, DamagedFileError) as error:
            bad.append(f"{path.name}: {error}")
    for backup in list_backups(data_dir):
        if (problem := check_backup(backup)) is not None:
            bad.append(problem)
    return bad


def check(data_dir: Path, expect: Expect) -> tuple[list[str], list[str]]:
    """(lost acknowledged changes, problems opening) after a kill; settles what was pending."""
    lost: list[str] = []
    store = RecordStore(data_dir)
    try:
        listed = {s.id for s in store.list_cases()}
        problems = list(store.problems)
        for case_id, want in expect.cases.items():
            on_disk = (data_dir / "cases" / f"{case_id}.json").exists()
            if want["deleted"]:
                if on_disk or case_id in listed:
                    lost.append(f"case {case_id}: deleted (acknowledged) but still there")
                continue
            if not on_disk:
                if want["gone_pending"]:
                    want["deleted"] = True  # the kill came after the delete had happened
                    continue
                if want["acked"]:
                    lost.append(f"case {case_id}: acknowledged but missing")
                continue
            if case_id not in listed:
                lost.append(f"case {case_id}: on disk but not listed")
            try:
                case = store.get_case(case_id)
            except RecordError as error:
                lost.append(f"case {case_id}: {error}")
                continue
            have = digest(case.responsivity_notes) if case.responsivity_notes else None
            allowed = {want["sha"]} | want["pending"]
            if have not in allowed:
                lost.append(f"case {case_id}: responsivity notes {have} not in {sorted(map(str, allowed))}")
            want.update(sha=have, pending=set(), gone_pending=False, acked=True)
        for session_id, want in expect.sessions.items():
            case_want = expect.cases.get(want["case"], {})
            if case_want.get("deleted"):
                continue
            try:
                session = store.get_session(want["case"], session_id)
            except RecordError as error:
                if want["started"] or want["sha"] or want["ended"] or want["amendments"]:
                    lost.append(f"session {session_id}: acknowledged but cannot be read: {error}")
                continue
            have = digest(session.notes) if session.notes else None
            allowed = {want["sha"]} | want["pending"]
            if have not in allowed:
                lost.append(f"session {session_id}: notes {have} not in {sorted(map(str, allowed))}")
            if want["ended"] and not session.ended:
                lost.append(f"session {session_id}: ended (acknowledged) but open again")
            if len(session.amendments) < want["amendments"]:
                lost.append(f"session {session_id}: {want['amendments']} amendments acknowledged, "
                            f"{len(session.amendments)} found")
            want.update(sha=have, pending=set(), ended=session.ended, end_pending=False,
                        amendments=len(session.amendments), started=True)
        logged = Counter((e["event"], e.get("case_id", "")) for e in read_events(data_dir).events)
        for key, count in expect.events.items():
            if logged[key] < count:
                lost.append(f"audit log: {count} x {key[0]} for case {key[1]} acknowledged, {logged[key]} logged")
    finally:
        store.close()  # the next child takes the lock
    return lost, problems


def run_cycle(data_dir: Path, seed: int, max_delay: float, expect: Expect, rng: random.Random) -> Cycle:
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(data_dir), "--seed", str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: list[dict[str, Any]] = []
    ready = threading.Event()  # the child is ready, or has ended
    started: list[bool] = []  # the child did say it was ready

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            if not raw.endswith(b"\n"):
                break  # cut off by the kill: not an acknowledgement
            message = json.loads(raw)
            if message["k"] == "ready":
                started.append(True)
                ready.set()
            else:
                lines.append(message)
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0, 0.4))  # now and then, while it starts up and takes the lock
    else:
        ready.wait(timeout=60)
        time.sleep(rng.uniform(0, max_delay))
    proc.kill()
    proc.wait()
    reader.join()
    assert proc.stderr is not None
    error = proc.stderr.read().decode("utf-8", "replace").strip()
    problems = [f"child failed before it was killed: {error.splitlines()[-1]}"] if error else []
    expect.apply(lines)
    corrupt = corrupt_files(data_dir)
    lost, opening = check(data_dir, expect)
    if not started:
        during = "start-up"
    else:
        during = lines[-1]["op"] if lines and lines[-1]["k"] == "try" else "between changes"
    return Cycle(time.perf_counter() - began, sum(1 for m in lines if m["k"] == "ack"), during, corrupt, lost,
                 problems + opening)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="kill cycles (default 200)")
    parser.add_argument("--seed", type=int, default=5, help="random seed (default 5)")
    parser.add_argument("--max-delay", type=float, default=0.5,
                        help="longest wait, in seconds, between the child being ready and the kill")
    parser.add_argument("--data-dir", type=Path, help="records folder to use (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed)
        return 0

    rng = random.Random(args.seed)
    expect = Expect()
    cycles: list[Cycle] = []
    with tempfile.TemporaryDirectory(prefix="srt-crash-") as temporary:
        data_dir = args.data_dir or Path(temporary) / "data"
        for number in range(args.kills):
            cycle = run_cycle(data_dir, args.seed * 100_000 + number, args.max_delay, expect, rng)
            cycles.append(cycle)
            for line in cycle.corrupt + cycle.lost + cycle.problems:
                print(f"cycle {number + 1}: {line}", file=sys.stderr)
        backups = len(list_backups(data_dir))
        events = len(read_events(data_dir).events)
    figures = {
        "kills": len(cycles),
        "corrupt_files": sum(len(c.corrupt) for c in cycles),
        "lost_acknowledged": sum(len(c.lost) for c in cycles),
        "problems_opening": sum(len(c.problems) for c in cycles),
        "acknowledged_changes": sum(c.acks for c in cycles),
        "cycle_seconds_median": round(statistics.median(c.seconds for c in cycles), 3),
        "cycle_seconds_max": round(max(c.seconds for c in cycles), 3),
        "killed_during": dict(Counter(c.killed_during for c in cycles).most_common()),
        "backups_at_end": backups,
        "audit_events_at_end": events,
    }
    print(f"{figures['kills']} kills: {figures['corrupt_files']} corrupt files, "
          f"{figures['lost_acknowledged']} lost acknowledged saves, "
          f"{figures['problems_opening']} problems opening; {figures['acknowledged_changes']} "
          f"acknowledged changes; kill cycle median {figures['cycle_seconds_median']:.2f} s, "
          f"max {figures['cycle_seconds_max']:.2f} s")
    print("killed during: " + ", ".join(f"{what} {count}" for what, count in figures["killed_during"].items()))
    if args.json:
        print(json.dumps(figures))
    failed = figures["corrupt_files"] or figures["lost_acknowledged"] or figures["problems_opening"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
