"""A full disk and a folder that cannot be written: one plain sentence, nothing saved is lost.

The store's tests make ``os.write`` or ``os.fsync`` fail with ENOSPC, as a full disk does.
The app's test does it while the practitioner types: the typing stays in the editor, the
screen says why it was not saved, and the retry saves it once there is room again.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import TextArea

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.records import backup as backups
from srt_tui.records.audit import read_events
from srt_tui.records.model import Case
from srt_tui.records.store import RecordError, RecordStore
from srt_tui.screens import session as session_screen
from tests.screens.helpers import open_session, pick, settle
from tests.screens.seed import seeded_store


def full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.startswith("srt-tui.lock")}


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="A1", alias="J.B.", referral_date=date(2026, 1, 5)))
    session = store.start_session(case.id)
    session.notes = "Saved before the disk filled."
    store.save_session(session)
    return store


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_refuses_every_change_in_one_sentence_and_keeps_what_was_saved(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    [summary] = store.list_cases()
    session = store.open_session(summary.id)
    assert session is not None
    before = snapshot(store.data_dir)
    changes: list[Callable[[], object]] = [
        lambda: store.save_session(_with_notes(session, "Typed while the disk was full.")),
        lambda: store.end_session(session),
        lambda: store.create_case(Case(ref="B2", alias="K.L.", referral_date=date(2026, 1, 5))),
        lambda: store.update_case(store.get_case(summary.id)),
    ]
    for change in changes:
        monkeypatch.setattr(os, call, full)
        with pytest.raises(RecordError) as caught:
            change()
        monkeypatch.undo()
        message = str(caught.value)
        assert "No space left on device" in message
        assert message.count("\n") == 0 and message.endswith(".")
        assert "was not changed" in message or "Nothing was changed" in message
    assert snapshot(store.data_dir) == before
    assert not [p for p in store.data_dir.rglob("*.tmp")]
    reopened = RecordStore(store.data_dir)
    assert reopened.open_session(summary.id).notes == "Saved before the disk filled."  # type: ignore[union-attr]
    assert [s.ref for s in reopened.list_cases()] == ["A1"]


def test_a_full_disk_during_the_audit_line_keeps_the_saved_change(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = len(read_events(store.data_dir).events)
    real_open = os.open

    def audit_full(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("audit.log"):
            full()
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", audit_full)
    created = store.create_case(Case(ref="B2", alias="K.L.", referral_date=date(2026, 1, 5)))
    monkeypatch.undo()
    assert RecordStore(store.data_dir).get_case(created.id) == created  # saved: it cannot be undone
    assert any("audit log" in p and "No space left" in p for p in store.problems)
    assert len(read_events(store.data_dir).events) == events


def test_a_backup_that_does_not_fit_fails_alone_and_the_session_stays_ended(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    [summary] = store.list_cases()
    session = store.open_session(summary.id)
    assert session is not None
    monkeypatch.setattr(backups, "atomic_writer", full)
    ended = store.end_session(session)  # makes no backup: the app backs up after, in a worker
    with pytest.raises(RecordError, match=r"^Could not make a backup in .*: No space left on device\.$"):
        store.backup("session-ended")  # what the worker shows (tests/screens/test_backup_after_session.py)
    monkeypatch.undo()
    assert RecordStore(store.data_dir).get_session(summary.id, ended.id).ended
    assert backups.list_backups(store.data_dir) == []


def test_an_unwritable_records_folder_is_one_sentence_and_loses_nothing(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    [summary] = store.list_cases()
    session = store.open_session(summary.id)
    assert session is not None
    cases = store.data_dir / "cases"
    before = snapshot(store.data_dir)
    cases.chmod(0o500)
    try:
        if os.access(cases, os.W_OK):  # running as root: permissions do not stop us, so refuse as the OS would
            real_mkstemp = tempfile.mkstemp

            def denied(*args: object, dir: object = None, **kwargs: object):  # noqa: A002
                if dir is not None and Path(str(dir)) == cases:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload]

            monkeypatch.setattr(tempfile, "mkstemp", denied)
        with pytest.raises(RecordError) as caught:
            store.save_session(_with_notes(session, "Cannot be written here."))
    finally:
        cases.chmod(0o700)
        monkeypatch.undo()
    assert str(caught.value) == (
        f"Could not save to {cases / (summary.id + '.json')}: Permission denied. The file was not changed."
    )
    assert snapshot(store.data_dir) == before


async def test_the_app_keeps_the_typing_says_why_and_saves_it_when_there_is_room(
    tmp_path: Path, pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_screen, "RETRY_DELAY", 0.3)
    app = SrtApp(seeded_store(tmp_path / "data"), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_session(pilot, "case-second")
        panel = await pick(pilot, "F01")
        monkeypatch.setattr(os, "fsync", full)
        await pilot.press("f5", *"typed on a full disk")
        await pilot.pause(session_screen.SAVE_DELAY + 0.2)
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("Not saved: Could not save to ") and "No space left on device" in m for m in shown)
        assert "typed on a full disk" in [area.text for area in panel.query(TextArea)]
        stored = app.store.open_session("case-second")
        assert stored is not None and stored.record_for("F01") is None  # not on disk yet
        monkeypatch.setattr(os, "fsync", _real_fsync)  # room again: the retry saves it
        await pilot.pause(0.6)
        await settle(pilot)
    stored = RecordStore(tmp_path / "data").open_session("case-second")
    assert stored is not None and "typed on a full disk" in stored.record_for("F01").answers.values()


_real_fsync = os.fsync


def _with_notes(session, notes: str):  # -> Session
    copy = session.copy()
    copy.notes = notes
    return copy
