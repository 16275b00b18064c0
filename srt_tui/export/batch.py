"""Export every case in one go, into a new folder, with progress and a way to stop.

A case that cannot be exported (a damaged records file, a disk error, anything else) is
recorded as a failure and the batch goes on with the next case; every failure is in the
result, one line each. Stopping is checked between cases, so the file being written is
always finished, never left half written. Each batch writes into a folder of its own,
``cases-<YYYY-MM-DD>`` (``-2``, ``-3``... when taken), so no earlier export is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from srt_tui.export import ExportError, check_format, one_line, write_case
from srt_tui.records.audit import record_event
from srt_tui.export.jobs import OnProgress, ShouldStop, ignore, never
from srt_tui.records.storage import RecordError

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.store import RecordStore


@dataclass(frozen=True)
class Failure:
    ref: str  # the case reference, or "" when the case could not even be listed
    message: str

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}" if self.ref else self.message


@dataclass
class BatchResult:
    folder: Path
    total: int
    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def done(self) -> int:
        """Cases dealt with, written or failed."""
        return len(self.written) + len([f for f in self.failures if f.ref])

    def summary(self) -> str:
        """One line: what was written, what failed, whether it was stopped."""
        head = f"stopped after {self.done} of {self.total} cases" if self.cancelled else (
            f"{self.total} case{'s' if self.total != 1 else ''}"
        )
        return (
            f"{head}: {len(self.written)} written to {self.folder}, "
            f"{len(self.failures)} failed"
        )


def new_folder(parent: Path, name: str) -> Path:
    """Create and return ``parent/name`` (or ``name-2``, ``name-3``...): always a new folder."""
    parent.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        folder = parent / (name if number == 1 else f"{name}-{number}")
        try:
            folder.mkdir()
        except FileExistsError:
            number += 1
            continue
        return folder


def export_all(
    store: RecordStore,
    pack: ContentPack,
    fmt: str,
    out_dir: Path,
    *,
    on_progress: OnProgress = ignore,
    should_stop: ShouldStop = never,
    exported_at: datetime | None = None,
) -> BatchResult:
    """Write every case as ``fmt`` into a new folder under ``out_dir``.

    Raises :class:`ExportError` only when nothing can start (unknown format, the records
    cannot be listed, the folder cannot be made); after that, problems become failures.
    """
    check_format(fmt)
    moment = exported_at or datetime.now(UTC)
    try:
        cases = store.list_cases()
    except RecordError as error:
        raise ExportError(one_line(str(error))) from None
    unreadable = [Failure("", one_line(problem)) for problem in store.problems]
    try:
        folder = new_folder(Path(out_dir), f"cases-{moment.astimezone().date().isoformat()}")
    except OSError as error:
        raise ExportError(
            f"Cannot make a folder in {one_line(str(out_dir))}: {one_line(error.strerror or str(error))}."
        ) from None
    result = BatchResult(folder=folder, total=len(cases), failures=unreadable)
    for number, listed in enumerate(cases, start=1):
        if should_stop():
            result.cancelled = True
            break
        try:
            case = store.get_case(listed.id)
            sessions = store.sessions(case.id)
            record_event(store.data_dir, "exported", case_id=case.id, format=fmt, batch=True)
            result.written.append(write_case(pack, case, sessions, fmt, folder, moment))
        except (ExportError, RecordError, OSError) as error:
            result.failures.append(Failure(one_line(listed.ref), one_line(str(error))))
        except Exception as error:  # noqa: BLE001 - one odd case must not stop the batch
            detail = one_line(str(error)) or type(error).__name__
            result.failures.append(Failure(one_line(listed.ref), f"could not be exported ({detail})"))
        on_progress(number, len(cases), one_line(listed.ref))
    return result


__all__ = ["BatchResult", "Failure", "export_all", "new_folder"]
