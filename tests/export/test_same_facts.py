"""Every format of one case states the same facts: each file is read back the way a person
or a spreadsheet would read it (visible text, table cells, rows) and the facts compared."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import FORMATS, render_case
from srt_tui.records.model import Amendment, Case, ExerciseRecord, Outcome, Session
from tests.export.facts import Facts, from_csv, from_html, from_json, from_markdown, from_pdf
from tests.export.samples import ALIAS, REF, SCRIPT, UTC_TIME

READERS = {
    "json": from_json,
    "csv": from_csv,
    "md": lambda data: from_markdown(data.decode("utf-8")),
    "html": lambda data: from_html(data.decode("utf-8")),
    "pdf": from_pdf,
}


def _all_facts(pack: ContentPack, case: Case, sessions: list[Session]) -> dict[str, Facts]:
    facts = {}
    for fmt, read in READERS.items():
        facts[fmt] = read(render_case(pack, case, sessions, fmt, UTC_TIME))
        facts[fmt].skips.sort()
        facts[fmt].notes.sort()  # exercises' notes come before the session's in reading order
    return facts


def _assert_same(facts: dict[str, Facts]) -> Facts:
    reference = facts["json"]
    for fmt, found in facts.items():
        assert found == reference, f"{fmt} differs from the JSON summary"
    return reference


def test_every_format_is_read_here() -> None:
    assert set(READERS) == set(FORMATS)


def test_the_sample_case_states_the_same_facts_everywhere(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    facts = _assert_same(_all_facts(pack, case, sessions))
    assert facts == Facts(
        ref=REF,
        alias=ALIAS,
        state="Active since Tue 10 Feb 2026",
        category="Foundation completed",
        sessions_held="2",
        last_seen="Tue 10 Mar 2026",
        open_task="Notice three early warning signs - one - two",
        modules=[("Foundation", 1, 1, 2), ("Thinking skills", 0, 0, 1)],
        skips=[("F02 Children first", "No children in the household")],
        outcomes=[(1, "F01", "Completed"), (1, "F02", "Skipped: not relevant"), (2, "T01", "Partly done")],
        clips=[
            (1, "F01 Warning signs, F01-m.mp4: watched to 2:10 (2:30 played); relatable 4/5, helpful 5/5, "
                f"comment: “It felt like my own kitchen {SCRIPT}”"),
            (1, "T01 Thinking traps, T01.mp4: not played; helpful 2/5"),
        ],
        notes=[(1, "F01", "Practitioner only"), (1, "session", "Practitioner only"),
               (2, "session", "Shared with the participant")],
    )


def test_a_case_with_no_sessions_states_the_same_facts_everywhere(pack: ContentPack, case: Case) -> None:
    facts = _assert_same(_all_facts(pack, case, []))
    assert (facts.sessions_held, facts.last_seen, facts.open_task) == ("0", "Not seen yet", "None recorded.")
    assert facts.category == "Not commenced"
    assert facts.outcomes == [] and facts.skips == [] and facts.clips == []
    assert facts.modules == [("Foundation", 0, 0, 2), ("Thinking skills", 0, 0, 1)]


def test_a_skip_later_completed_is_no_longer_a_skip_anywhere(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    later = Session(
        case_id=case.id, date=date(2026, 3, 17), started_at=sessions[1].started_at.replace(day=17),
        ended_at=sessions[1].started_at.replace(day=17, hour=11),
        exercises=[ExerciseRecord("F02", Outcome.COMPLETED), ExerciseRecord("T01", Outcome.NOT_RELEVANT,
                                                                               skip_reason="Covered elsewhere")],
        task_set="Talk to your sister", id="sess0003",
    )
    closed = replace(sessions[1], ended_at=sessions[1].started_at.replace(hour=11))
    facts = _assert_same(_all_facts(pack, case, [sessions[0], closed, later]))
    assert facts.skips == [("T01 Thinking traps", "Covered elsewhere")]
    assert facts.category == "All completed"
    assert facts.open_task == "Talk to your sister"
    assert facts.outcomes[-2:] == [(3, "F02", "Completed"), (3, "T01", "Skipped: not relevant")]


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "csv"])
def test_the_facts_follow_the_records(pack: ContentPack, case: Case, sessions: list[Session], fmt: str) -> None:
    """A changed record changes what every format says (the readers are not just echoing)."""
    moved = replace(case, alias="Q.R.")
    facts = READERS[fmt](render_case(pack, moved, sessions[:1], fmt, UTC_TIME))
    assert facts.alias == "Q.R."
    assert facts.sessions_held == "1"
    assert [o[1] for o in facts.outcomes] == ["F01", "F02"]
    assert [c[0] for c in facts.clips] == [1, 1]
    without = READERS[fmt](render_case(pack, moved, [replace(sessions[0], clips_watched=[], feedback=[])], fmt,
                                       UTC_TIME))
    assert without.clips == []


def test_who_may_see_each_note_is_the_same_everywhere_and_follows_amendments(
    pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    """Every note is in every format, labelled with who may see it; an amendment that shares a
    note, or takes it back, changes the label everywhere."""
    first, second = sessions
    first.exercises[1].notes = "Skipped, but we talked about it"
    first.exercises[1].notes_practitioner_only = False
    first.amendments += [
        Amendment("notes_practitioner_only", "practitioner-only", "shared", "Agreed to share", at=UTC_TIME),
        Amendment("exercise:F01:notes_practitioner_only", "practitioner-only", "shared", "Shared", at=UTC_TIME),
        Amendment("exercise:F01:notes_practitioner_only", "shared", "practitioner-only", "Taken back", at=UTC_TIME),
    ]
    second.notes_practitioner_only = True
    facts = _assert_same(_all_facts(pack, case, [first, second]))
    assert facts.notes == [(1, "F01", "Practitioner only"), (1, "F02", "Shared with the participant"),
                           (1, "session", "Shared with the participant"), (2, "session", "Practitioner only")]
