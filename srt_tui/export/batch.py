"""Export every case in one go, into a new folder, with progress and a way to stop.

A case that cannot be exported (a damaged records file, a disk error, anything else) is
recorded as a failure and the batch goes on with the next case; every failure is in the
result, one line each. Each batch writes into a folder of its own, ``cases-<YYYY-MM-DD>``
(``-2``, ``-3``... when taken), so no earlier export is touched.

How an office's thousand cases take seconds (figures in ``docs/performance.md``):

* **Rendering in worker processes.** Decoding a case file, building its summary and
  rendering it is CPU work; with enough cases to pay for starting them (:data:`POOL_FROM`)
  it runs in a pool of processes, one per core (at most :data:`MAX_WORKERS`). This process
  reads each case file, opening it with the records' key when they are encrypted, so the key
  never leaves it: workers get plain bytes and send back the file's bytes. It logs and
  writes every file itself (from a thread of its own meanwhile, see :class:`_Writer`), in
  case order, so names, progress and the audit log stay in order and in one place. The
  pool is started with "spawn" on every system (Windows has nothing else, and forking a
  process that runs threads, as the app does, is unsafe); workers ignore Ctrl+C (in the
  shell it is this process's stop request) and print nothing on the terminal. If the pool
  cannot start or breaks, the cases still to do are rendered here.
* **One fsync for the audit log per group.** The "exported" lines of the cases rendered
  and waiting to be written go to the audit log in one write and one fsync, before any of
  their files is written: a case is never written without being logged.
* **One fsync of the folder per batch.** Each file goes to a temporary file, is fsynced,
  and is renamed to its new name (:func:`srt_tui.atomic.write_new_file`), so a file under
  its final name is always complete; the folder itself is fsynced once, at the end, before
  the batch reports. A crash before that can only lose names in this batch's new folder,
  which nothing else uses and whose export was never reported done: never a half-written
  file under a final name, never anything outside it.

Stopping is checked before each group (one case at a time when rendering here, a few when
workers render): every case logged is written, and the file being written is finished.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from queue import SimpleQueue
from typing import TYPE_CHECKING

from srt_tui.atomic import fsync_folder
from srt_tui.export import FORMATS, ExportError, check_format, one_line, render_case, write_export
from srt_tui.export.filenames import export_stem
from srt_tui.export.jobs import OnProgress, ShouldStop, ignore, never
from srt_tui.records.audit import record_events
from srt_tui.records.casefile import case_from_bytes
from srt_tui.records.storage import RecordError, os_reason

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack
    from srt_tui.records.casefile import CaseSummary
    from srt_tui.records.store import RecordStore

POOL_FROM = 48  # cases: fewer are exported sooner here than by starting worker processes
MAX_WORKERS = 4
IN_FLIGHT = 4  # cases handed to each worker ahead of the one being written


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
    workers: int | None = None,
) -> BatchResult:
    """Write every case as ``fmt`` into a new folder under ``out_dir``.

    ``workers``: processes to render in (0: here); by default one per core when there are
    :data:`POOL_FROM` cases or more. Raises :class:`ExportError` only when nothing can start
    (unknown format, the records cannot be listed, the folder cannot be made); after that,
    problems become failures.
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
    renderer = _Renderer(pack, fmt, moment, _worker_count(workers, len(cases)))
    try:
        _export(store, cases, renderer, result, on_progress, should_stop)
    finally:
        renderer.close()
        _sync(result)
    return result


# -- rendering: here or in worker processes ---------------------------------------------------


@dataclass(frozen=True)
class _Rendered:
    """A case rendered (``data`` and the file's ``stem``), or why it could not be."""

    data: bytes | None
    stem: str = ""
    problem: str = ""


@dataclass
class _Job:
    number: int  # the case's place in the list, from 1
    listed: CaseSummary
    path: Path
    plain: bytes  # the case file's bytes, opened
    future: Future[_Rendered] | None = None
    rendered: _Rendered | None = None


def _render(pack: ContentPack, path: Path, plain: bytes, case_id: str, fmt: str, moment: datetime) -> _Rendered:
    """One case file's export. Never raises: an exception may not cross back from a worker
    (one with its own constructor arguments cannot be unpickled), so failures come back as
    their one-line message."""
    try:
        case, sessions = case_from_bytes(plain, path, case_id)
        data = render_case(pack, case, sessions, fmt, moment)
        return _Rendered(data, export_stem(case.ref, moment.astimezone().date()))
    except (ExportError, RecordError) as error:
        return _Rendered(None, problem=one_line(str(error)))
    except Exception as error:  # noqa: BLE001 - one odd case must not stop the batch
        detail = one_line(str(error)) or type(error).__name__
        return _Rendered(None, problem=f"could not be exported ({detail})")


