"""Crashes, damaged files and a broken index: nothing typed may be lost."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records.model import Case, CaseState, ExerciseRecord, Outcome
from srt_tui.records.store import RecordError, RecordStore


def new_case(ref: str, **kwargs: object) -> Case:
    return Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5), **kwargs)  # type: ignore[arg-type]


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def seeded(data: Path) -> tuple[RecordStore, list[Case]]:
    store = RecordStore(data)
    cases = [
        store.create_case(new_case("A1", state=CaseState.ACTIVE)),
        store.create_case(new_case("B2/x")),
        store.create_case(new_case("C3")),
    ]
    store.start_session(cases[0].id)
    return store, cases


@pytest.mark.parametrize("crash", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_crash_while_saving_leaves_the_previous_file_intact(
    data: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException
) -> None:
    store = RecordStore(data)
    case = store.create_case(new_case("X1"))
    session = store.start_session(case.id)
    session.notes = "Typed before the crash."
    store.save_session(session)
    case_file = data / "cases" / f"{case.id}.json"
    before = case_file.read_bytes()

    def crash_mid_write(source: str, target: str) -> None:
        assert Path(source).read_bytes()  # the new content was fully written to the temporary file
        raise crash

    monkeypatch.setattr(os, "replace", crash_mid_write)
    session.notes = "Lost in the crash."
    expected = RecordError if isinstance(crash, OSError) else type(crash)
    with pytest.raises(expected) as caught:
        store.save_session(session)
    monkeypatch.undo()

    if isinstance(crash, OSError):
        assert str(case_file) in str(caught.value) and "No space left" in str(caught.value)
    assert case_file.read_bytes() == before
    assert temp_files(data) == []
    reopened = RecordStore(data)
    assert reopened.get_session(case.id, session.id).notes == "Typed before the crash."


def test_a_crash_before_the_index_is_written_loses_no_case(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, cases = seeded(data)
    real_replace = os.replace

    def index_write_fails(source: str, target: str) -> None:
        if Path(target).name == "index.json":
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", index_write_fails)
    late = store.create_case(new_case("D4"))  # the case file is saved; the index is not
    renamed = store.get_case(cases[1].id)
    renamed.ref = "B2-renamed"
    store.update_case(renamed)
    session = store.start_session(cases[2].id)
    assert any("Input/output error" in problem for problem in store.problems)
    assert temp_files(data) == []
    monkeypatch.undo()

    reopened = RecordStore(data)
    listed = {s.ref: s for s in reopened.list_cases()}
    assert sorted(listed) == ["A1", "B2-renamed", "C3", "D4"]
    assert listed["C3"].last_session == session.date
    assert reopened.get_case(late.id) == late
    assert not (data / "index.stale").exists()
    with pytest.raises(RecordError, match="already exists"):
        reopened.create_case(new_case("b2-RENAMED"))


def test_a_damaged_case_file_is_reported_by_name_and_never_overwritten(data: Path) -> None:
    store, cases = seeded(data)
    broken = cases[0]
    path = data / "cases" / f"{broken.id}.json"
    damaged = path.read_bytes()[:40]  # e.g. a sync tool cut it short
    path.write_bytes(damaged)

    reopened = RecordStore(data)
    for attempt in (
        lambda: reopened.get_case(broken.id),
        lambda: reopened.sessions(broken.id),
        lambda: reopened.start_session(broken.id),
        lambda: reopened.update_case(broken),
        lambda: reopened.amend_session(broken.id, "s", "notes", "x", "why"),
    ):
        with pytest.raises(RecordError) as caught:
            attempt()
        message = str(caught.value)
        assert str(path) in message and "damaged" in message
        assert "\n" not in message and "Traceback" not in message
    assert path.read_bytes() == damaged
    assert [s.ref for s in reopened.list_cases()] == ["A1", "B2/x", "C3"]  # the index still lists it
    assert reopened.get_case(cases[1].id) == cases[1]  # the others are unaffected


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe not utf-8", b"[1, 2, 3]", b'{"case": [1]}', b'{"case": {"1": {"ref": "X"}}}',
     b'{"case": {}, "sessions": {}}'],
)
def test_every_kind_of_damage_is_a_record_error(data: Path, content: bytes) -> None:
    store, cases = seeded(data)
    path = data / "cases" / f"{cases[2].id}.json"
    path.write_bytes(content)
    with pytest.raises(RecordError, match="damaged"):
        RecordStore(data).get_case(cases[2].id)
    assert path.read_bytes() == content


def test_save_to_a_damaged_file_is_refused(data: Path) -> None:
    store = RecordStore(data)
    case = store.create_case(new_case("X1"))
    session = store.start_session(case.id)
    path = data / "cases" / f"{case.id}.json"
    path.write_text('{"case": {"1": ', encoding="utf-8")
    session.notes = "Would overwrite"
    with pytest.raises(RecordError, match="damaged"):
        store.save_session(session)
    with pytest.raises(RecordError, match="damaged"):
        store.end_session(session)
    assert path.read_text(encoding="utf-8") == '{"case": {"1": '


def test_a_deleted_index_is_rebuilt_from_the_case_files(data: Path) -> None:
    store, _cases = seeded(data)
    listed = store.list_cases()
    (data / "index.json").unlink()
    reopened = RecordStore(data)
    assert reopened.list_cases() == listed
    assert (data / "index.json").exists()
    assert reopened.find_case("b2/X") is not None
    with pytest.raises(RecordError, match="already exists"):
        reopened.create_case(new_case("a1"))


def test_a_damaged_index_is_kept_aside_and_rebuilt(data: Path) -> None:
    store, _cases = seeded(data)
    listed = store.list_cases()
    (data / "index.json").write_bytes(b"{ not json")
    reopened = RecordStore(data)
    assert reopened.list_cases() == listed
    kept = list(data.glob("index.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"{ not json"
    assert any("index" in problem for problem in reopened.problems)
    assert json.loads((data / "index.json").read_text())  # a good index again


def test_the_index_follows_case_files_added_or_removed_behind_its_back(data: Path) -> None:
    store, cases = seeded(data)
    gone = data / "cases" / f"{cases[2].id}.json"
    gone.unlink()
    other = RecordStore(data.parent / "elsewhere")
    stray = other.create_case(new_case("Z9"))
    (data / "cases" / f"{stray.id}.json").write_bytes(
        (data.parent / "elsewhere" / "cases" / f"{stray.id}.json").read_bytes()
    )
    assert [s.ref for s in RecordStore(data).list_cases()] == ["A1", "B2/x", "Z9"]


def test_a_stale_marker_makes_the_index_rebuild(data: Path) -> None:
    store, cases = seeded(data)
    index = json.loads((data / "index.json").read_text())
    for row in index["cases"].values():
        row["ref"] = "WRONG-" + row["ref"]
    (data / "index.json").write_text(json.dumps(index))
    (data / "index.stale").write_text("")
    assert [s.ref for s in RecordStore(data).list_cases()] == ["A1", "B2/x", "C3"]
    assert not (data / "index.stale").exists()


def test_an_unreadable_case_file_is_reported_when_rebuilding(data: Path) -> None:
    store, cases = seeded(data)
    broken = data / "cases" / f"{cases[1].id}.json"
    broken.write_bytes(b"garbage")
    (data / "index.json").unlink()
    reopened = RecordStore(data)
    assert [s.ref for s in reopened.list_cases()] == ["A1", "C3"]
    assert any(str(broken) in problem for problem in reopened.problems)
    assert broken.read_bytes() == b"garbage"


def test_saves_never_touch_the_index_or_other_cases(data: Path) -> None:
    store, cases = seeded(data)
    session = store.open_session(cases[0].id)
    assert session is not None
    others = {p: p.read_bytes() for p in data.rglob("*.json") if cases[0].id not in p.name}
    session.exercises.append(ExerciseRecord("F01", Outcome.COMPLETED))
    store.save_session(session)
    assert {p: p.read_bytes() for p in others} == others
