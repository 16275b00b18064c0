"""What the figures were measured on: cores, CPU, memory, Python and Textual versions."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path


def _proc_value(path: str, key: str) -> str | None:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def cores() -> int:
    """Cores this process may use (what ``nproc`` prints)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def describe() -> str:
    cpu = _proc_value("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory = _proc_value("/proc/meminfo", "MemTotal")
    ram = f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB RAM" if memory else "RAM unknown"
    return (f"{cores()} cores, {cpu}, {ram}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, Textual {version('textual')}")
