"""Batch export of every case: a new folder each time, one failure never stops the others,
every failure reported, and a stop request honoured between cases."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import ExportError, write_case
from srt_tui.export.batch import export_all, new_folder
from srt_tui.records import crypto, encryption
from srt_tui.records.audit import read_events
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from tests.export.caseload_seed import CASELOAD, seed_caseload

REFS = [f"CRN-{n:03d}" for n in CASELOAD]


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    return seed_caseload(tmp_path / "data")


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv"])
def test_every_case_is_written_into_a_new_folder(
    store: RecordStore, pack: ContentPack, tmp_path: Path, fmt: str
) -> None:
    seen: list[tuple[int, int, str]] = []
    result = export_all(store, pack, fmt, tmp_path / "out", on_progress=lambda *a: seen.append(a))
    assert not result.failures and not result.cancelled
    assert sorted(p.name.split("-2026")[0] for p in result.folder.iterdir()) == [
        f"case-{ref}" for ref in REFS]
    assert all(p.suffix == f".{fmt}" and p.stat().st_size > 0 for p in result.written)
    assert [s[:2] for s in seen] == [(n, len(REFS)) for n in range(1, len(REFS) + 1)]
    assert result.summary() == f"7 cases: 7 written to {result.folder}, 0 failed"
    again = export_all(store, pack, fmt, tmp_path / "out")
    assert again.folder != result.folder and again.folder.name.endswith("-2")
    assert len(list(result.folder.iterdir())) == len(REFS)  # the first batch is untouched


def test_a_damaged_case_fails_alone_and_is_reported(store: RecordStore, pack: ContentPack, tmp_path: Path) -> None:
    (store.data_dir / "cases" / "case-004.json").write_text("[]", encoding="utf-8")
    result = export_all(store, pack, "md", tmp_path / "out")
    assert len(result.written) == 6
    assert [f.ref for f in result.failures] == ["CRN-004"]
    assert "case-004.json" in result.failures[0].message and "\n" not in str(result.failures[0])
    assert result.summary().endswith("6 written to " + str(result.folder) + ", 1 failed")


def test_a_render_error_on_one_case_does_not_stop_the_others(
    store: RecordStore, pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import srt_tui.export.batch as batch

    real = batch.render_case

    def flaky(pack, case, sessions, fmt, moment):
        if case.ref == "CRN-002":
            raise ValueError("something odd in this record")
        return real(pack, case, sessions, fmt, moment)

    monkeypatch.setattr(batch, "render_case", flaky)
    result = export_all(store, pack, "html", tmp_path / "out")
    assert len(result.written) == 6
    assert [str(f) for f in result.failures] == ["CRN-002: could not be exported (something odd in this record)"]


def test_stopping_between_cases_keeps_what_was_written(
    store: RecordStore, pack: ContentPack, tmp_path: Path
) -> None:
    seen: list[int] = []
    result = export_all(store, pack, "html", tmp_path / "out",
                        on_progress=lambda done, total, ref: seen.append(done), should_stop=lambda: len(seen) >= 3)
    assert result.cancelled and len(result.written) == 3 and result.done == 3
    assert sorted(result.folder.iterdir()) == sorted(result.written)
    assert not [p for p in result.folder.iterdir() if p.name.endswith(".tmp")]
    assert result.summary().startswith("stopped after 3 of 7 cases: 3 written to ")


def test_nothing_starts_when_the_folder_cannot_be_made(store: RecordStore, pack: ContentPack, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="Cannot make a folder"):
        export_all(store, pack, "html", blocker / "out")
    with pytest.raises(ExportError, match="Unknown export format"):
        export_all(store, pack, "docx", tmp_path)


def test_new_folder_never_reuses_one(tmp_path: Path) -> None:
    assert [new_folder(tmp_path, "cases").name for _ in range(3)] == ["cases", "cases-2", "cases-3"]


# -- rendering in worker processes, and what the batch does for speed ----------------------------

MOMENT = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_worker_processes_write_exactly_what_a_single_export_writes(
    store: RecordStore, pack: ContentPack, tmp_path: Path, fmt: str
) -> None:
    result = export_all(store, pack, fmt, tmp_path / "out", exported_at=MOMENT, workers=2)
    assert not result.failures and not result.cancelled
    assert sorted(result.folder.iterdir()) == sorted(result.written) and len(result.written) == len(REFS)
    for path in result.written:
        case = store.find_case(path.name.removeprefix("case-").split("-2026")[0])
        assert case is not None
        single = write_case(pack, case, store.sessions(case.id), fmt, tmp_path / "single", MOMENT)
        assert path.read_bytes() == single.read_bytes(), path.name


def test_worker_processes_report_progress_in_case_order_and_a_damaged_case(
    store: RecordStore, pack: ContentPack, tmp_path: Path
) -> None:
    (store.data_dir / "cases" / "case-004.json").write_text("{", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    result = export_all(store, pack, "md", tmp_path / "out", workers=2, on_progress=lambda *a: seen.append(a))
    assert seen == [(n, len(REFS), ref) for n, ref in enumerate(REFS, start=1)]
    assert [f.ref for f in result.failures] == ["CRN-004"]
    assert "case-004.json is damaged" in result.failures[0].message
    assert len(result.written) == len(REFS) - 1


def test_stopping_worker_processes_leaves_only_whole_files_each_logged(
    store: RecordStore, pack: ContentPack, tmp_path: Path
) -> None:
    for number in range(40):  # more cases than the workers are handed ahead of the writing
        store.create_case(Case(ref=f"MORE-{number:02d}", alias="A.B.", referral_date=date(2026, 1, 1)))
    seen: list[int] = []
    result = export_all(store, pack, "html", tmp_path / "out", workers=2,
                        on_progress=lambda done, total, ref: seen.append(done), should_stop=lambda: len(seen) >= 2)
    assert result.cancelled and 2 <= len(result.written) == len(seen) < result.total
    assert sorted(result.folder.iterdir()) == sorted(result.written)
    assert all(p.read_text(encoding="utf-8").rstrip().endswith("</html>") for p in result.written)
    logged = [e for e in read_events(store.data_dir).events if e["event"] == "exported"]
    assert len(logged) == len(result.written)  # every case logged was written, and no other


def test_encrypted_records_are_exported_by_worker_processes(
    store: RecordStore, pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})  # a quick key derivation
    encryption.set_passphrase(store.data_dir, "correct horse battery")
    try:
        assert b"CRN-003" not in (store.data_dir / "cases" / "case-003.json").read_bytes()
        result = export_all(RecordStore(store.data_dir), pack, "html", tmp_path / "out", workers=2)
    finally:
        crypto.forget(store.data_dir)
    assert not result.failures and len(result.written) == len(REFS)
    assert "Task for CRN-003" in next(p for p in result.written if "CRN-003" in p.name).read_text(encoding="utf-8")


def test_cases_are_rendered_here_when_the_worker_processes_break(
    store: RecordStore, pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import srt_tui.export.batch as batch

    class BrokenPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.shut = False

        def submit(self, *args: object) -> Future[object]:
            future: Future[object] = Future()
            future.set_exception(BrokenProcessPool("a worker died"))
            return future

        def shutdown(self, wait: bool, cancel_futures: bool) -> None:
            self.shut = True

    monkeypatch.setattr(batch, "ProcessPoolExecutor", BrokenPool)
    result = export_all(store, pack, "html", tmp_path / "out", workers=2)
    assert not result.failures and len(result.written) == len(REFS)


def test_a_batch_logs_every_case_and_syncs_its_folder_once_at_the_end(
    store: RecordStore, pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import srt_tui.atomic as atomic
    import srt_tui.export.batch as batch

    synced: list[tuple[Path, int]] = []

    def count(folder: Path) -> None:
        synced.append((folder, len(list(folder.iterdir()))))

    monkeypatch.setattr(atomic, "fsync_folder", count)
    monkeypatch.setattr(batch, "fsync_folder", count)
    result = export_all(store, pack, "csv", tmp_path / "out")
    assert synced == [(result.folder, len(REFS))]  # once, with every file in it
    logged = [e for e in read_events(store.data_dir).events if e["event"] == "exported"]
    assert sorted(e["case_id"] for e in logged) == sorted(f"case-{n:03d}" for n in CASELOAD)
    assert all(e["format"] == "csv" and e["batch"] is True for e in logged)


def test_the_pool_is_used_only_for_a_caseload_worth_it() -> None:
    from srt_tui.export.batch import MAX_WORKERS, POOL_FROM, _worker_count

    assert _worker_count(None, POOL_FROM - 1) == 0
    assert 0 <= _worker_count(None, POOL_FROM) <= MAX_WORKERS
    assert _worker_count(0, 1000) == 0 and _worker_count(3, 1) == 3


def test_a_case_that_cannot_be_logged_is_not_written(
    store: RecordStore, pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import srt_tui.export.batch as batch
    from srt_tui.records.storage import RecordError

    def full(data_dir: Path, event: str, entries: list[dict[str, object]]) -> None:
        if any(entry["case_id"] == "case-003" for entry in entries):
            raise RecordError("Could not write to the audit log: No space left on device.")

    monkeypatch.setattr(batch, "record_events", full)
    result = export_all(store, pack, "html", tmp_path / "out")
    assert [str(f) for f in result.failures] == ["CRN-003: Could not write to the audit log: No space left on device."]
    assert len(result.written) == len(REFS) - 1 and not any("CRN-003" in p.name for p in result.folder.iterdir())
