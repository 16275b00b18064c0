"""Helpers for content tests: check that a pack has exactly the expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.check import check_pack
from srt_tui.content.loader import PackError, Problem, load_pack

Where = tuple[str, int | None, str | None, str]  # file, line, exercise, key


def where(problem: Problem) -> Where:
    return (problem.file, problem.line, problem.exercise, problem.key)


def assert_problems(root: Path, expected: list[Where], *, says: str = "") -> list[Problem]:
    """check_pack finds exactly ``expected`` (in order), load_pack raises with the same
    problems, and the first one's message contains ``says``."""
    problems = check_pack(root)
    assert [where(p) for p in problems] == expected, "\n".join(map(str, problems))
    with pytest.raises(PackError) as raised:
        load_pack(root)
    assert raised.value.problems == problems
    assert str(raised.value) == "\n".join(str(p) for p in problems)
    assert says in problems[0].message
    return problems
