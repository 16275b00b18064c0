"""Validate a content pack without using it: the ``srt-tui content check DIR`` command.

This is the loader's own code path, so a pack that checks clean is one that loads.
"""

from __future__ import annotations

from pathlib import Path

from srt_tui.content.loader import Problem, read_pack

__all__ = ["Problem", "check_pack"]


def check_pack(root: Path) -> list[Problem]:
    """Every problem of the pack in folder ``root``; ``[]`` when it is valid."""
    _, problems = read_pack(root)
    return problems
