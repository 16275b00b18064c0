"""Keypress to Playing with real libvlc: how long F4 takes to start a clip.

    .venv/bin/python bench/bench_player.py [--runs 20] [--vlc-args "--vout=dummy --aout=dummy"]

Run by hand or as part of ``python -m bench``. The player is started first, as the session
screen does when it opens, then each run times, from the call F4 makes
(:meth:`ClipRemote.start`):

* to Playing: the libvlc child process says Playing (what the panel then shows);
* to moving: the reported position has moved (libvlc holds the start for ~0.5 s).

It also times a cold start (process spawned and libvlc loaded, to ready) and, in the real
app running headless, an F4 key event to the clip panel showing "Playing" (the panel looks
at the player every 50 ms, which this includes). Timings are wall-clock on this machine, with
dummy audio and video outputs unless --vlc-args says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import ms, p50, p95  # noqa: E402
from srt_tui.content.loader import load_pack  # noqa: E402
from srt_tui.content.model import Clip  # noqa: E402
from srt_tui.paths import demo_pack_dir  # noqa: E402
from srt_tui.player.api import PlayerState, PlayerStatus  # noqa: E402
from srt_tui.player.remote import ClipRemote  # noqa: E402
from srt_tui.player.vlc_player import VlcPlayer  # noqa: E402

LIMIT = 20.0  # seconds before a run counts as failed


def wait(player: VlcPlayer, ok: Callable[[PlayerStatus], bool], what: str) -> float:
    """Poll every millisecond until ``ok`` holds for a confirmed status; the time it held."""
    deadline = time.perf_counter() + LIMIT
    while True:
        if player.settled() and ok(player.status()):
            return time.perf_counter()
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_player: the player never got to {what}: {player.status()}")
        time.sleep(0.001)


def cold_starts(log: Path, args: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        player = VlcPlayer(log, args)
        began = time.perf_counter()
        player.start()
        timings.append(wait(player, lambda s: s.state is PlayerState.READY, "ready") - began)
        player.close()
    return timings


def warm_plays(log: Path, args: list[str], clip: Clip, runs: int) -> tuple[list[float], list[float]]:
    player = VlcPlayer(log, args)
    player.start()
    wait(player, lambda s: s.state is PlayerState.READY, "ready")
    to_playing, to_moving = [], []
    try:
        for _ in range(runs):
            remote = ClipRemote(player, clip)  # a fresh panel: F4 opens the clip
            began = time.perf_counter()
            remote.start()
            to_playing.append(wait(player, lambda s: s.state is PlayerState.PLAYING, "playing") - began)
            to_moving.append(wait(player, lambda s: s.played > 0, "moving") - began)
            player.stop()  # after it moved: a stop within ~0.3 s of starting stalls libvlc
            wait(player, lambda s: s.state is PlayerState.STOPPED, "stopped")
    finally:
        player.close()
    return to_playing, to_moving


async def through_the_app(data: Path, args: list[str], runs: int) -> list[float]:
    """An F4 key event in the real app (headless) until the clip panel shows "Playing"."""
    from datetime import date  # noqa: PLC0415

    from textual import events  # noqa: PLC0415 - Textual only for this part

    from srt_tui.app import SrtApp  # noqa: PLC0415
    from srt_tui.player.vlc_player import vlc_player_factory  # noqa: PLC0415
    from srt_tui.records.model import Case  # noqa: PLC0415
    from srt_tui.records.store import RecordStore  # noqa: PLC0415
    from srt_tui.screens.session import SessionScreen  # noqa: PLC0415
    from srt_tui.widgets.exercise_picker import ExercisePicker  # noqa: PLC0415
    from srt_tui.widgets.player_panel import PlayerPanel  # noqa: PLC0415

    store = RecordStore(data)
    store.create_case(Case(ref="BENCH-1", alias="B.", referral_date=date(2026, 1, 5), id="bench"))
    app = SrtApp(store, load_pack(demo_pack_dir()), player=vlc_player_factory(data, args))
    timings = []
    async with app.run_test(size=(130, 40)) as pilot:
        app.open_case("bench")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.query_one(ExercisePicker).focus()
        screen.show_exercise("F01")
        await pilot.pause(1.0)  # the player process is ready by now, as in a session
        player = screen.player
        assert isinstance(player, VlcPlayer)
        for _ in range(runs):
            panel = screen.query_one(PlayerPanel)
            played = player.status().played
            began = time.perf_counter()
            app.post_message(events.Key("f4", None))  # as the terminal driver delivers a key
            while panel.render().renderables[0].plain.split()[1] != "Playing":
                if time.perf_counter() - began > LIMIT:
                    raise SystemExit("bench_player: the panel never showed Playing")
                await asyncio.sleep(0.001)
            timings.append(time.perf_counter() - began)
            while player.status().played <= played:  # moved on: safe to stop (see vlc_child)
                await asyncio.sleep(0.01)
            await pilot.press("s")
            while not (player.settled() and player.status().state is PlayerState.STOPPED):
                await asyncio.sleep(0.01)
            await pilot.pause(0.2)
    return timings


def line(label: str, timings: list[float]) -> str:
    return f"{label}: median {ms(p50(timings))}, p95 {ms(p95(timings))} ({len(timings)} runs)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--vlc-args", default="--vout=dummy --aout=dummy")
    parser.add_argument("--no-app", action="store_true", help="skip the run through the headless app")
    options = parser.parse_args(argv)
    args = shlex.split(options.vlc_args)
    clip = load_pack(demo_pack_dir()).exercise("F01").clip_for(None)
    assert clip is not None
    with tempfile.TemporaryDirectory(prefix="srt-bench-player-") as folder:
        log = Path(folder) / "logs" / "vlc.log"
        to_playing, to_moving = warm_plays(log, args, clip, options.runs)
        print(line("keypress to Playing (player started in advance, as in a session)", to_playing))
        print(line("keypress to position moving", to_moving))
        print(line("cold start: process spawned and libvlc loaded, to ready", cold_starts(log, args, 5)))
        if not options.no_app:
            timings = asyncio.run(through_the_app(Path(folder) / "records", args, max(5, options.runs // 2)))
            print(line("F4 in the headless app to the panel showing Playing", timings))
    print(f"VLC options: {' '.join(args) or '(none)'}; clip {clip.file.name}, {clip.duration:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
