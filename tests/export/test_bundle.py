"""JSON bundles: a lossless round trip through real record stores, and every broken bundle
refused with one clear sentence (never a traceback, nothing half imported)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srt_tui import __version__
from srt_tui.content.model import ContentPack
from srt_tui.export import ExportError, export_case, import_bundle
from srt_tui.export.bundle import dumps_bundle
from srt_tui.records.model import Case, Session
from srt_tui.records.store import RecordError, RecordStore
from tests.export.samples import REF, UTC_TIME


@pytest.fixture
def store(tmp_path: Path, case: Case, sessions: list[Session]) -> RecordStore:
    store = RecordStore(tmp_path / "laptop-a")
    store.import_case(case, sessions)
    return store


@pytest.fixture
def bundle(store: RecordStore, pack: ContentPack, tmp_path: Path) -> Path:
    return export_case(store, pack, REF.lower(), "json", tmp_path / "out")


def _one_line_error(error: pytest.ExceptionInfo[Exception]) -> str:
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert message.endswith(".")
    return message


def test_bundle_layout(bundle: Path, case: Case, sessions: list[Session]) -> None:
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert data["format"] == "srt-tui-case-bundle"
    assert data["version"] == 1
    assert data["app_version"] == __version__
    assert data["exported_at"].endswith("+00:00")
    assert data["pack"] == {"title": "Test toolkit", "version": "1.0"}
    assert data["case"] == case.to_dict()
    assert data["sessions"] == [s.to_dict() for s in sessions]
    assert bundle.read_text(encoding="utf-8").startswith('{\n  "format": "srt-tui-case-bundle",')


def test_round_trip_into_a_fresh_store_loses_nothing(
    bundle: Path, tmp_path: Path, case: Case, sessions: list[Session]
) -> None:
    fresh = RecordStore(tmp_path / "laptop-b")
    imported = import_bundle(fresh, bundle)
    assert imported == case
    found = fresh.find_case(REF)
    assert found == case
    assert fresh.sessions(case.id) == sessions
    restored = fresh.sessions(case.id)
    assert restored[0].amendments == sessions[0].amendments
    assert restored[0].exercises[0].answers == sessions[0].exercises[0].answers
    assert (restored[0].started_at, restored[0].ended_at) == (sessions[0].started_at, sessions[0].ended_at)
    assert restored[1].ended_at is None
    assert restored[0].notes == sessions[0].notes  # original text, hostile characters and all


def test_who_may_see_notes_round_trips_and_old_bundles_read_as_practitioner_only(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    sessions[0].notes_practitioner_only = False
    sessions[0].exercises[0].notes_practitioner_only = False
    sessions[1].notes_practitioner_only = True
    source = RecordStore(tmp_path / "laptop-a")
    source.import_case(case, sessions)
    bundle = export_case(source, pack, REF, "json", tmp_path / "out")
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert [s["notes_practitioner_only"] for s in data["sessions"]] == [False, True]
    assert [e["notes_practitioner_only"] for e in data["sessions"][0]["exercises"]] == [False, True]
    fresh = RecordStore(tmp_path / "laptop-b")
    import_bundle(fresh, bundle)
    assert fresh.sessions(case.id) == sessions
    for session in data["sessions"]:  # as a bundle from before the flag existed
        del session["notes_practitioner_only"]
        for record in session["exercises"]:
            del record["notes_practitioner_only"]
    older = RecordStore(tmp_path / "laptop-c")
    import_bundle(older, _write(tmp_path, json.dumps(data)))
    for session in older.sessions(case.id):
        assert session.notes_practitioner_only is True
        assert all(record.notes_practitioner_only for record in session.exercises)


def test_the_bundle_file_has_no_raw_control_characters(bundle: Path) -> None:
    text = bundle.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\u001b[31mred" in text


def test_c1_and_bidi_characters_are_escaped_but_kept(
    pack: ContentPack, case: Case, sessions: list[Session], tmp_path: Path
) -> None:
    sessions[0].notes = "csi \x9b31m, rlo \u202e, ls \u2028, del \x7f"
    text = dumps_bundle(pack, case, sessions, UTC_TIME)
    assert not any(c in text for c in "\x9b\u202e\u2028\x7f")
    assert json.loads(text)["sessions"][0]["notes"] == sessions[0].notes
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    import_bundle(RecordStore(tmp_path / "data"), path)
    assert RecordStore(tmp_path / "data").sessions(case.id)[0].notes == sessions[0].notes


def test_importing_the_same_case_twice_is_refused(bundle: Path, store: RecordStore) -> None:
    with pytest.raises(RecordError) as error:
        import_bundle(store, bundle)
    assert "already" in _one_line_error(error)
    assert len(store.list_cases()) == 1


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "bundle.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _valid(case: Case, sessions: list[Session]) -> dict:
    return {
        "format": "srt-tui-case-bundle",
        "version": 1,
        "app_version": __version__,
        "exported_at": UTC_TIME.isoformat(),
        "pack": {"title": "Test toolkit", "version": "1.0"},
        "case": case.to_dict(),
        "sessions": [s.to_dict() for s in sessions],
    }


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), tmp_path / "nowhere.json")
    assert _one_line_error(error) == f"There is no file {tmp_path / 'nowhere.json'}."


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), tmp_path)
    assert "is a folder" in _one_line_error(error)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("this is not json", "is not a valid srt-tui case bundle: it is not JSON (line 1, column 1)."),
        ("", "it is not JSON"),
        (b"\xff\xfe\x00garbage", "it is not UTF-8 text"),
        ("[1, 2, 3]", 'it has no "format": "srt-tui-case-bundle" marker'),
        ('{"format": "something-else", "version": 1}', 'it has no "format"'),
        ('{"format": "srt-tui-case-bundle"}', '"version" is missing'),
        ('{"format": "srt-tui-case-bundle", "version": "1"}', '"version" is missing or not a whole number'),
        ('{"format": "srt-tui-case-bundle", "version": true}', "not a whole number"),
        ('{"format": "srt-tui-case-bundle", "version": 0}', "version 0 is unknown"),
        ('{"format": "srt-tui-case-bundle", "version": 1}', 'the "case" part is missing'),
        ('{"format": "srt-tui-case-bundle", "version": 1, "case": {}}', 'the "sessions" part is missing'),
        ('{"format": "srt-tui-case-bundle", "version": 1, "case": [], "sessions": []}',
         'the "case" part has the wrong shape'),
        ('{"format": "srt-tui-case-bundle", "version": 1, "case": {}, "sessions": []}',
         "a required field 'referral_date' is missing"),
        ("[" * 100000, "is not a valid srt-tui case bundle"),
    ],
)
def test_broken_bundles_are_one_sentence(tmp_path: Path, content: str | bytes, expected: str) -> None:
    store = RecordStore(tmp_path / "data")
    with pytest.raises(ExportError) as error:
        import_bundle(store, _write(tmp_path, content))
    assert expected in _one_line_error(error)
    assert store.list_cases() == []


def test_a_newer_version_asks_for_an_update(tmp_path: Path, case: Case, sessions: list[Session]) -> None:
    data = _valid(case, sessions) | {"version": 99}
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), _write(tmp_path, json.dumps(data)))
    message = _one_line_error(error)
    assert "version 99" in message and "newer srt-tui" in message and "update" in message


def _broken(data: dict, where: str, key: str, value: object) -> dict:
    if where == "case":
        data["case"][key] = value
    elif where == "session":
        data["sessions"][0][key] = value
    elif where == "exercise":
        data["sessions"][0]["exercises"][0][key] = value
    else:
        data["sessions"][0]["amendments"][0][key] = value
    return data


@pytest.mark.parametrize(
    ("where", "key", "value", "expected"),
    [
        ("case", "referral_date", "not a date", "not a valid srt-tui case bundle"),
        ("case", "state", "on the moon", "not a valid srt-tui case bundle"),
        ("case", "created_at", "2026-01-01T10:00:00", "a time in it has no time zone"),
        ("case", "ref", 42, "a text field holds something other than text"),
        ("case", "alias", None, "a text field holds something other than text"),
        ("session", "case_id", "someone-else", "a session in it belongs to a different case"),
        ("session", "started_at", None, "not a valid srt-tui case bundle"),
        ("session", "exercises", "F01", "not a valid srt-tui case bundle"),
        ("session", "notes", ["a", "list"], "a text field holds something other than text"),
        ("exercise", "outcome", "brilliant", "not a valid srt-tui case bundle"),
        ("exercise", "answers", {"q1": 7}, "a text field holds something other than text"),
        ("amendment", "at", "yesterday", "not a valid srt-tui case bundle"),
        ("amendment", "before", None, "a text field holds something other than text"),
        ("amendment", "field", "id", "an amendment in it changes something that cannot be amended"),
        ("amendment", "field", "exercise:F01:outcome", "cannot be amended"),  # "after" is no outcome
        ("session", "notes_practitioner_only", "no", "whether the session notes are practitioner-only must be"),
        ("session", "notes_practitioner_only", None, "must be true or false"),
        ("exercise", "notes_practitioner_only", 0, "whether an exercise's notes are practitioner-only must be"),
        ("exercise", "notes_practitioner_only", "[b]true[/b]", "must be true or false"),
        ("amendment", "field", "notes_practitioner_only", "cannot be amended"),  # "after" is no visibility
        ("amendment", "field", "exercise:F01:notes_practitioner_only:x", "cannot be amended"),
    ],
)
def test_bad_values_are_one_sentence(
    tmp_path: Path, case: Case, sessions: list[Session], where: str, key: str, value: object, expected: str
) -> None:
    store = RecordStore(tmp_path / "data")
    data = _broken(_valid(case, sessions), where, key, value)
    with pytest.raises(ExportError) as error:
        import_bundle(store, _write(tmp_path, json.dumps(data)))
    assert expected in _one_line_error(error)
    assert store.list_cases() == []


def test_a_session_that_is_not_an_object(tmp_path: Path, case: Case, sessions: list[Session]) -> None:
    data = _valid(case, sessions)
    data["sessions"].append("nope")
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), _write(tmp_path, json.dumps(data)))
    assert "session 3 in it is not an object" in _one_line_error(error)


def test_a_missing_session_key_is_named(tmp_path: Path, case: Case, sessions: list[Session]) -> None:
    data = _valid(case, sessions)
    del data["sessions"][0]["date"]
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), _write(tmp_path, json.dumps(data)))
    assert _one_line_error(error).endswith("a required field 'date' is missing.")


def test_an_invalid_reference_is_refused_by_the_store(
    tmp_path: Path, case: Case, sessions: list[Session]
) -> None:
    data = _valid(case, sessions)
    data["case"]["ref"] = "../../etc/passwd"
    store = RecordStore(tmp_path / "data")
    with pytest.raises(RecordError) as error:
        import_bundle(store, _write(tmp_path, json.dumps(data)))
    _one_line_error(error)
    assert store.list_cases() == []


def test_error_messages_carry_no_terminal_escapes(tmp_path: Path, case: Case, sessions: list[Session]) -> None:
    data = _valid(case, sessions)
    data["case"]["referral_date"] = "\x1b]0;pwned\x07\x1b[2J"
    with pytest.raises(ExportError) as error:
        import_bundle(RecordStore(tmp_path / "data"), _write(tmp_path, json.dumps(data)))
    assert "\x1b" not in _one_line_error(error)


def test_the_bundle_carries_the_summary_and_import_ignores_it(
    bundle: Path, tmp_path: Path, case: Case
) -> None:
    data = json.loads(bundle.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert summary["ref"] == REF and summary["practitioner"] == case.practitioner
    assert summary["overview"]["category"] == "Foundation completed"
    assert [s["number"] for s in summary["sessions"]] == [1, 2]
    data["summary"] = {"ref": "something else entirely"}  # a summary never feeds the records
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    imported = import_bundle(RecordStore(tmp_path / "laptop-c"), edited)
    assert imported == case
