"""Read a content pack folder into a :class:`ContentPack`, or say everything wrong with it.

Loading and checking are one code path: :func:`read_pack` builds the pack while collecting
problems; :func:`load_pack` raises :class:`PackError` if there are any, and
:func:`srt_tui.content.check.check_pack` returns them. No input ends in a traceback.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from srt_tui.content import MANIFEST_NAME, PackError
from srt_tui.content.build import PackBuilder
from srt_tui.content.manifest import Problem, show
from srt_tui.content.model import ContentPack

__all__ = ["PackError", "Problem", "load_pack", "read_pack"]

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def load_pack(root: Path) -> ContentPack:
    """The pack in folder ``root``; :class:`PackError` listing every problem if it has any."""
    pack, problems = read_pack(root)
    if pack is None:
        raise PackError(problems)
    return pack


def read_pack(root: Path) -> tuple[ContentPack | None, list[Problem]]:
    """The pack (``None`` unless it is free of problems) and every problem found in it."""
    problems: list[Problem] = []
    folder = _folder(root, problems)
    text = None if folder is None else _read_manifest(folder, problems)
    data = None if text is None else _parse(text, problems)
    if folder is None or text is None or data is None:
        return None, problems
    pack = PackBuilder(folder, text, problems).build(data)
    return (None if problems else pack), problems


def _problem(line: int | None, message: str) -> Problem:
    return Problem(MANIFEST_NAME, line, None, "", message)


def _folder(root: Path, problems: list[Problem]) -> Path | None:
    """``root`` made absolute, if it is a folder."""
    try:
        folder = Path(root).resolve()
        if folder.is_dir():
            return folder
        reason = "is not a folder" if folder.exists() else "not found"
    except (OSError, ValueError) as error:
        reason = f"cannot be opened ({getattr(error, 'strerror', None) or error})"
    problems.append(_problem(None, f"content pack folder {show(str(root), limit=None)} {reason}"))
    return None


def _read_manifest(folder: Path, problems: list[Problem]) -> str | None:
    try:
        raw = (folder / MANIFEST_NAME).read_bytes()
    except FileNotFoundError:
        where = show(str(folder), limit=None)
        problems.append(_problem(None, f"not found in the content pack folder {where}"))
        return None
    except IsADirectoryError:
        problems.append(_problem(None, "is a folder, not a file"))
        return None
    except OSError as error:
        problems.append(_problem(None, f"cannot be read: {error.strerror or error}"))
        return None
    try:
        return raw.decode("utf-8-sig")  # tolerate the byte-order mark some editors write
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(_problem(line, "is not UTF-8 text: save it as UTF-8"))
        return None


def _parse(text: str, problems: list[Problem]) -> dict[str, object] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _AT_LINE.search(message)
        if match:
            line: int | None = int(match.group(1))
        elif "end of document" in message:
            line = max(1, len(text.splitlines()))
        else:
            line = None
        problems.append(_problem(line, f"TOML syntax error: {message}"))
    except RecursionError:
        problems.append(_problem(None, "TOML syntax error: values are nested too deeply"))
    return None
