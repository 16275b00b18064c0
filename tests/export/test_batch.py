"""Batch export of every case: a new folder each time, one failure never stops the others,
every failure reported, and a stop request honoured between cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import ExportError
from srt_tui.export.batch import export_all, new_folder
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

    real = batch.write_case

    def flaky(pack, case, sessions, fmt, folder, moment):
        if case.ref == "CRN-002":
            raise ValueError("something odd in this record")
        return real(pack, case, sessions, fmt, folder, moment)

    monkeypatch.setattr(batch, "write_case", flaky)
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