_worker_pack: ContentPack | None = None  # the pack a worker process renders with


def _start_worker(pack: ContentPack) -> None:
    global _worker_pack
    _worker_pack = pack
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    quiet = os.open(os.devnull, os.O_WRONLY)  # a worker's output would break the app's screen
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)


def _ready() -> None:
    """A first task for each worker, so that all of them start at once (see _sigint_ignored)."""


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl+C ignored for a moment, in which worker processes are started: they inherit it,
    so a Ctrl+C pressed while they start up cannot interrupt one with a traceback on the
    terminal before ``_start_worker`` has run. Only where a process can set its signal
    handling (the main thread) and where children inherit it (POSIX)."""
    if os.name != "posix" or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _render_in_worker(path: Path, plain: bytes, case_id: str, fmt: str, moment: datetime) -> _Rendered:
    assert _worker_pack is not None, "started by _start_worker"
    return _render(_worker_pack, path, plain, case_id, fmt, moment)


class _Renderer:
    """Renders jobs in a pool of worker processes, or here when there is none (or it broke)."""

    def __init__(self, pack: ContentPack, fmt: str, moment: datetime, workers: int) -> None:
        self.pack, self.fmt, self.moment = pack, fmt, moment
        self.in_flight = IN_FLIGHT * workers if workers else 1
        self.pool: ProcessPoolExecutor | None = None
        if workers:
            self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                            initializer=_start_worker, initargs=(pack,))
            with _sigint_ignored():  # the workers start now, and ignore Ctrl+C from their start
                try:
                    for _ in range(workers):
                        self.pool.submit(_ready)
                except (BrokenProcessPool, OSError, RuntimeError):
                    self._drop_pool()

    def submit(self, job: _Job) -> None:
        if self.pool is not None:
            try:
                job.future = self.pool.submit(_render_in_worker, job.path, job.plain, job.listed.id,
                                              self.fmt, self.moment)
                return
            except (BrokenProcessPool, OSError, RuntimeError):
                self._drop_pool()
        job.rendered = self._here(job)

    def ready(self, job: _Job) -> bool:
        return job.rendered is not None or (job.future is not None and job.future.done())

    def result(self, job: _Job) -> _Rendered:
        if job.rendered is None:
            assert job.future is not None
            try:
                job.rendered = job.future.result()
            except (BrokenProcessPool, OSError, RuntimeError):  # a worker died or never started
                self._drop_pool()
                job.rendered = self._here(job)
        return job.rendered

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _here(self, job: _Job) -> _Rendered:
        return _render(self.pack, job.path, job.plain, job.listed.id, self.fmt, self.moment)

    def _drop_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def _worker_count(requested: int | None, cases: int) -> int:
    if requested is not None:
        return max(0, requested)
    if cases < POOL_FROM:
        return 0
    affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use (Linux)
    cores = len(affinity(0)) if affinity else (os.cpu_count() or 1)
    return min(cores, MAX_WORKERS) if cores > 1 else 0


# -- the batch ---------------------------------------------------------------------------------


def _export(
    store: RecordStore,
    cases: list[CaseSummary],
    renderer: _Renderer,
    result: BatchResult,
    on_progress: OnProgress,
    should_stop: ShouldStop,
) -> None:
    remaining = deque(enumerate(cases, start=1))
    queue: deque[_Job] = deque()  # in case order
    writer = _Writer(store, result, renderer.fmt, on_progress, threaded=renderer.pool is not None)
    try:
        while remaining or queue:
            if should_stop():
                result.cancelled = True
                return
            while remaining and len(queue) < renderer.in_flight:
                number, listed = remaining.popleft()
                queue.append(_submit(store, renderer, number, listed))
            group = [queue.popleft()]
            while queue and renderer.ready(queue[0]):
                group.append(queue.popleft())
            writer.add([(job, renderer.result(job)) for job in group])
            writer.report(keep=renderer.in_flight)  # a stop is never far behind what is written
    finally:
        writer.close()  # every case handed to the writer is logged and written, whatever happens


def _submit(store: RecordStore, renderer: _Renderer, number: int, listed: CaseSummary) -> _Job:
    try:
        path, plain = store.read_case_file(listed.id)
    except RecordError as error:
        return _Job(number, listed, Path(), b"", rendered=_Rendered(None, problem=one_line(str(error))))
    job = _Job(number, listed, path, plain)
    renderer.submit(job)
    return job


_Written = Path | ExportError  # a file written, or why a case was not


class _Writer:
    """Logs rendered cases in the audit log and writes their files, in case order, and
    reports each case (written or failed) in order, from the thread that runs the batch.

    With worker processes rendering, this is done by a thread of its own, which takes every
    case waiting when it gets to them: one audit write and fsync for all of them, then each
    file. Its fsyncs then overlap with reading the next cases (this process was otherwise the
    slowest part of the batch). Rendering here, each case is logged and written before the
    next one starts, so stopping takes effect at the very next case.
    """

    def __init__(self, store: RecordStore, result: BatchResult, fmt: str, on_progress: OnProgress, *,
                 threaded: bool) -> None:
        self.store, self.result, self.fmt, self.on_progress = store, result, fmt, on_progress
        self.pending: deque[tuple[list[_Job], Future[list[_Written]]]] = deque()
        self.inbox: SimpleQueue[tuple[list[tuple[_Job, _Rendered]], Future[list[_Written]]] | None] = SimpleQueue()
        self.thread: threading.Thread | None = None
        if threaded:
            self.thread = threading.Thread(target=self._run, name="export-writer", daemon=True)
            self.thread.start()

    def add(self, rendered: list[tuple[_Job, _Rendered]]) -> None:
        done: Future[list[_Written]] = Future()
        self.pending.append(([job for job, _ in rendered], done))
        if self.thread is not None:
            self.inbox.put((rendered, done))
            return
        done.set_result(self._log_and_write(rendered))

    def report(self, keep: int) -> None:
        """Report the cases dealt with so far, in order, after waiting until no more than
        ``keep`` are still to be written."""
        while self.pending and (self.pending[0][1].done() or sum(len(jobs) for jobs, _ in self.pending) > keep):
            jobs, done = self.pending.popleft()
            for job, outcome in zip(jobs, done.result(), strict=True):
                ref = one_line(job.listed.ref)
                if isinstance(outcome, ExportError):
                    self.result.failures.append(Failure(ref, one_line(str(outcome))))
                else:
                    self.result.written.append(outcome)
                self.on_progress(job.number, self.result.total, ref)

    def close(self) -> None:
        if self.thread is not None:
            self.inbox.put(None)  # after everything added: the thread ends once it is done
        try:
            self.report(keep=0)
        finally:
            if self.thread is not None:
                self.thread.join()

    def _run(self) -> None:
        finished = False
        while not finished:
            batch = [self.inbox.get()]
            while not self.inbox.empty():
                batch.append(self.inbox.get())
            finished = None in batch
            waiting = [item for item in batch if item is not None]
            if not waiting:
                continue
            try:
                outcomes = self._log_and_write([case for rendered, _ in waiting for case in rendered])
            except BaseException as error:  # a bug: the batch's thread re-raises it  # noqa: BLE001
                for _, done in waiting:
                    done.set_exception(error)
                continue
            for rendered, done in waiting:
                done.set_result(outcomes[:len(rendered)])
                outcomes = outcomes[len(rendered):]

    def _log_and_write(self, rendered: list[tuple[_Job, _Rendered]]) -> list[_Written]:
        """Log the rendered cases (one write, one fsync), then write each file."""
        try:
            record_events(self.store.data_dir, "exported", [
                {"case_id": job.listed.id, "format": self.fmt, "batch": True}
                for job, done in rendered if done.data is not None
            ])
            not_logged = ""
        except RecordError as error:
            not_logged = one_line(str(error))
        outcomes: list[_Written] = []
        for _, done in rendered:
            if done.data is None or not_logged:
                outcomes.append(ExportError(done.problem or not_logged))
                continue
            try:
                outcomes.append(write_export(self.result.folder, done.stem, FORMATS[self.fmt], done.data,
                                             sync_folder=False))
            except ExportError as error:
                outcomes.append(error)
        return outcomes


def _sync(result: BatchResult) -> None:
    """Make the names of the files written durable, before the batch says it is done."""
    try:
        fsync_folder(result.folder)
    except OSError as error:
        result.failures.append(Failure("", f"The folder {result.folder} could not be saved to disk "
                                           f"({os_reason(error)}): check that its files are all there."))


__all__ = ["MAX_WORKERS", "POOL_FROM", "BatchResult", "Failure", "export_all", "new_folder"]
