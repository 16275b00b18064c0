"""The JSON case bundle: a lossless copy of one case and its sessions, to move it between
laptops, and the reader that checks a bundle before anything reaches the records.

A bundle holds the stored records as they are (original text and every amendment); nothing
is cleaned or reformatted, so an import gives back exactly what was exported. It also holds
the case summary (``"summary"``: the same view model, and so the same facts, as the
Markdown, HTML, PDF and CSV exports) for people and programs that read it; the importer
ignores that part, so the records are never rebuilt from a summary. Control
characters inside strings are written as ``\\uXXXX`` escapes, so the file itself is safe
to show in a terminal.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srt_tui import __version__
from srt_tui.content.model import ContentPack
from srt_tui.export.summary import CaseSummary, build_summary
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import case_progress

FORMAT = "srt-tui-case-bundle"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024

# Characters json.dumps(ensure_ascii=False) leaves raw that a terminal or editor may act on:
# C1 controls (U+0080-U+009F, e.g. the 8-bit CSI), line/paragraph separators, bidi controls,
# and DEL. Outside strings a bundle is pure ASCII, so they can only occur inside strings.
_UNSAFE_RAW = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


class BundleError(ValueError):
    """A bundle that cannot be read; the message is one user-facing sentence."""


def bundle_data(
    pack: ContentPack,
    case: Case,
    sessions: list[Session],
    exported_at: datetime | None = None,
    summary: CaseSummary | None = None,
) -> dict[str, Any]:
    moment = exported_at or datetime.now(UTC)
    if summary is None:
        summary = build_summary(pack, case, sessions, case_progress(pack, case, sessions),
                                exported_at=moment)
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": moment.astimezone(UTC).isoformat(),
        "pack": {"title": pack.title, "version": pack.version},
        "case": case.to_dict(),
        "sessions": [session.to_dict() for session in sessions],
        "summary": asdict(summary),
    }


def dumps_bundle(
    pack: ContentPack,
    case: Case,
    sessions: list[Session],
    exported_at: datetime | None = None,
    summary: CaseSummary | None = None,
) -> str:
    data = bundle_data(pack, case, sessions, exported_at, summary)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def read_bundle(path: Path) -> tuple[Case, list[Session]]:
    """Read and check a bundle file; :class:`BundleError` says in one sentence what is wrong."""
    name = str(path)
    try:
        if path.is_dir():
            raise BundleError(f"{name} is a folder, not a case bundle.")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BundleError(f"There is no file {name}.") from None
    except OSError as error:
        raise BundleError(f"Cannot read {name}: {error.strerror or error}.") from None
    if len(raw) > MAX_BYTES:
        raise BundleError(f"{name} is too large to be an srt-tui case bundle.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid(name, "it is not UTF-8 text") from None
    return loads_bundle(text, name)


def loads_bundle(text: str, name: str = "The file") -> tuple[Case, list[Session]]:
    """Check a bundle's text and build its case and sessions."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _invalid(name, f"it is not JSON (line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise _invalid(name, "it is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _invalid(name, f'it has no "format": "{FORMAT}" marker')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _invalid(name, '"version" is missing or not a whole number')
    if version > VERSION:
        raise BundleError(
            f"{name} is a version {version} case bundle from a newer srt-tui; this srt-tui reads "
            f"version {VERSION}, so update it to import this case."
        )
    if version < 1:
        raise _invalid(name, f"version {version} is unknown")
    for key, kind in (("case", dict), ("sessions", list)):
        if key not in data:
            raise _invalid(name, f'the "{key}" part is missing')
        if not isinstance(data[key], kind):
            raise _invalid(name, f'the "{key}" part has the wrong shape')
    for index, item in enumerate(data["sessions"], start=1):
        if not isinstance(item, dict):
            raise _invalid(name, f"session {index} in it is not an object")
    try:
        case = Case.from_dict(data["case"])
        sessions = [Session.from_dict(item) for item in data["sessions"]]
    except KeyError as error:
        raise _invalid(name, f"a required field {error} is missing") from None
    except (ValueError, TypeError, AttributeError) as error:
        detail = _one_line(str(error))
        what = f"a value in it is not valid ({detail})" if detail else "a value in it is not valid"
        raise _invalid(name, what) from None
    problem = _shape_problem(case, sessions)
    if problem:
        raise _invalid(name, problem)
    return case, sessions


def _shape_problem(case: Case, sessions: list[Session]) -> str | None:
    """What is wrong with records that parsed but hold values of the wrong kind, if anything."""
    texts = [case.ref, case.alias, case.state_reason, case.responsivity_notes, case.practitioner, case.id]
    if case.variant is not None:
        texts.append(case.variant)
    moments = [case.created_at]
    for session in sessions:
        if session.case_id != case.id:
            return "a session in it belongs to a different case"
        texts += [session.id, session.notes, session.reflections, session.task_set,
                  session.task_review, session.plan_next]
        moments.append(session.started_at)
        if session.ended_at is not None:
            moments.append(session.ended_at)
        for record in session.exercises:
            texts += [record.exercise_id, record.skip_reason, record.notes]
            texts += [*record.answers.keys(), *record.answers.values()]
        for amendment in session.amendments:
            texts += [amendment.field, amendment.before, amendment.after, amendment.reason, amendment.by]
            moments.append(amendment.at)
    if not all(isinstance(text, str) for text in texts):
        return "a text field holds something other than text"
    if any(moment.tzinfo is None for moment in moments):
        return "a time in it has no time zone"
    if len({session.id for session in sessions}) != len(sessions):
        return "two sessions in it have the same id"
    for session in sessions:
        try:
            session.effective()
        except ValueError:
            return "an amendment in it changes something that cannot be amended"
    return None


def _invalid(name: str, what: str) -> BundleError:
    return BundleError(f"{name} is not a valid srt-tui case bundle: {what}.")


def _one_line(text: str) -> str:
    return " ".join(text.split()).rstrip(".")[:200]


__all__ = ["FORMAT", "VERSION", "BundleError", "bundle_data", "dumps_bundle", "loads_bundle", "read_bundle"]
