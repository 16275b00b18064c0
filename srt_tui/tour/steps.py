"""The guided tour's steps, as data: what each says, which widget it points at, and what the
user does to move on. Conditions are checked against the running app by
:mod:`srt_tui.tour.controller`:

* ``screen:Name``: the screen on top is of the class ``Name``;
* ``exists:SELECTOR``: the screen on top has a widget matching ``SELECTOR``;
* ``focus:SELECTOR``: the focused widget matches ``SELECTOR`` or is inside one that does.

A step with no conditions moves on only with the tour key.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    target: str = ""  # the widgets to point at on the screen on top (a selector), if any
    done_when: tuple[str, ...] = ()  # any of these moves the tour on


STEPS: tuple[Step, ...] = (
    Step("cases", "Your caseload",
         "This is the case list. Type to filter it, arrows move, Enter opens a case; ctrl+n creates one. "
         "Open a case now.",
         target="#cases", done_when=("screen:CaseOverviewScreen",)),
    Step("overview", "A case at a glance",
         "Progress per module, the open task and every session. Press s to start a session "
         "(or resume the open one).",
         target="#sessions", done_when=("screen:SessionScreen",)),
    Step("choose", "Choose any exercise",
         "Pick exercises in any order: F2 goes to the list, Enter opens one. Foundation first is "
         "recommended, but you decide.",
         target="#picker", done_when=("exists:#exercise-panel",)),
    Step("clip", "Play the clip",
         "F4 plays the exercise's clip in VLC; the clip panel then takes the keys (space pauses).",
         target="#exercise-panel", done_when=("focus:PlayerPanel",)),
    Step("notes", "Notes save themselves",
         "Type answers and notes in the boxes (F5 worksheet, F3 session record); they save as you type.",
         target="#exercise-panel, #session-form", done_when=("focus:#notes, #exercise-notes",)),
    Step("end", "End the session",
         "F8 reviews and ends the session. After that, changes are amendments with a reason.",
         done_when=("screen:EndSessionDialog",)),
    Step("export", "Export and prepare",
         "On the case overview: x exports the summary, h writes the participant handout, "
         "p plans the next session.",
         done_when=("screen:ExportFormatDialog", "screen:LeafletFormatDialog", "screen:SessionPlanScreen")),
    Step("done", "That's the tour",
         "F1 (help) then t starts it again; ctrl+g shows how to use the toolkit."),
)

__all__ = ["STEPS", "Step"]
