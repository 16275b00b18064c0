"""The participant handout: the pack's key points of the exercises covered, the task, clips
worth watching again, the notes marked shared; large print; and nothing practitioner-only,
in any format."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from srt_tui.content.model import Clip, ContentPack
from srt_tui.export.handout import NO_TASK, build_handout, handout_session
from srt_tui.records.participant import SHARED_NOTES_TITLE as SHARED_NOTES
from srt_tui.export.leaflet import FORMATS, leaflet_html, render_leaflet
from srt_tui.records.model import Amendment, Case, ClipWatch, ExerciseRecord, Outcome, Session
from tests.export.facts import parse_html, pdf_text
from tests.export.samples import ALIAS, HOSTILE, PLAIN, REF, SCRIPT, UTC_TIME

# Practitioner-only text in the sample records: none of it may reach a participant.
PRIVATE = ("notes_before", "notes_after", "reflections", "responsivity", "exercise_notes", "answer_f01_q1",
           "answer_f01_q2_after", "plan_next", "task_review", "practitioner", "skip_reason", "by")


def _with_clips(pack: ContentPack) -> ContentPack:
    """The sample pack with a clip for F01 (3 minutes) and T01 (2 minutes)."""
    clips = {"F01": Clip(pack.root / "clips" / "F01-m.mp4", 180.0, variant="partner-male"),
             "T01": Clip(pack.root / "clips" / "T01.mp4", 120.0)}
    exercises = tuple(replace(e, clips=(clips[e.id],)) if e.id in clips else e for e in pack.exercises)
    return replace(pack, exercises=exercises, _by_id={})


def _text(data: bytes, fmt: str) -> str:
    return pdf_text(data) if fmt == "pdf" else data.decode("utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_nothing_practitioner_only_reaches_the_handout(
    pack: ContentPack, case: Case, sessions: list[Session], fmt: str
) -> None:
    shown = _text(render_leaflet(build_handout(_with_clips(pack), case, sessions[0]), fmt), fmt)
    for key in PRIVATE:
        assert PLAIN[key] not in shown, key
    assert REF not in shown and "CRN" not in shown
    assert ALIAS in shown
    assert "A point." in " ".join(shown.split())  # the pack's key point of F01
    assert PLAIN["task_set"] in shown


def test_what_the_handout_says(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    session = replace(sessions[0], clips_watched=[ClipWatch("clips/F01-m.mp4", "F01", furthest=70.0)])
    leaflet = build_handout(_with_clips(pack), case, session)
    assert leaflet.large and not leaflet.marked
    covered, task, clips = leaflet.sections
    assert [i.lead for i in covered.items] == ["Warning signs"]  # F02 was skipped as not relevant
    assert task.items[0].text.startswith(PLAIN["task_set"])
    assert [(i.lead, i.text) for i in clips.items] == [("Warning signs", "F01-m.mp4: you watched 1:10 of 3:00.")]
    watched = replace(session, clips_watched=[ClipWatch("clips/F01-m.mp4", "F01", furthest=179.0)])
    clips = build_handout(_with_clips(pack), case, watched).sections[2]
    assert [(i.lead, i.text) for i in clips.items] == [("Warning signs", "F01-m.mp4 (3:00).")]  # the session's clip
    bare = build_handout(pack, case, replace(session, task_set="  ", clips_watched=[]))
    assert bare.sections[1].items == () and bare.sections[1].empty == NO_TASK
    assert bare.sections[2].items == ()


def test_handout_html_is_large_print_and_escaped(pack: ContentPack, case: Case, sessions: list[Session]) -> None:
    session = replace(sessions[0], task_set=SCRIPT)
    html = leaflet_html(build_handout(pack, case, session))
    assert "font: 22px" in html and "<script>" not in html
    assert "Content-Security-Policy" in html
    root = parse_html(html)
    assert [h.text() for h in root.find_all("h2")] == [
        "What we talked about", "Your task before next time", "Clips worth watching again"]
    assert SCRIPT in root.text()


def test_the_handout_is_for_the_latest_ended_session(sessions: list[Session]) -> None:
    assert handout_session(sessions) is sessions[0]  # the second is still open
    assert handout_session(sessions[1:]) is sessions[1]
    assert handout_session([]) is None


def test_export_handout_names_the_file_by_alias(tmp_path: Path, pack: ContentPack, case: Case,
                                                 sessions: list[Session]) -> None:
    from srt_tui.export import ExportError
    from srt_tui.export.papers import export_handout
    from tests.export.samples import FakeStore

    store = FakeStore(case, sessions, tmp_path)
    path = export_handout(store, pack, REF, "md", tmp_path / "out")  # type: ignore[arg-type]
    assert path.name == "handout-J_S-2026-03-03.md"
    assert "Warning signs" in path.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="no sessions"):
        export_handout(FakeStore(case, [], tmp_path), pack, REF, "md", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="Unknown format"):
        export_handout(store, pack, REF, "csv", tmp_path)  # type: ignore[arg-type]


SESSION_SHARED = "We agreed: SHARED-SESSION-SUMMARY"
EXERCISE_SHARED = "Our words: SHARED-F01-SUMMARY"
SESSION_PRIVATE = "Risk worry: PRIVATE-SESSION-NOTE"
EXERCISE_PRIVATE = "Minimising again: PRIVATE-T01-NOTE"


def _mixed(session: Session) -> Session:
    """``session`` with one shared and one practitioner-only note at each level."""
    return replace(
        session, notes=SESSION_SHARED, notes_practitioner_only=False, amendments=[],
        exercises=[replace(session.exercises[0], notes=EXERCISE_SHARED, notes_practitioner_only=False),
                   ExerciseRecord("T01", Outcome.PARTLY_DONE, notes=EXERCISE_PRIVATE)],
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shared_notes_reach_the_handout_and_private_ones_never_do(
    pack: ContentPack, case: Case, sessions: list[Session], fmt: str
) -> None:
    shown = " ".join(_text(render_leaflet(build_handout(pack, case, _mixed(sessions[0])), fmt), fmt).split())
    assert SHARED_NOTES in shown
    assert "SHARED-SESSION-SUMMARY" in shown and "SHARED-F01-SUMMARY" in shown
    assert "PRIVATE-T01-NOTE" not in shown
    private = replace(_mixed(sessions[0]), notes=SESSION_PRIVATE, notes_practitioner_only=True)
    private.exercises[0].notes_practitioner_only = True
    shown = _text(render_leaflet(build_handout(pack, case, private), fmt), fmt)
    for secret in ("PRIVATE-SESSION-NOTE", "SHARED-F01-SUMMARY", "PRIVATE-T01-NOTE", SHARED_NOTES):
        assert secret not in shown, secret


def test_the_shared_notes_section_lists_session_notes_then_each_exercise(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    mixed = _mixed(sessions[0])
    mixed.exercises[1].notes_practitioner_only = False
    mixed.notes = f"{SESSION_SHARED}\n{HOSTILE}"
    notes = build_handout(pack, case, mixed).sections[-1]
    assert notes.heading == SHARED_NOTES
    assert [item.lead for item in notes.items] == ["", "Warning signs", "Thinking traps"]
    assert "\x1b" not in notes.items[0].text and SCRIPT in notes.items[0].text  # cleaned, kept as text


def test_the_handout_follows_amendments_that_share_or_take_back_a_note(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    shared = replace(_mixed(sessions[0]), amendments=[
        Amendment("notes_practitioner_only", "shared", "practitioner-only", "Not for him after all", at=UTC_TIME),
        Amendment("exercise:T01:notes_practitioner_only", "practitioner-only", "shared", "We wrote it", at=UTC_TIME),
    ])
    shown = leaflet_html(build_handout(pack, case, shared))
    assert "PRIVATE-T01-NOTE" in shown and "SHARED-F01-SUMMARY" in shown
    assert "SHARED-SESSION-SUMMARY" not in shown
