"""The audit log: one line per thing that happened to the records, never rewritten.

``data_dir/audit.log`` holds JSON lines such as::

    {"at": "2026-11-02T10:00:00+00:00", "event": "session_ended", "user": "sam", "host": "laptop-7",
     "case_id": "3f2a...", "session_id": "9c1b..."}

Each line is written and fsynced with its call (:func:`srt_tui.atomic.append_lines`); nothing in
the app edits or shortens the file. Events name cases and sessions by their random ids, never
by reference, alias or anything typed, so the log says what happened without repeating the
records (and says nothing about a case once it has been deleted).

The store logs its own events after each change is saved. Exports happen outside the store:
the export entry point calls :func:`record_event` with ``"exported"``.
"""

from __future__ import annotations

import getpass
import json
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srt_tui.atomic import append_lines
from srt_tui.records.storage import RecordError, os_reason

AUDIT_NAME = "audit.log"

EVENTS = frozenset({
    "case_created", "case_updated", "case_imported", "case_deleted", "case_restored",
    "session_started", "session_ended", "session_amended", "exported",
})


def record_event(data_dir: Path, event: str, **fields: Any) -> None:
    """Append ``event`` with ``fields`` (JSON values: ids, counts, formats) to the audit log.

    Raises :class:`RecordError` (one sentence) if the line cannot be written.
    """
    record_events(data_dir, event, [fields])


def record_events(data_dir: Path, event: str, entries: list[dict[str, Any]]) -> None:
    """Append one ``event`` line per item of ``entries`` (its fields) with one write and one
    fsync: a batch export logs the cases it is about to write together."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    at, user, host = datetime.now(UTC).isoformat(), current_user(), platform.node()
    lines = [json.dumps({"at": at, "event": event, "user": user, "host": host, **fields}, ensure_ascii=True)
             for fields in entries]
    path = Path(data_dir) / AUDIT_NAME
    try:
        append_lines(path, lines)
    except OSError as error:
        raise RecordError(f"Could not write to the audit log {path}: {os_reason(error)}.") from None


@dataclass
class AuditLog:
    events: list[dict[str, Any]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)  # 1-based numbers of lines not understood


def read_events(data_dir: Path) -> AuditLog:
    """Every event in the log, oldest first; lines that are not an event are counted, not fatal."""
    log = AuditLog()
    try:
        raw = (Path(data_dir) / AUDIT_NAME).read_bytes()
    except FileNotFoundError:
        return log
    except OSError as error:
        raise RecordError(f"Cannot read the audit log in {data_dir}: {os_reason(error)}.") from None
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            entry = None
        if isinstance(entry, dict) and isinstance(entry.get("event"), str):
            log.events.append(entry)
        else:
            log.bad_lines.append(number)
    return log


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (e.g. a service account)
        return ""
