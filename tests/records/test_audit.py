"""The audit log: an event for every change, by id only, appended and never rewritten."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from srt_tui.atomic import append_line, append_lines
from srt_tui.records.audit import AUDIT_NAME, read_events, record_event, record_events
from srt_tui.records.model import Case, CaseState, Session
from srt_tui.records.store import RecordStore

REF, ALIAS = "CRN-2026/0042", "Q.Z."


def test_every_kind_of_change_is_logged_by_id_and_the_log_only_grows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = RecordStore(data)
    log = data / AUDIT_NAME
    case = store.create_case(Case(ref=REF, alias=ALIAS, referral_date=date(2026, 1, 5)))
    grown = [log.read_bytes()]
    session = store.start_session(case.id)  # also makes the referred case active
    grown.append(log.read_bytes())
    session.notes = "Private words that must not reach the log."
    store.save_session(session)
    assert log.read_bytes() == grown[-1]  # autosaves are not events
    ended = store.end_session(session)
    store.amend_session(case.id, ended.id, "notes", "Corrected.", reason="Typo", by="Sam")
    other = Case(ref="B2", alias="K.L.", referral_date=date(2026, 1, 5))
    store.import_case(other, [Session(case_id=other.id, date=date(2026, 1, 6))])
    store.delete_case(other.id)
    record_event(data, "exported", case_id=case.id, format="html")
    grown.append(log.read_bytes())
    assert all(later.startswith(earlier) for earlier, later in zip(grown, grown[1:], strict=False))

    events = read_events(data).events
    assert [e["event"] for e in events] == [
        "case_created", "session_started", "case_updated", "session_ended", "session_amended",
        "case_imported", "case_deleted", "exported",
    ]
    assert events[2]["changed"] == ["state", "state_date", "state_reason"]
    assert events[4] | {"at": "", "user": "", "host": ""} == {
        "at": "", "user": "", "host": "", "event": "session_amended", "case_id": case.id,
        "session_id": ended.id, "field": "notes", "by": "Sam",
    }
    assert events[5]["sessions"] == 1 and events[6] == events[6] | {"case_id": other.id, "from_backups": False}
    text = log.read_text(encoding="utf-8")
    for secret in (REF, ALIAS, "Private words", "Corrected", "Typo", "K.L."):
        assert secret not in text
    assert store.get_case(case.id).state is CaseState.ACTIVE


def test_a_line_cut_short_by_a_crash_spoils_only_itself(tmp_path: Path) -> None:
    record_event(tmp_path, "case_created", case_id="a")
    with open(tmp_path / AUDIT_NAME, "ab") as log:
        log.write(b'{"at": "2026-01-0')  # the process died mid-line
    record_event(tmp_path, "case_created", case_id="b")
    read = read_events(tmp_path)
    assert [e["case_id"] for e in read.events] == ["a", "b"]
    assert read.bad_lines == [2]


def test_a_batch_of_events_is_one_write_one_fsync_and_a_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    record_event(tmp_path, "case_created", case_id="a")
    with open(tmp_path / AUDIT_NAME, "ab") as log:
        log.write(b'{"at": "2026-01-0')  # a line cut short before this batch
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda handle: (synced.append(handle), real_fsync(handle)))
    record_events(tmp_path, "exported", [{"case_id": f"c{n}", "format": "html", "batch": True} for n in range(3)])
    assert len(synced) == 1
    read = read_events(tmp_path)
    assert [e.get("case_id") for e in read.events] == ["a", "c0", "c1", "c2"] and read.bad_lines == [2]
    assert len({(e["at"], e["user"], e["host"]) for e in read.events[1:]}) == 1
    with pytest.raises(ValueError):
        append_lines(tmp_path / "log", ["one", "two\rlines"])
    assert not (tmp_path / "log").exists()
    record_events(tmp_path, "exported", [])  # nothing to log: the log is not touched
    assert len(synced) == 1


def test_an_appended_line_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        append_line(tmp_path / "log", "two\nlines")
    with pytest.raises(ValueError):
        record_event(tmp_path, "something_else")
    record_event(tmp_path, "exported", case_id="x\ny\u2028", format="html")
    [line] = (tmp_path / AUDIT_NAME).read_bytes().splitlines()
    assert json.loads(line)["case_id"] == "x\ny\u2028"


def test_an_export_is_in_the_audit_log_without_the_case_reference(tmp_path: Path) -> None:
    import json
    from datetime import date

    from srt_tui.content.loader import load_pack
    from srt_tui.export import export_case
    from srt_tui.paths import demo_pack_dir
    from srt_tui.records.model import Case
    from srt_tui.records.store import RecordStore

    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="AUD-77", alias="A.U.", referral_date=date(2026, 11, 1)))
    export_case(store, load_pack(demo_pack_dir()), "AUD-77", "md", tmp_path / "out")
    lines = (tmp_path / "data" / "audit.log").read_text(encoding="utf-8").splitlines()
    exported = [json.loads(line) for line in lines if '"exported"' in line]
    assert [(e["case_id"], e["format"]) for e in exported] == [(case.id, "md")]
    assert "AUD-77" not in "\n".join(lines)
