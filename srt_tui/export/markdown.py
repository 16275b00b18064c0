"""Render a :class:`CaseSummary` as Markdown, for a word processor or a plain text viewer.

It opens with the overview (progress per module as a text bar: ``█`` done, ``▒`` skipped
as not relevant, ``░`` still to do), then the case details and the sessions.

Every piece of user text is escaped so that it shows as typed: Markdown punctuation is
backslash-escaped (``\\<script>`` shows as ``<script>`` and is never raw HTML), and a line
that would start a heading, list, quote or rule is defused. Line breaks the practitioner
typed are kept as hard breaks.
"""

from __future__ import annotations

import re

from srt_tui.export.charts import text_bar
from srt_tui.export.summary import (
    CLIPS_HEADING,
    HANDLING,
    MARKING,
    NO_CLIPS,
    NONE_RECORDED,
    AmendmentView,
    CaseSummary,
    ExerciseView,
    SessionView,
)

_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
_LINE_START = re.compile(r"^(\s*)([+=\-]|\d+(?=[.)]))")
_HARD_BREAK = "  "


def escape_md(text: str, *, line_start: bool = True) -> str:
    """Escape one piece of text so Markdown shows it literally (line breaks kept).

    ``line_start=False`` is for text placed after something on the same line: its first
    line then cannot start a block, so it needs only the inline escapes.
    """
    return "\n".join(
        _escape_line(line, line_start or index > 0) for index, line in enumerate(text.split("\n"))
    )


def _escape_line(line: str, line_start: bool) -> str:
    line = _INLINE.sub(r"\\\1", line)
    match = _LINE_START.match(line) if line_start else None
    if match:
        indent, lead = match.groups()
        if lead[0].isdigit():  # "1." or "1)" would start a numbered list
            end = match.end()
            return line[:end] + "\\" + line[end:]
        return f"{indent}\\{line[len(indent):]}"
    return line


def _inline(text: str) -> str:
    """Text placed inside a line the export makes (a heading, a label, a table cell): one
    line, inline escapes only."""
    return escape_md(" ".join(text.split()), line_start=False)


def _lines(text: str, indent: str = "") -> list[str]:
    """User text as Markdown lines with hard breaks, each line prefixed by ``indent``."""
    if not text.strip():
        return [f"{indent}_{NONE_RECORDED}_"]
    lines = escape_md(text.strip("\n")).split("\n")
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line.strip():
            out.append(indent.rstrip())
        else:
            out.append(f"{indent}{line}{_HARD_BREAK if following.strip() else ''}")
    return out


def _quote(text: str) -> list[str]:
    return _lines(text, "> ")


def _item(label: str, value: str) -> list[str]:
    """A bullet ``- **Label:** value``; further lines of the value stay inside the bullet."""
    body = _lines(value, "  ")
    first = body[0].removeprefix("  ")
    return [f"- **{_inline(label)}:** {first}", *body[1:]]


def render_markdown(summary: CaseSummary) -> str:
    out: list[str] = [
        f"> **{MARKING}** — {HANDLING}",
        "",
        f"# {_inline(summary.title)}",
        "",
        f"Exported {_inline(summary.exported_at)} by srt-tui {_inline(summary.app_version)}."
        f"{_HARD_BREAK}",
        f"Content: {_inline(summary.pack)}." + _HARD_BREAK,
        escape_md(summary.timezone_note),
        "",
        *_overview(summary),
        "",
        "## Case details",
        "",
    ]
    for detail in summary.details:
        out += _item(detail.label, detail.value)
    out += ["", "## Sessions", ""]
    if not summary.sessions:
        out += ["_No sessions recorded._", ""]
    for session in summary.sessions:
        out += _session(session)
    out += ["---", "", f"**{MARKING}** — {HANDLING}", ""]
    return "\n".join(out)


def _overview(summary: CaseSummary) -> list[str]:
    out = ["## Overview", ""]
    for fact in summary.overview.facts:
        out += _item(fact.label, fact.value)
    out += [
        "",
        "### Progress per module",
        "",
        "| Module | Progress | Done | Not relevant | Total |",
        "| :--- | :--- | ---: | ---: | ---: |",
    ]
    for row in summary.modules:
        bar = text_bar(row.done, row.not_relevant, row.total)
        out.append(
            f"| {_inline(row.title)} | `{bar}` | {row.done} | {row.not_relevant} | {row.total} |"
        )
    out += [
        f"| **All modules** | | **{summary.done}** | **{summary.not_relevant}** | **{summary.total}** |",
        "",
        "`█` done, `▒` skipped as not relevant, `░` still to do.",
        "",
        "### Skipped as not relevant",
        "",
    ]
    if not summary.overview.skips:
        out.append("_None._")
    for skip in summary.overview.skips:
        when = f" ({_inline(skip.date)})" if skip.date else ""
        out.append(f"- **{_inline(skip.exercise)}**{when}: {_inline(skip.reason)}")
    return out


def _session(session: SessionView) -> list[str]:
    out = [f"### {_inline(session.heading)}", ""]
    if not session.ended:
        out += ["_This session has not been ended: its record may still change._", ""]
    out += ["#### Exercises", ""]
    if not session.exercises:
        out += ["_No exercises recorded._", ""]
    for exercise in session.exercises:
        out += _exercise(exercise)
    out += [f"#### {CLIPS_HEADING}", ""]
    out += [f"- {_inline(clip.line)}" for clip in session.clips] or [f"_{NO_CLIPS}_"]
    out.append("")
    for field in session.fields:
        out += [f"#### {_inline(field.label)}", "", *_lines(field.value), ""]
    out += ["#### Amendments", ""]
    if not session.amendments:
        out += ["_No amendments._", ""]
    for number, amendment in enumerate(session.amendments, start=1):
        out += _amendment(number, amendment)
    return out


def _exercise(exercise: ExerciseView) -> list[str]:
    module = f" ({_inline(exercise.module)})" if exercise.module else ""
    title = f"**{_inline(exercise.id)} {_inline(exercise.title)}**{module}"
    out = [f"{title} — {_inline(exercise.outcome)}", ""]
    if exercise.not_relevant or exercise.skip_reason:
        out += _item("Reason for skipping", exercise.skip_reason)
    for answer in exercise.answers:
        out += _item(answer.question, answer.answer or "(not answered)")
    if exercise.notes:
        out += _item(exercise.notes_label, exercise.notes)
    if out[-1] != "":
        out.append("")
    return out


def _amendment(number: int, amendment: AmendmentView) -> list[str]:
    out = [
        f"**Amendment {number}** — {_inline(amendment.at)}: {_inline(amendment.field)}",
        "",
    ]
    out += _item("Reason", amendment.reason)
    if amendment.by:
        out += _item("By", amendment.by)
    out += ["", "Before:", "", *_quote(amendment.before), ""]
    out += ["After:", "", *_quote(amendment.after), ""]
    return out


__all__ = ["escape_md", "render_markdown"]
