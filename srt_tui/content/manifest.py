"""Typed reading of the manifest's tables, recording a :class:`Problem` for every bad value.

TOML hands us plain dicts and lists of any shape. Each accessor of :class:`Table` checks one
key and returns ``None`` when it is missing or wrong, after recording why, so the loader can
keep going and report every problem in one pass instead of stopping at the first one.

Values from the manifest only ever reach a message through :func:`show`, which quotes and
escapes them: a manifest cannot put terminal escape sequences or newlines into the output.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
SAFE_ID_RULE = "use 1 to 32 letters, digits, '-' or '_', starting with a letter or digit"

# Control characters other than tab and line breaks: no place in text shown on a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]*?)\s*\]")
_ID_LINE = re.compile(r"\s*id\s*=")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, located as precisely as the loader can."""

    file: str  # relative to the pack folder, e.g. "toolkit.toml"
    line: int | None
    exercise: str | None  # the exercise id, when the problem is about one exercise
    key: str  # path inside the manifest, e.g. "clips[0].chapters[2].start"; "" if none
    message: str

    def __str__(self) -> str:
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.exercise is not None:
            parts.append(f"exercise {self.exercise}")
        if self.key:
            parts.append(self.key)
        parts.append(self.message)
        return ": ".join(parts)


def show(value: object, limit: int | None = 40) -> str:
    """A short, quoted, terminal-safe rendering of a manifest value for a message; text
    longer than ``limit`` characters is cut short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if limit is None or len(value) <= limit else value[: limit - 3] + "..."
        return repr(short)  # repr escapes control characters
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def path_rule_broken(text: str) -> str | None:
    """Why ``text`` may not name a file in the pack, or None if it may.

    Only plain relative paths below the pack folder are allowed, judged by Windows rules as
    well as POSIX ones, so a pack that passes here cannot escape its folder on either."""
    if not text.strip():
        return "must not be empty"
    if not text.isprintable():
        return f"{show(text)} must not contain control characters"
    if "\\" in text:
        return f"{show(text)}: use '/' between folders, not '\\'"
    windows = PureWindowsPath(text)
    if text.startswith("/") or windows.drive or windows.is_absolute():
        return f"{show(text)} must be relative to the pack folder, not an absolute path"
    if ".." in PurePosixPath(text).parts:
        return f"{show(text)} must not leave the pack folder with '..'"
    return None


def section_lines(text: str, array: str) -> list[int]:
    """For each ``[[array]]`` table of the manifest text, in order, the line of its
    ``id = ...`` (or of its header when it has no id line).

    A plain scan, not a parser: good enough to point an author at the right table."""
    lines: list[int] = []
    at_top = False  # inside an [[array]] table itself, not one of its sub-tables
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            at_top = header.group(1) == "[[" and header.group(2) == array
            if at_top:
                lines.append(number)
            continue
        if at_top and _ID_LINE.match(line):
            lines[-1] = number
            at_top = False  # keep the first id line of the table
    return lines


def header_line(text: str, name: str) -> int | None:
    """The line of the ``[name]`` header, if there is one."""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and header.group(1) == "[" and header.group(2) == name:
            return number
    return None


class Table:
    """One table of the manifest, and where to report its problems."""

    def __init__(
        self,
        data: dict[str, object],
        sink: list[Problem],
        *,
        file: str,
        line: int | None = None,
        exercise: str | None = None,
        prefix: str = "",
    ) -> None:
        self.data = data
        self.sink = sink
        self.file = file
        self.line = line
        self.exercise = exercise
        self.prefix = prefix  # key path of this table, ending in "." unless top level

    def about(self, exercise: str) -> Table:
        """The same table, its problems now reported against ``exercise`` with keys relative
        to it ("clips[0].file" rather than "exercises[3].clips[0].file")."""
        return Table(self.data, self.sink, file=self.file, line=self.line, exercise=exercise)

    def at(self, line: int | None) -> Table:
        """The same table, its problems now reported at ``line``."""
        return Table(self.data, self.sink, file=self.file, line=line, exercise=self.exercise,
                     prefix=self.prefix)

    def child(self, data: dict[str, object], key: str) -> Table:
        return Table(data, self.sink, file=self.file, line=self.line, exercise=self.exercise,
                     prefix=f"{self.prefix}{key}.")

    def report(self, key: str, message: str) -> None:
        path = f"{self.prefix}{key}" if key else self.prefix.rstrip(".")
        self.sink.append(Problem(self.file, self.line, self.exercise, path, message))

    def only(self, known: Iterable[str]) -> None:
        """Report keys this table does not know: usually a typo that would otherwise be
        silently ignored (``subtitle`` for ``subtitles``)."""
        allowed = sorted(known)
        for name in self.data:
            if name not in allowed:
                key = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else show(name)
                self.report(key, f"unknown key; expected one of: {', '.join(allowed)}")

    def _get(self, key: str, required: bool) -> object | None:
        if key not in self.data:
            if required:
                self.report(key, "is required")
            return None
        return self.data[key]

    def text(self, key: str, required: bool = True) -> str | None:
        """A string; when required it must not be blank either."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(key, f"must be text in quotes, not {show(value)}")
            return None
        if required and not value.strip():
            self.report(key, "must not be empty")
            return None
        if _CONTROL.search(value):
            self.report(key, f"{show(value)} must not contain control characters")
            return None
        return value

    def ident(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not SAFE_ID.fullmatch(value):
            self.report(key, f"{show(value)} is not a safe id: {SAFE_ID_RULE}")
            return None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, f"must be a whole number, not {show(value)}")
            return None
        return value

    def number(self, key: str, required: bool = True) -> float | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report(key, f"must be a number, not {show(value)}")
            return None
        if not math.isfinite(value):
            self.report(key, f"must be a finite number, not {show(value)}")
            return None
        return float(value)

    def texts(self, key: str, required: bool = True) -> tuple[str, ...] | None:
        """A list of non-blank strings; when required it must not be empty."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, list):
            self.report(key, f"must be a list of texts, not {show(value)}")
            return None
        if required and not value:
            self.report(key, "must list at least one item")
            return None
        good = True
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.report(f"{key}[{index}]", f"must be text in quotes, not {show(item)}")
                good = False
            elif not item.strip():
                self.report(f"{key}[{index}]", "must not be empty")
                good = False
            elif _CONTROL.search(item):
                self.report(f"{key}[{index}]", f"{show(item)} must not contain control characters")
                good = False
        return tuple(value) if good else None

    def table(self, key: str, required: bool = False) -> Table | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.report(key, f"must be a table, not {show(value)}")
            return None
        return self.child(value, key)

    def tables(self, key: str, required: bool = False) -> list[tuple[int, Table]]:
        """The tables of an array of tables (``[[key]]``) with their index; items that are
        not tables are reported and left out."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(key, f"must be a list of tables, not {show(value)}")
            return []
        if required and not value:
            self.report(key, "must list at least one table")
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((index, self.child(item, f"{key}[{index}]")))
            else:
                self.report(f"{key}[{index}]", f"must be a table, not {show(item)}")
        return found
