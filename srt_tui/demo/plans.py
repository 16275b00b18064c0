"""The shape of the demo caseload: twelve fictional cases, one line of exercises per session.

A session is written as exercise ids separated by spaces, each with an optional mark:
no mark = completed, ``~`` = partly done, ``^`` = revisited, ``-`` = left out as not
relevant (with a reason). An empty string is a session where no exercise was started.

Between them the cases cover every category a project board counts: not commenced (one
referred, one breached before commencing, one met once without starting an exercise),
stopped before finishing the foundation (discontinued, breached), ongoing (one with a
session still open, one paused after weeks on one exercise, one choosing by need),
foundation completed (one still working, one discontinued afterwards) and all completed.
"""

from __future__ import annotations

from dataclasses import dataclass

from srt_tui.records.model import CaseState, Outcome

MARKS = {"": Outcome.COMPLETED, "~": Outcome.PARTLY_DONE, "^": Outcome.REVISITED, "-": Outcome.NOT_RELEVANT}


@dataclass(frozen=True)
class CasePlan:
    ref: str
    alias: str
    state: CaseState
    sessions: tuple[str, ...] = ()  # ended sessions, oldest first
    state_reason: str = ""
    variant: str | None = "partner-female"
    responsivity: str = ""
    last_days_ago: int = 7  # the last ended session (or the referral, with no sessions)
    gap_days: int = 7  # between sessions
    open_session: str | None = None  # a session started yesterday and not yet ended
    amend_session: int | None = None  # index of the ended session that carries an amendment


PLANS: tuple[CasePlan, ...] = (
    CasePlan("DEMO-001", "A.K.", CaseState.REFERRED, last_days_ago=4,
             responsivity="Works night shifts: late mornings suit him best."),
    CasePlan("DEMO-002", "B.N.", CaseState.BREACHED, last_days_ago=30,
             state_reason="Did not attend the first three appointments (fictional)."),
    CasePlan("DEMO-003", "C.O.", CaseState.ACTIVE, ("",), last_days_ago=6,
             responsivity="Dyslexic: read questions aloud; no written tasks."),
    CasePlan("DEMO-004", "D.P.", CaseState.DISCONTINUED, ("F01 F02", "F03~"), last_days_ago=40,
             state_reason="Moved to another area; case transferred (fictional)."),
    CasePlan("DEMO-005", "E.R.", CaseState.BREACHED, ("F01", "F02 F03", "F04~"), last_days_ago=25,
             gap_days=14, state_reason="Missed appointments and returned to court (fictional)."),
    CasePlan("DEMO-006", "F.S.", CaseState.ACTIVE, ("F01", "F02 F03", "F04 F05~", "F05"), last_days_ago=8,
             open_session="F06~"),
    CasePlan("DEMO-007", "G.T.", CaseState.PAUSED, ("F01 F02", "F04~", "F04~", "F04 F03"), last_days_ago=12,
             state_reason="In hospital for a few weeks (fictional).",
             responsivity="Short attention span: ten-minute chunks, breaks between clips."),
    CasePlan("DEMO-008", "H.W.", CaseState.ACTIVE, ("F01 F02", "F03 F04", "F05 F06", "F07", "F08 E05-", "T02~"),
             variant="partner-male", last_days_ago=5),
    CasePlan("DEMO-009", "J.V.", CaseState.DISCONTINUED, ("F01 F02 F03", "F04 F05", "F06 F07 F08", "E01"),
             last_days_ago=35, state_reason="Order ended early on appeal (fictional)."),
    CasePlan("DEMO-010", "K.Y.", CaseState.COMPLETED,
             ("F01 F02", "F03 F04", "F05 F06", "F07 F08", "T01 T02", "T03 T04 T05", "E01 E02",
              "E03 E04 E05-", "R01 R02", "R03 R04", "R05- R06", "F08^"),
             last_days_ago=20, amend_session=3, responsivity="Prefers to hold the controls himself."),
    CasePlan("DEMO-011", "L.Z.", CaseState.COMPLETED,
             ("F01 F02 F03", "F04 F05", "F06 F07 F08", "T01 T03", "T02 T04 T05", "E01 E02 E03",
              "E04 E05", "R01 R02 R03", "R04 R05- R06-"),
             variant="partner-male", last_days_ago=15),
    CasePlan("DEMO-012", "M.A.", CaseState.ACTIVE, ("F01", "F02 E05~"), variant="partner-male", last_days_ago=3,
             responsivity="Alcohol is the pressing need: E05 brought forward on purpose."),
)


def parse_session(spec: str) -> list[tuple[str, Outcome]]:
    """``"F01 F02~ E05-"`` -> ``[("F01", COMPLETED), ("F02", PARTLY_DONE), ("E05", NOT_RELEVANT)]``."""
    items = []
    for token in spec.split():
        mark = token[-1] if token[-1] in "~^-" else ""
        items.append((token.removesuffix(mark) if mark else token, MARKS[mark]))
    return items


__all__ = ["CasePlan", "MARKS", "PLANS", "parse_session"]
