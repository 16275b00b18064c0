"""A backup made by a process of its own, for records too large to check and zip in the app's.

At an office's caseload, checking, hashing and zipping the records is about a second of
pure-Python work. In a thread of the app it holds the interpreter the screens need (typing
in the case list stutters while it runs); in its own process it runs on another core.

The app stages the files as always (:func:`srt_tui.records.backup.read_records`, under the
store's lock, so they are the records as they were at one moment), then this module hands
the staging folder to a new Python process, which checks, zips and rotates exactly as
:func:`srt_tui.records.backup.zip_staged` does in the app, holding the backups folder's lock
(one backup at a time, across processes), and removes the staging folder. The app's thread
waits for it and gets the same :class:`BackupResult`, or :class:`RecordError` with the same
sentence. A backup process that is killed leaves what an app killed while backing up leaves:
no backup under its name, only a temporary file (cleared when the app next opens the records)
and the staging folder (removed by the app as the process ends, or by the next backup).

Only plain records are backed up this way: the key of encrypted records never leaves the
app's process. Where no process can be started (a frozen build, a refused start) the app
makes the backup itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import srt_tui
from srt_tui.records.backup import (
    Backup,
    BackupResult,
    StagedRecords,
    backups_dir,
    zip_staged,
)
from srt_tui.records.storage import RecordError

_RUN = "from srt_tui.records.backup_process import main; raise SystemExit(main())"
# On Windows: no console window, and below the app in the scheduler's eyes.
_BACKGROUND = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)


def make_backup_elsewhere(data_dir: Path, reason: str, staged: StagedRecords, keep: int) -> BackupResult | None:
    """Back ``staged`` up in a new process and wait for it; None if no process could be started
    (the caller then makes the backup itself). The caller removes the staging folder."""
    if getattr(sys, "frozen", False):
        return None  # sys.executable is the app itself, not a Python that runs -c
    job = {"data_dir": str(data_dir), "reason": reason, "keep": keep, "folder": str(staged.folder),
           "files": {member: str(path) for member, path in staged.paths.items()}}
    try:
        done = subprocess.run(_command(), input=json.dumps(job), capture_output=True, text=True,
                              encoding="utf-8", creationflags=_BACKGROUND, check=False)
    except OSError:
        return None
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}
    except ValueError:
        answer = {}
    answer = answer if isinstance(answer, dict) else {}
    if done.returncode == 0 and "backup" in answer:
        return _result(answer)
    if isinstance(answer.get("error"), str):
        raise RecordError(answer["error"])
    raise RecordError(f"Could not make a backup in {backups_dir(data_dir)}: the backup process "
                      f"ended without finishing (exit code {done.returncode}).")


def main() -> int:
    """The backup process: the job on stdin (JSON), the result on stdout (one JSON line)."""
    job = json.loads(sys.stdin.read())
    _lower_priority()
    staged = StagedRecords(Path(job["folder"]), {member: Path(path) for member, path in job["files"].items()})
    try:
        result = zip_staged(Path(job["data_dir"]), job["reason"], staged, job["keep"])
        answer: dict[str, Any] = _answer(result)
        code = 0
    except RecordError as error:
        answer, code = {"error": str(error)}, 1
    finally:
        staged.discard()  # the app may be gone: it would have removed it
    try:
        print(json.dumps(answer), flush=True)
    except (BrokenPipeError, OSError):
        pass  # the app is gone; the backup is made all the same
    return code


def _command() -> list[str]:
    """Python running :func:`main`, importing the same srt_tui as this process."""
    root = str(Path(srt_tui.__file__).resolve().parent.parent)
    boot = f"import sys\nif {root!r} not in sys.path: sys.path.insert(0, {root!r})\n{_RUN}"
    return [sys.executable, "-c", boot]


def _lower_priority() -> None:
    """The app's screens come first when the cores are busy (POSIX; see _BACKGROUND for Windows)."""
    if hasattr(os, "nice"):
        try:
            os.nice(5)
        except OSError:
            pass


def _answer(result: BackupResult) -> dict[str, Any]:
    backup = result.backup
    return {"backup": {"path": str(backup.path), "made_at": backup.made_at.isoformat(), "reason": backup.reason},
            "skipped": result.skipped, "removed": [str(path) for path in result.removed],
            "unchanged": result.unchanged}


def _result(answer: dict[str, Any]) -> BackupResult:
    made = answer["backup"]
    return BackupResult(Backup(Path(made["path"]), datetime.fromisoformat(made["made_at"]), made["reason"]),
                        skipped=list(answer["skipped"]), removed=[Path(p) for p in answer["removed"]],
                        unchanged=bool(answer["unchanged"]))
