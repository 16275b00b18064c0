"""Property tests: any text survives the store exactly; any damage is a RecordError.

Hostile notes (markup, terminal escapes, control characters, lone surrogates, huge text) are
data: the store keeps them verbatim. Random bytes, or well-formed JSON with wrong values,
where a case file or the index should be, end in one RecordError sentence or in the records
rebuilt from what is readable, never in a traceback or a changed file.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srt_tui.records.model import Case, ExerciseRecord, Outcome, Session
from srt_tui.records.store import RecordError, RecordStore

HOSTILE = st.sampled_from([
    "[bold red]x[/]", "[/]", "[0]", "[b", "[@click=app.quit]x[/]", "\x1b[31m", "\x1b]0;title\x07",
    "\x1b]8;;http://x\x1b\\link", "\x9b2J", "\x00", "\x07", "\r", "\r\n", "\u2028", "\u202e", "\ufeff",
    "\ud800", "\udfff", "😀", "<script>", "=cmd|' /C calc'!A0", "\\", '"', "\t",
])
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=40), HOSTILE), max_size=30).map("".join)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def as_stored(text: str) -> str:
    """``text`` as JSON gives it back: a lone surrogate stays, a high one followed by a low one
    becomes the character the pair stands for."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> RecordStore:
    return RecordStore(tmp_path_factory.mktemp("properties") / "data")


@pytest.fixture(scope="module")
def open_session(store: RecordStore) -> Session:
    case = store.create_case(Case(ref="P1", alias="J.B.", referral_date=date(2026, 1, 5)))
    return store.start_session(case.id)


@SETTINGS
@given(notes=TEXT, answer=TEXT, question=TEXT, reflections=TEXT)
def test_any_text_round_trips_exactly(
    store: RecordStore, open_session: Session, notes: str, answer: str, question: str, reflections: str
) -> None:
    session = open_session.copy()
    session.notes, session.reflections = notes, reflections
    session.exercises = [ExerciseRecord("F01", Outcome.COMPLETED, answers={question: answer}, notes=notes)]
    store.save_session(session)
    stored = RecordStore(store.data_dir).get_session(session.case_id, session.id)
    assert (stored.notes, stored.reflections) == (as_stored(notes), as_stored(reflections))
    assert stored.exercises[0].answers == {as_stored(question): as_stored(answer)}
    if as_stored(notes + answer + question + reflections) == notes + answer + question + reflections:
        assert stored == session  # nothing else changes, and most text comes back identical


def test_a_lone_surrogate_survives_and_a_split_pair_is_joined(store: RecordStore, open_session: Session) -> None:
    session = open_session.copy()
    session.notes, session.reflections = "a\ud800b\udfffc", "\ud83d\ude00"
    store.save_session(session)
    stored = RecordStore(store.data_dir).get_session(session.case_id, session.id)
    assert (stored.notes, stored.reflections) == ("a\ud800b\udfffc", "😀")


def test_huge_text_round_trips(store: RecordStore, open_session: Session) -> None:
    session = open_session.copy()
    session.notes = ("A long paste \x1b[2J with [markup] and \ud83d. " * 120_000)[:5_000_000]
    store.save_session(session)
    assert RecordStore(store.data_dir).get_session(session.case_id, session.id).notes == session.notes


@pytest.fixture(scope="module")
def victim(tmp_path_factory: pytest.TempPathFactory) -> tuple[RecordStore, Case, Case]:
    store = RecordStore(tmp_path_factory.mktemp("damage") / "data")
    target = store.create_case(Case(ref="T1", alias="J.B.", referral_date=date(2026, 1, 5), id="target"))
    other = store.create_case(Case(ref="O1", alias="K.L.", referral_date=date(2026, 1, 5), id="other"))
    return store, target, other


@SETTINGS
@given(content=st.binary(max_size=400))
def test_random_bytes_as_a_case_file_are_a_record_error(victim: tuple[RecordStore, Case, Case], content: bytes) -> None:
    store, target, other = victim
    path = store.data_dir / "cases" / "target.json"
    path.write_bytes(content)
    reopened = RecordStore(store.data_dir)
    with pytest.raises(RecordError) as caught:
        reopened.get_case(target.id)
    assert "\n" not in str(caught.value)
    assert reopened.get_case(other.id) == other
    assert "O1" in [s.ref for s in reopened.list_cases()]
    assert path.read_bytes() == content


def valid_tables() -> dict[str, Any]:
    started = datetime(2026, 1, 6, 10, 0, tzinfo=UTC)
    case = Case(ref="T1", alias="J.B.", referral_date=date(2026, 1, 5), id="target", created_at=started)
    session = Session(case_id="target", date=started.date(), started_at=started, id="s1",
                      exercises=[ExerciseRecord("F01", Outcome.COMPLETED, answers={"q1": "a"})])
    session.amendments = []
    return {"case": {"1": case.to_dict()}, "sessions": {"1": session.to_dict()}}


@SETTINGS
@given(table=st.sampled_from(["case", "sessions"]), key=st.sampled_from(
    ["ref", "alias", "id", "state", "referral_date", "created_at", "variant", "case_id", "date",
     "started_at", "ended_at", "exercises", "notes", "amendments", "answers", "outcome",
     "notes_practitioner_only", "exercise:notes_practitioner_only", "missing"]),
    value=JSON_VALUE)
def test_wrong_values_in_a_case_file_load_correctly_or_are_a_record_error(
    victim: tuple[RecordStore, Case, Case], table: str, key: str, value: Any
) -> None:
    store, _target, _other = victim
    tables = valid_tables()
    row = tables[table]["1"]
    if key in ("answers", "outcome", "exercise:notes_practitioner_only"):  # keys of the session's exercise
        key = key.removeprefix("exercise:")
        row = row.get("exercises", [{}])[0] if table == "sessions" else row
    row[key] = value
    path = store.data_dir / "cases" / "target.json"
    raw = json.dumps(tables).encode("utf-8")
    path.write_bytes(raw)
    reopened = RecordStore(store.data_dir)
    try:
        case = reopened.get_case("target")
        sessions = reopened.sessions("target")
    except RecordError as error:
        assert "damaged" in str(error) and "\n" not in str(error)
    else:  # it loaded: then every field is what the screens expect
        assert isinstance(case.ref, str) and isinstance(case.alias, str)
        for session in sessions:
            assert isinstance(session.notes, str) and session.started_at.tzinfo is not None
            assert type(session.notes_practitioner_only) is bool
            for record in session.exercises:
                assert type(record.notes_practitioner_only) is bool
                assert all(isinstance(k, str) and isinstance(v, str) for k, v in record.answers.items())
            session.effective()
    assert path.read_bytes() == raw


@SETTINGS
@given(content=st.one_of(st.binary(max_size=300), JSON_VALUE.map(lambda v: json.dumps({"cases": v}).encode())))
def test_anything_as_the_index_still_lists_every_case(
    victim: tuple[RecordStore, Case, Case], content: bytes
) -> None:
    store, _target, other = victim
    (store.data_dir / "cases" / "target.json").write_bytes(json.dumps(valid_tables()).encode())
    (store.data_dir / "index.json").write_bytes(content)
    reopened = RecordStore(store.data_dir)
    assert sorted(s.ref for s in reopened.list_cases()) == ["O1", "T1"]
    assert reopened.get_case(other.id) == other
    for aside in store.data_dir.glob("index.damaged-*.json"):
        aside.unlink()
