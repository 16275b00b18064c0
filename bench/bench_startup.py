"""Start-up to the first usable screen, and peak memory, in a real terminal (tmux).

A launch is timed from just before tmux is asked to open the window until the screen first
shows the marker: for srt-tui the reference of the first case in the list (or "No cases
yet" on an empty folder), for the yardstick the line of :mod:`bench.minimal_app`. The
screen is polled every few milliseconds, the same way for both, and the kinds of launch are
interleaved so a slow moment of the machine hits them alike. One untimed warm-up launch of
each comes first (Python's bytecode cache and the disk cache are then warm, as on a laptop
that has run the app before).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.minimal_app import READY
from bench.terminal import Terminal, Window

NO_CASES = "No cases yet"
OVERVIEW_LOADED = "Category:"  # shown only once the overview has loaded the case
MINIMAL = [sys.executable, str(Path(__file__).with_name("minimal_app.py"))]


@dataclass(frozen=True)
class Launch:
    """How to start one program and what it shows when it is usable."""

    label: str
    command: list[str]
    marker: str
    env: dict[str, str]


def _own_home(home: Path) -> dict[str, str]:
    """Settings, caches and data of the launched programs under ``home``, never the user's."""
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data")}


def app_launch(label: str, data_dir: Path, first_ref: str, home: Path) -> Launch:
    command = [sys.executable, "-m", "srt_tui", "--data-dir", str(data_dir)]
    return Launch(label, command, first_ref or NO_CASES, _own_home(home))


def minimal_launch(home: Path, widgets: bool = False) -> Launch:
    if widgets:
        return Launch("minimal+widgets", [*MINIMAL, "widgets"], READY, _own_home(home))
    return Launch("minimal", MINIMAL, READY, _own_home(home))


def time_launches(launches: list[Launch], repeats: int, warm_up: bool = True) -> dict[str, list[float]]:
    """Seconds from launch to marker, ``repeats`` times per launch, interleaved."""
    timings: dict[str, list[float]] = {launch.label: [] for launch in launches}
    terminal = Terminal()
    try:
        for round_ in range(repeats + (1 if warm_up else 0)):
            for launch in launches:
                began = time.perf_counter()
                window = terminal.launch(launch.command, launch.env)
                try:
                    seen = window.wait_for(launch.marker)
                finally:
                    window.close()
                if round_ or not warm_up:
                    timings[launch.label].append(seen - began)
    finally:
        terminal.close()
    return timings


@dataclass(frozen=True)
class MemoryRun:
    peak_mib: float  # VmHWM after the list, a filter, a case and back
    open_case_seconds: float  # Enter on the first row until the overview shows its data


def app_memory(launch: Launch) -> MemoryRun:
    """Peak RSS of the app after showing the list, filtering, opening a case and going back."""
    terminal = Terminal()
    try:
        window = terminal.launch(launch.command, launch.env)
        try:
            window.wait_for(launch.marker)
            _type(window, "1", "2", "BSpace", "BSpace")
            began = time.perf_counter()
            window.keys("Enter")  # the filter has focus: Enter opens the first case
            opened = window.wait_for(OVERVIEW_LOADED)
            window.keys("Escape")
            window.wait_for("Filter by case reference")
            return MemoryRun(window.peak_memory_mib(), opened - began)
        finally:
            window.close()
    finally:
        terminal.close()


def minimal_memory(launch: Launch) -> float:
    terminal = Terminal()
    try:
        window = terminal.launch(launch.command, launch.env)
        try:
            window.wait_for(launch.marker)
            return window.peak_memory_mib()
        finally:
            window.close()
    finally:
        terminal.close()


def _type(window: Window, *keys: str) -> None:
    for key in keys:
        window.keys(key)
        time.sleep(0.1)
