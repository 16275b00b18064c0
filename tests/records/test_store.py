"""The record store: cases, sessions, amendments, and what survives a reopen."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from srt_tui.records.model import Amendment, Case, CaseState, ExerciseRecord, Outcome, Session
from srt_tui.records.store import CaseSummary, RecordError, RecordStore

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    return RecordStore(tmp_path / "data")


def new_case(ref: str = "X100001", alias: str = "J.B.", **kwargs: object) -> Case:
    return Case(ref=ref, alias=alias, referral_date=date(2026, 1, 5), **kwargs)  # type: ignore[arg-type]


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# -- cases ------------------------------------------------------------------------------------


def test_an_empty_folder_has_no_cases_and_writes_nothing(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    assert store.list_cases() == []
    assert store.find_case("X1") is None
    assert not (tmp_path / "data").exists()


def test_create_list_find_and_get(store: RecordStore) -> None:
    created = store.create_case(new_case(ref="  b200 ", alias=" K.L. "))
    other = store.create_case(new_case(ref="A300", alias="M.P.", state=CaseState.ACTIVE))
    assert (created.ref, created.alias) == ("b200", "K.L.")
    assert [s.ref for s in store.list_cases()] == ["A300", "b200"]
    assert store.list_cases()[0] == CaseSummary(
        other.id, "A300", "M.P.", CaseState.ACTIVE, date(2026, 1, 5), None
    )
    assert store.find_case("B200") == created
    assert store.find_case(" a300 ") == other
    assert store.get_case(created.id) == created
    assert store.find_case("nope") is None


def test_refs_sort_case_insensitively(store: RecordStore) -> None:
    for ref in ("b2", "A1", "a3", "C0"):
        store.create_case(new_case(ref=ref))
    assert [s.ref for s in store.list_cases()] == ["A1", "a3", "b2", "C0"]


def test_duplicate_refs_are_refused_case_insensitively(store: RecordStore) -> None:
    store.create_case(new_case(ref="X100001"))
    with pytest.raises(RecordError) as caught:
        store.create_case(new_case(ref="x100001"))
    assert str(caught.value) == "Case reference X100001 already exists."  # the stored spelling
    assert len(store.list_cases()) == 1


def test_invalid_ref_or_alias_is_a_record_error_with_the_same_sentence(store: RecordStore) -> None:
    with pytest.raises(RecordError, match=r"^Case reference may only use letters, digits and - / _ \.$"):
        store.create_case(new_case(ref="<bad>"))
    with pytest.raises(RecordError, match=r"^Alias is required \(initials are enough\)\.$"):
        store.create_case(new_case(alias=" "))
    assert store.list_cases() == []


def test_a_path_like_ref_is_refused_and_a_slash_makes_no_folders(tmp_path: Path, store: RecordStore) -> None:
    with pytest.raises(RecordError, match="start with a letter or digit"):
        store.create_case(new_case(ref="../../evil"))
    case = store.create_case(new_case(ref="CRN-2026/0042"))
    store.start_session(case.id)
    data = tmp_path / "data"
    assert files_under(data) == [
        "audit.log", "cases", f"cases/{case.id}.json", "index.json", "srt-tui.lock", "srt-tui.lock.json"
    ]
    assert not list(tmp_path.rglob("evil*"))
    assert store.find_case("crn-2026/0042").id == case.id


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "", "x" * 65, "con", "with space", "a.json"])
def test_a_bad_case_id_never_becomes_a_file_name(store: RecordStore, tmp_path: Path, bad_id: str) -> None:
    with pytest.raises(RecordError):
        store.create_case(new_case(id=bad_id))
    with pytest.raises(RecordError):
        store.get_case(bad_id)
    assert not (tmp_path / "data" / "cases").exists() or not any((tmp_path / "data" / "cases").iterdir())
    assert not (tmp_path / "x.json").exists()


def test_update_case_keeps_refs_unique_and_updates_the_list(store: RecordStore) -> None:
    first = store.create_case(new_case(ref="X1"))
    store.create_case(new_case(ref="X2"))
    first.state = CaseState.BREACHED
    first.state_reason = "Missed three appointments"
    first.ref = "x1"  # a change of letter case of its own ref is fine
    store.update_case(first)
    assert store.get_case(first.id) == first
    summary = next(s for s in store.list_cases() if s.id == first.id)
    assert (summary.ref, summary.state) == ("x1", CaseState.BREACHED)
    first.ref = "x2"
    with pytest.raises(RecordError, match="^Case reference X2 already exists.$"):
        store.update_case(first)
    assert store.get_case(first.id).ref == "x1"


def test_update_of_an_unknown_case_is_refused(store: RecordStore) -> None:
    with pytest.raises(RecordError):
        store.update_case(new_case(id="nosuchcase"))


def test_import_refuses_an_existing_ref_or_id(store: RecordStore) -> None:
    existing = store.create_case(new_case(ref="X1"))
    with pytest.raises(RecordError, match="^Case reference X1 already exists.$"):
        store.import_case(new_case(ref="x1"), [])
    with pytest.raises(RecordError, match="same case id"):
        store.import_case(new_case(ref="OTHER", id=existing.id), [])
    stray = Session(case_id="someone-else", date=date(2026, 3, 2))
    with pytest.raises(RecordError):
        store.import_case(new_case(ref="X9"), [stray])
    assert [s.ref for s in store.list_cases()] == ["X1"]


# -- a full record survives a reopen ----------------------------------------------------------------


def rich_case() -> tuple[Case, list[Session]]:
    case = new_case(
        ref="CRN-2026/0042", alias="[bold red]K.L.[/]", variant="partner-male", state=CaseState.ACTIVE,
        state_date=date(2026, 2, 1), state_reason="Started", practitioner="P. Smith",
        responsivity_notes="Reads slowly.\r\nPrefers [link=x]y[/] chunks.\tTabs too.",
    )
    ended = Session(
        case_id=case.id, date=date(2026, 3, 2), started_at=START, ended_at=START + timedelta(minutes=55),
        exercises=[
            ExerciseRecord("F01", Outcome.COMPLETED, answers={"q1": "Being listened to. 😀", "q2": ""}),
            ExerciseRecord("R06", Outcome.NOT_RELEVANT, skip_reason="No children.", notes="n",
                           notes_practitioner_only=False),
            ExerciseRecord("F02"),
        ],
        notes="[bold red]x[/] and [link=x]y[/] and \x1b[31mescape\x1b[0m and a lone \ud800 surrogate",
        reflections="Zoë — 你好", task_set="Notice calm moments.", task_review="", plan_next="F03",
        amendments=[Amendment("notes", "old", "new", "Typo", at=START + timedelta(days=1), by="P. Smith")],
    )
    still_open = Session(
        case_id=case.id, date=date(2026, 3, 9), started_at=START + timedelta(days=7),
        exercises=[ExerciseRecord("F03", Outcome.PARTLY_DONE)], notes="Half way.",
    )
    return case, [still_open, ended]


def test_round_trip_through_a_new_store(tmp_path: Path) -> None:
    case, sessions = rich_case()
    RecordStore(tmp_path / "data").import_case(case, sessions)
    reopened = RecordStore(tmp_path / "data")
    assert reopened.get_case(case.id) == case
    assert reopened.sessions(case.id) == sorted(sessions, key=lambda s: s.started_at)
    assert reopened.open_session(case.id) == sessions[0]
    assert reopened.get_session(case.id, sessions[1].id) == sessions[1]
    assert reopened.list_cases() == [
        CaseSummary(case.id, "CRN-2026/0042", "[bold red]K.L.[/]", CaseState.ACTIVE, date(2026, 1, 5),
                    date(2026, 3, 9))
    ]


def test_markup_looking_text_is_stored_verbatim(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    case = store.create_case(new_case(alias="[bold red]x[/]"))
    session = store.start_session(case.id)
    session.notes = "[link=x]y[/]"
    session.exercises.append(ExerciseRecord("F01", answers={"q1": "[bold red]x[/]"}))
    store.save_session(session)
    reopened = RecordStore(tmp_path / "data")
    assert reopened.get_case(case.id).alias == "[bold red]x[/]"
    assert reopened.list_cases()[0].alias == "[bold red]x[/]"
    stored = reopened.get_session(case.id, session.id)
    assert stored.notes == "[link=x]y[/]"
    assert stored.exercises[0].answers == {"q1": "[bold red]x[/]"}


# -- sessions ---------------------------------------------------------------------------------


def test_open_save_end_flow(tmp_path: Path, store: RecordStore) -> None:
    case = store.create_case(new_case())
    assert store.open_session(case.id) is None
    before = date.today()
    session = store.start_session(case.id)
    after = date.today()
    assert session.date in (before, after)
    assert session.started_at.tzinfo is not None and session.started_at.utcoffset() == timedelta(0)
    assert not session.ended
    assert store.open_session(case.id) == session
    assert store.list_cases()[0].last_session == session.date
    with pytest.raises(RecordError, match="^A session is already open for this case.$"):
        store.start_session(case.id)

    session.notes = "First thoughts."
    session.exercises.append(ExerciseRecord("F01", Outcome.PARTLY_DONE, answers={"q1": "An answer"}))
    store.save_session(session)
    assert RecordStore(tmp_path / "data").get_session(case.id, session.id) == session

    session.notes = "Final notes."
    ended = store.end_session(session)
    assert ended.ended and ended.ended_at is not None and ended.ended_at >= ended.started_at
    assert ended.notes == "Final notes."
    assert not session.ended  # the caller's object is not changed behind its back
    assert store.open_session(case.id) is None
    assert RecordStore(tmp_path / "data").get_session(case.id, session.id) == ended

    session.notes = "A late change"
    with pytest.raises(RecordError, match="^This session has ended: changes are amendments.$"):
        store.save_session(session)
    with pytest.raises(RecordError, match="^This session has ended: changes are amendments.$"):
        store.save_session(ended)
    with pytest.raises(RecordError):
        store.end_session(session)
    assert store.get_session(case.id, session.id).notes == "Final notes."

    second = store.start_session(case.id)
    assert [s.id for s in store.sessions(case.id)] == [session.id, second.id]


def test_save_of_an_unknown_session_is_refused(store: RecordStore) -> None:
    case = store.create_case(new_case())
    with pytest.raises(RecordError):
        store.save_session(Session(case_id=case.id, date=date(2026, 3, 2)))
    with pytest.raises(RecordError):
        store.get_session(case.id, "nope")
    assert store.sessions(case.id) == []


def ended_session(store: RecordStore) -> tuple[Case, Session]:
    case = store.create_case(new_case())
    session = store.start_session(case.id)
    session.notes = "Original notes."
    session.exercises.append(ExerciseRecord("F01", Outcome.PARTLY_DONE, answers={"q1": "first answer"}))
    return case, store.end_session(session)


def test_amendments_keep_the_original_text(tmp_path: Path, store: RecordStore) -> None:
    case, session = ended_session(store)
    amended = store.amend_session(case.id, session.id, "notes", "Corrected notes.", " Typo ", by="P.S.")
    assert amended.notes == "Original notes."
    assert amended.effective().notes == "Corrected notes."
    (amendment,) = amended.amendments
    assert (amendment.field, amendment.before, amendment.after, amendment.reason, amendment.by) == (
        "notes", "Original notes.", "Corrected notes.", "Typo", "P.S.")

    again = store.amend_session(case.id, session.id, "notes", "Third version.", "Clearer")
    assert again.amendments[1].before == "Corrected notes."  # the effective value, not the original
    store.amend_session(case.id, session.id, "exercise:F01:answer:q1", "better answer", "Misheard")
    store.amend_session(case.id, session.id, "exercise:F01:outcome", "completed", "Finished after all")
    store.amend_session(case.id, session.id, "exercise:F09:notes", "Covered briefly", "Forgot to record")

    stored = RecordStore(tmp_path / "data").get_session(case.id, session.id)
    assert stored.notes == "Original notes."
    assert stored.exercises == session.exercises
    effective = stored.effective()
    assert effective.notes == "Third version."
    assert effective.record_for("F01").answers["q1"] == "better answer"  # type: ignore[union-attr]
    assert effective.record_for("F01").outcome is Outcome.COMPLETED  # type: ignore[union-attr]
    assert effective.record_for("F09").notes == "Covered briefly"  # type: ignore[union-attr]
    assert [a.before for a in stored.amendments] == [
        "Original notes.", "Corrected notes.", "first answer", "partly_done", ""]


def test_amended_reads_without_a_copy_unless_something_is_amended(store: RecordStore) -> None:
    case, session = ended_session(store)
    assert session.amended() is session  # nothing to apply: read as it is
    changed = store.amend_session(case.id, session.id, "notes", "Corrected notes.", "Typo")
    read = changed.amended()
    assert read is not changed and read.notes == "Corrected notes." and changed.notes == "Original notes."
    assert read == changed.effective()


def test_amendments_that_are_refused(store: RecordStore) -> None:
    case, session = ended_session(store)
    with pytest.raises(RecordError, match="^An amendment needs a reason.$"):
        store.amend_session(case.id, session.id, "notes", "New", "  ")
    with pytest.raises(RecordError, match="changes nothing"):
        store.amend_session(case.id, session.id, "notes", "Original notes.", "No-op")
    with pytest.raises(RecordError, match="changes nothing"):
        store.amend_session(case.id, session.id, "exercise:F01:outcome", "partly_done", "No-op")
    for target in ("started_at", "id", "exercise:F01:answers", "exercise::notes", "exercise:F01:answer:"):
        with pytest.raises(RecordError):
            store.amend_session(case.id, session.id, target, "x", "Because")
    with pytest.raises(RecordError, match="not an exercise outcome"):
        store.amend_session(case.id, session.id, "exercise:F01:outcome", "finished", "Because")
    still_open = store.start_session(case.id)
    with pytest.raises(RecordError, match="still open"):
        store.amend_session(case.id, still_open.id, "notes", "x", "Because")
    assert store.get_session(case.id, session.id).amendments == []


def test_threads_share_one_store(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    case = store.create_case(new_case(ref="BASE"))
    session = store.start_session(case.id)
    errors: list[BaseException] = []

    def worker(number: int) -> None:
        try:
            own = RecordStore(tmp_path / "data")  # a second store on the same folder shares the lock
            for round_ in range(5):
                own.create_case(new_case(ref=f"T{number}-{round_}"))
                copy = session.copy()
                copy.notes = f"thread {number} round {round_}"
                store.save_session(copy)
                store.list_cases()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(RecordStore(tmp_path / "data").list_cases()) == 41
    assert store.get_session(case.id, session.id).notes.startswith("thread ")


def race(count: int, action) -> tuple[list[object], list[RecordError]]:  # type: ignore[no-untyped-def]
    """Run ``action`` on ``count`` threads released together; collect results and refusals."""
    barrier = threading.Barrier(count)
    results: list[object] = []
    refusals: list[RecordError] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(action())
        except RecordError as error:
            refusals.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, refusals


def test_racing_threads_cannot_create_the_same_ref_twice(tmp_path: Path) -> None:
    for attempt in range(5):
        folder = tmp_path / f"data{attempt}"
        created, refused = race(8, lambda: RecordStore(folder).create_case(new_case(ref="SAME")))
        assert len(created) == 1 and len(refused) == 7
        assert [s.ref for s in RecordStore(folder).list_cases()] == ["SAME"]


def test_racing_threads_cannot_open_two_sessions(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    for attempt in range(5):
        case = store.create_case(new_case(ref=f"C{attempt}"))
        started, refused = race(8, lambda: store.start_session(case.id))
        assert len(started) == 1 and len(refused) == 7
        assert len(store.sessions(case.id)) == 1


def test_a_session_copy_is_equal_and_shares_nothing_that_can_change() -> None:
    from srt_tui.records.model import ClipFeedback, ClipWatch

    session = Session(
        case_id="c", date=date(2026, 3, 2),
        exercises=[ExerciseRecord("F01", Outcome.COMPLETED, answers={"q1": "Mine."}, notes="n")],
        notes="Notes.", amendments=[Amendment("notes", "Old.", "Notes.", "Typo", by="Sam")],
        clips_watched=[ClipWatch("clips/F01.mp4", "F01", 12.0, 10.0)],
        feedback=[ClipFeedback("clips/F01.mp4", "F01", relatable=4)],
    )
    original = session.to_dict()
    copy = session.copy()
    assert copy == session and copy.to_dict() == original
    copy.exercises[0].answers["q1"] = "Changed."
    copy.exercises[0].outcome = None
    copy.exercises.append(ExerciseRecord("F02"))
    copy.amendments[0].reason = "Other"
    copy.clips_watched[0].furthest = 99.0
    copy.feedback[0].comment = "Said later."
    copy.notes = "Other notes."
    assert session.to_dict() == original
    assert session.effective().notes == "Notes." and session.to_dict() == original


def test_a_case_file_is_read_as_plain_bytes_and_checked_elsewhere(tmp_path: Path) -> None:
    from srt_tui.records.casefile import case_from_bytes
    from srt_tui.records.storage import DamagedFileError

    store = RecordStore(tmp_path / "data")
    case = store.create_case(Case(ref="P1", alias="J.B.", referral_date=date(2026, 1, 5), id="case-p1"))
    store.start_session(case.id)
    path, plain = store.read_case_file(case.id)
    assert path == tmp_path / "data" / "cases" / "case-p1.json"
    read, sessions = case_from_bytes(plain, path, case.id)
    assert read == store.get_case(case.id) and sessions == store.sessions(case.id)
    with pytest.raises(DamagedFileError, match="case-p1.json is damaged"):
        case_from_bytes(b"[1]", path, case.id)
    with pytest.raises(DamagedFileError, match="different case"):
        case_from_bytes(plain, path, "case-other")
    with pytest.raises(RecordError, match="no case with id case-none"):
        store.read_case_file("case-none")
