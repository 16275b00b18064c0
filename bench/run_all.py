"""Every benchmark of issue 7 in one run, printed as a table of figures, targets and verdicts.

    .venv/bin/python -m bench [--cases 1000] [--quick] [--data-root DIR] [--no-player]

The office-size caseload is generated once (see :mod:`bench.dataset`) and cached under
``--data-root``; the empty one is a fresh folder. Timings are wall-clock on this machine,
so run it on an otherwise idle machine: the load average is printed before and after, as a
busy machine inflates every figure. docs/performance.md explains each figure.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import bench_export, bench_startup, bench_store, bench_ui
from bench.dataset import DEFAULT_ROOT, Dataset, office_dataset, words_per_session
from bench.machine import describe
from bench.report import Row, ms, p50, p95, table, verdict
from srt_tui.content.loader import load_pack
from srt_tui.content.model import ContentPack
from srt_tui.export import FORMATS
from srt_tui.paths import demo_pack_dir
from srt_tui.records.store import RecordStore

PLAYER_SCRIPT = Path(__file__).with_name("bench_player.py")
STARTUP_RATIO = 1.3
SAVE_P95 = 0.015
FILTER_P95 = 0.016
OPEN_CASE = 0.100
PLAYING = 0.100
EXPORT_ALL = 15.0
PEAK_MB = 150.0


@dataclass(frozen=True)
class Settings:
    launches: int  # timed launches of each kind
    warm_up: bool
    saves: int
    filter_keys: list[str]
    open_cases: int
    export_cases: int
    pdf_cases: int  # cases exported as PDF in one batch

    @classmethod
    def for_run(cls, quick: bool) -> Settings:
        if quick:
            keys = bench_ui.keystrokes(bench_ui.QUERIES[:2], rounds=1)
            return cls(launches=2, warm_up=False, saves=25, filter_keys=keys, open_cases=3, export_cases=1, pdf_cases=50)
        keys = bench_ui.keystrokes(bench_ui.QUERIES, rounds=3)
        return cls(launches=15, warm_up=True, saves=200, filter_keys=keys, open_cases=20, export_cases=5, pdf_cases=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases in the office-size set (default 1000)")
    parser.add_argument("--sessions", type=int, default=30, help="sessions per case (default 30)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: rough figures, fast")
    parser.add_argument("--data-root", type=Path, default=DEFAULT_ROOT,
                        help=f"where the generated caseload is cached (default {DEFAULT_ROOT})")
    parser.add_argument("--no-player", action="store_true", help="skip bench/bench_player.py")
    args = parser.parse_args(argv)
    settings = Settings.for_run(args.quick)

    print(f"machine: {describe()}")
    print(f"load average before: {_load()}")
    dataset = office_dataset(args.data_root, args.cases, args.sessions)
    built = f"built in {dataset.build_seconds:.1f} s" if dataset.build_seconds else "cached"
    sample = words_per_session(dataset.data_dir, dataset.open_case_ids[0]) if dataset.open_case_ids else 0
    print(f"data: {args.cases} cases x {args.sessions} sessions, ~{sample:.0f} words typed per session, "
          f"{built}, in {dataset.data_dir}")
    pack = load_pack(demo_pack_dir())
    size = f"{args.cases:,} cases"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="srt-bench-") as temporary:
        scratch = Path(temporary)
        steps = (  # the terminal runs first: the steps after them write, which takes the records' lock
            ("start-up and memory in tmux", lambda: startup_and_memory(dataset, scratch, settings, size)),
            ("autosave", lambda: saves(dataset, scratch, settings, size)),
            ("filtering", lambda: filtering(dataset, pack, settings, size)),
            ("opening a case", lambda: opening(dataset, pack, settings, size)),
            ("exports", lambda: exports(dataset, pack, settings, size)),
        )
        for name, step in steps:
            began = time.perf_counter()
            rows += step()
            RecordStore(dataset.data_dir).close()  # so a later app run can take the lock
            print(f"  measured {name} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    player_rows, player_output = player(args.no_player)
    rows += player_rows
    rows.sort(key=lambda row: row.item)
    print()
    print(table(rows))
    if player_output:
        print(f"\nbench/bench_player.py said:\n{player_output.rstrip()}")
    failed = [row for row in rows if row.verdict == "FAIL"]
    print(f"\n{len(failed)} target(s) missed." if failed else "\nEvery target met.")
    print(f"load average after: {_load()}")
    return 0


def _spread(samples: list[float]) -> str:
    return f"{ms(p50(samples))} / {ms(p95(samples))}"


def _load() -> str:
    """The 1, 5 and 15 minute load averages (cores busy), where the system reports them."""
    if not hasattr(os, "getloadavg"):
        return "not available"
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def startup_and_memory(dataset: Dataset, scratch: Path, settings: Settings, size: str) -> list[Row]:
    home = scratch / "home"
    home.mkdir()
    minimal = bench_startup.minimal_launch(home)
    widgets = bench_startup.minimal_launch(home, widgets=True)
    empty = bench_startup.app_launch("empty", scratch / "empty-records", "", home)
    office = bench_startup.app_launch("office", dataset.data_dir, dataset.first_ref, home)
    times = bench_startup.time_launches([minimal, widgets, empty, office], settings.launches, settings.warm_up)
    base = p50(times["minimal"])
    rows = [
        Row("1", "start-up: minimal Textual app, one line (median)", "-", "", ms(base), ""),
        Row("1", "start-up: the same with Header, Input, DataTable, Footer, ratio", "-", "",
            f"{p50(times['minimal+widgets']) / base:.2f}x ({ms(p50(times['minimal+widgets']))})", ""),
    ]
    for label, data, target in (("empty", "empty", ""), ("office", size, f"<= {STARTUP_RATIO}x")):
        median = p50(times[label])
        ratio = median / base
        rows.append(Row("1", "start-up: launch to first usable screen, ratio to minimal (median)", data,
                        target, f"{ratio:.2f}x ({ms(median)}; {len(times[label])} runs)",
                        ("pass" if ratio <= STARTUP_RATIO else "FAIL") if target else ""))
    memory = bench_startup.app_memory(office)
    rows.append(Row("4", "open a case: Enter to overview on screen, in tmux (one run)", size, "",
                    ms(memory.open_case_seconds), ""))
    peak = memory.peak_mib * 1.048576  # MiB to MB (10^6 bytes), the unit of the target
    rows.append(Row("6", "peak memory (VmHWM): list, filter, open a case, back", size, f"< {PEAK_MB:.0f} MB",
                    f"{peak:.1f} MB", verdict(peak, PEAK_MB)))
    minimal_peak = bench_startup.minimal_memory(minimal) * 1.048576
    rows.append(Row("6", "peak memory (VmHWM): minimal Textual app", "-", "", f"{minimal_peak:.1f} MB", ""))
    return rows


def saves(dataset: Dataset, scratch: Path, settings: Settings, size: str) -> list[Row]:
    if not dataset.open_case_ids:
        return [Row("2", "autosave: save_session", size, "", "no open session in this data set", "n/a")]
    small = bench_store.one_case_store(scratch / "one-case", dataset.sessions)
    store = RecordStore(dataset.data_dir)
    large = (store, bench_store.open_session(store, dataset.open_case_ids[0]))
    one, many = bench_store.compare(small, large, settings.saves)
    writes, backup, rebuild = bench_store.index_costs(dataset.data_dir, dataset.open_case_ids[0])
    return [
        Row("2", "autosave: save_session p50 / p95", "1 case", "", _spread(one), ""),
        Row("2", "autosave: save_session p50 / p95", size, f"p95 < {SAVE_P95 * 1000:.0f} ms",
            f"{_spread(many)} (x{p50(many) / p50(one):.2f} of 1 case)", verdict(p95(many), SAVE_P95)),
        Row("2", "end_session + start_session: index writes (one run)", size, "", ms(writes), ""),
        Row("2", "backup after a session ends, in its own worker (one run)", size, "", ms(backup), ""),
        Row("2", "index lost: rebuilt from every case file (one run)", size, "", f"{rebuild:.2f} s", ""),
    ]


def filtering(dataset: Dataset, pack: ContentPack, settings: Settings, size: str) -> list[Row]:
    timings = bench_ui.run_filter(dataset.data_dir, pack, settings.filter_keys)
    frames, cpu, refill = timings.to_frame, timings.to_frame_cpu, timings.in_refill
    return [
        Row("3", f"filter as you type: key to painted frame p50 / p95 ({len(frames)} keys)", size,
            f"p95 < {FILTER_P95 * 1000:.0f} ms", _spread(frames), verdict(p95(frames), FILTER_P95)),
        Row("3", "filter as you type: UI-thread CPU, key to frame p50 / p95", size, "", _spread(cpu), ""),
        Row("3", "filter as you type: inside _refill p50 / p95", size, "", _spread(refill), ""),
    ]


def opening(dataset: Dataset, pack: ContentPack, settings: Settings, size: str) -> list[Row]:
    cases = RecordStore(dataset.data_dir).list_cases()
    if not cases:
        return [Row("4", "open a case", size, "", "no cases in this data set", "n/a")]
    step = max(1, len(cases) // settings.open_cases)
    case_ids = [summary.id for summary in cases[::step]][: settings.open_cases]
    shown = bench_ui.run_open_case(dataset.data_dir, pack, case_ids)
    loaded = bench_ui.load_timings(dataset.data_dir, pack, case_ids)
    what = f"{dataset.sessions} sessions"
    return [
        Row("4", f"open a case ({what}): open_case to overview painted p50 / p95", size,
            f"p95 < {OPEN_CASE * 1000:.0f} ms", _spread(shown.to_frame), verdict(p95(shown.to_frame), OPEN_CASE)),
        Row("4", f"open a case ({what}): UI-thread CPU, open_case to frame p50 / p95", size, "",
            _spread(shown.to_frame_cpu), ""),
        Row("4", f"open a case ({what}): store load + progress p50 / p95", size, "", _spread(loaded), ""),
    ]


def exports(dataset: Dataset, pack: ContentPack, settings: Settings, size: str) -> list[Row]:
    with bench_export.scratch_records(dataset.data_dir) as data_dir:  # exports add to the audit log
        return _exports(RecordStore(data_dir), dataset, pack, settings, size)


def _exports(store: RecordStore, dataset: Dataset, pack: ContentPack, settings: Settings, size: str) -> list[Row]:
    cases = store.list_cases()
    if not cases:
        return [Row("5", "export", size, "", "no cases in this data set", "n/a")]
    step = max(1, len(cases) // settings.export_cases)
    refs = [summary.ref for summary in cases[::step]][: settings.export_cases]
    one = bench_export.one_case(store, pack, refs)
    rows = [
        Row("5", f"export one case ({dataset.sessions} sessions) as {fmt} p50", size, "", ms(p50(one[fmt])), "")
        for fmt in FORMATS
    ]
    seconds, written, reports = bench_export.all_cases_html(store, pack)
    rows.append(Row("5", f"export every case as HTML, export_all ({written} files, {reports} progress reports)",
                    size, f"< {EXPORT_ALL:.0f} s",
                    f"{seconds:.2f} s", verdict(seconds, EXPORT_ALL)))
    pdf_cases = min(settings.pdf_cases, len(cases))
    seconds, written, _ = bench_export.all_cases(store, pack, "pdf", limit=pdf_cases)
    rows.append(Row("5", f"export {written} cases as PDF, export_all (per case)", size, "",
                    f"{seconds:.1f} s ({ms(seconds / max(1, written))})", ""))
    return rows


def player(skip: bool) -> tuple[list[Row], str]:
    """Run bench/bench_player.py if it exists; its figure is the first "p95 ... N ms" it prints
    (else "median ... N ms"), and everything it prints is shown under the table."""
    what = "keypress to playing (real libvlc)"
    target = f"< {PLAYING * 1000:.0f} ms"
    if skip:
        return [Row("7", what, "-", target, "skipped (--no-player)", "n/a")], ""
    if not PLAYER_SCRIPT.is_file():
        return [Row("7", what, "-", target, "not yet available (no bench/bench_player.py)", "n/a")], ""
    try:
        done = subprocess.run([sys.executable, str(PLAYER_SCRIPT)], capture_output=True, text=True,
                              timeout=600, cwd=PLAYER_SCRIPT.parent.parent)
    except subprocess.TimeoutExpired:
        return [Row("7", what, "-", target, "bench_player.py took over 10 minutes", "FAIL")], ""
    output = done.stdout + done.stderr
    if done.returncode != 0:
        return [Row("7", what, "-", target, f"bench_player.py failed (exit {done.returncode})", "FAIL")], output
    figure = _player_figure(output)
    if figure is None:
        return [Row("7", what, "-", target, "see bench_player.py output below", "n/a")], output
    label, seconds = figure
    return [Row("7", f"{what} {label}", "-", target, ms(seconds), verdict(seconds, PLAYING))], output


def _player_figure(output: str) -> tuple[str, float] | None:
    for label in ("p95", "median", "p50"):
        for line in output.splitlines():
            found = re.search(rf"{label}\D*?(\d+(?:\.\d+)?)\s*ms", line, re.IGNORECASE)
            if found:
                return label, float(found.group(1)) / 1000
    return None


if __name__ == "__main__":
    raise SystemExit(main())
