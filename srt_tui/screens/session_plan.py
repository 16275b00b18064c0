"""Prepare the next session: tick exercises from the whole toolkit (grouped by module, each
with its minutes and whether it is done), see the running total, the last session's notes and
plan and the open task, add a note, and save it on the case or export a one-page plan.

Escape saves a changed plan and goes back, so a plan never needs more than the ticks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from srt_tui.dialogs.leaflet_format import LeafletFormatDialog
from srt_tui.display import plain
from srt_tui.export.plan import PlanChoice, plan_choices, total_minutes
from srt_tui.records.model import Case, Session
from srt_tui.records.progress import open_task
from srt_tui.records.store import RecordError
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from srt_tui.app import SrtApp

MODULE_PREFIX = "module:"  # values of the (disabled) module headings in the list


class SessionPlanScreen(Screen[None]):
    CSS_PATH = "session_plan.tcss"
    BINDINGS = [
        Binding("f2", "save", "Save plan", tooltip="Save the plan on the case", id="plan-save"),
        Binding("f3", "export", "Export plan", tooltip="Save, then export or print a one-page plan",
                id="plan-export"),
        Binding("escape", "back", "Back", tooltip="Save the plan if changed and go back", id="plan-back"),
    ]

    app: SrtApp

    def __init__(self, case: Case, sessions: list[Session]) -> None:
        super().__init__()
        self.case = case
        self.sessions = sessions
        self.saved = (list(case.next_plan), case.next_plan_note)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="plan"):
            yield SelectionList[str](*self._selections(), id="plan-exercises")
            with VerticalScroll(id="plan-side"):
                yield Static("", id="plan-total", markup=False)
                yield Input(self.case.next_plan_note, placeholder="Note for next time (optional)",
                            id="plan-note")
                yield Static("Open task", classes="section-title", markup=False)
                yield Static(plain(open_task(self.sessions) or "No task is open."), id="plan-task")
                yield Static("Last session", classes="section-title", markup=False)
                yield Static(self._last_session(), id="plan-last")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"Plan the next session: {self.case.ref} ({self.case.alias})"
        listing = self.query_one("#plan-exercises", SelectionList)
        listing.border_title = "Exercises (space ticks)"
        listing.border_subtitle = LEGEND
        self._show_total()

    def _selections(self) -> list[Selection[str]]:
        planned = set(self.case.next_plan)
        items: list[Selection[str]] = []
        module = None
        for choice in plan_choices(self.app.pack, self.case, self.sessions):
            if choice.module != module:
                module = choice.module
                items.append(Selection(Text(choice.module or "Other", style="bold"), f"{MODULE_PREFIX}{module}",
                                       disabled=True))
            items.append(Selection(_label(choice), choice.id, choice.id in planned))
        return items

    def _last_session(self) -> Text:
        if not self.sessions:
            return Text("No sessions yet.")
        last = self.sessions[-1].amended()
        text = Text()
        text.append(f"{last.date.isoformat()}\n", style="bold")
        text.append("Notes: ", style="bold")
        text.append_text(plain(last.notes.strip() or "none"))
        text.append("\nPlan: ", style="bold")
        text.append_text(plain(last.plan_next.strip() or "none"))
        return text

    def chosen(self) -> list[str]:
        """The ticked exercises, in toolkit order."""
        return [value for value in self.query_one("#plan-exercises", SelectionList).selected
                if not value.startswith(MODULE_PREFIX)]

    def _show_total(self) -> None:
        chosen = self.chosen()
        minutes = total_minutes(self.app.pack, chosen)
        self.query_one("#plan-total", Static).update(
            f"Planned: {len(chosen)} exercise(s), about {minutes} minutes"
        )

    @on(SelectionList.SelectedChanged, "#plan-exercises")
    def _changed(self) -> None:
        self._show_total()

    def _plan(self) -> Case:
        ordered = self.chosen()
        order = {choice.id: n for n, choice in enumerate(plan_choices(self.app.pack, self.case, self.sessions))}
        ordered.sort(key=lambda i: order.get(i, len(order)))
        return replace(self.case, next_plan=ordered, next_plan_note=self.query_one("#plan-note", Input).value)

    def action_save(self) -> None:
        self._save(self._plan(), then=None)

    def action_export(self) -> None:
        self.app.push_screen(LeafletFormatDialog("Export the session plan as"), self._export_chosen)

    def _export_chosen(self, fmt: str | None) -> None:
        if fmt:
            self._save(self._plan(), then=fmt)

    def action_back(self) -> None:
        case = self._plan()
        if (case.next_plan, case.next_plan_note) != self.saved:
            self._save(case, then="back")
        else:
            self.dismiss()

    @work(thread=True, exclusive=True, group="session-plan")
    def _save(self, case: Case, then: str | None) -> None:
        """Write the plan onto the latest stored case (other details may have changed), then
        export it (``then`` a format) or go back (``"back"``)."""
        try:
            stored = self.app.store.get_case(case.id)
            saved = self.app.store.update_case(
                replace(stored, next_plan=case.next_plan, next_plan_note=case.next_plan_note))
        except RecordError as error:
            self.app.call_from_thread(self.notify, str(error), title="Plan not saved", severity="error",
                                      markup=False)
            return
        self.case = saved
        self.saved = (list(saved.next_plan), saved.next_plan_note)
        if then == "back":
            self.app.call_from_thread(self.notify, "Plan saved.", title="Session plan")
            self.app.call_from_thread(self.dismiss)
        elif then:
            self._write(saved.ref, then)
        else:
            self.app.call_from_thread(self.notify, "Plan saved.", title="Session plan")

    def _write(self, ref: str, fmt: str) -> None:
        from srt_tui.export import ExportError
        from srt_tui.export.papers import export_plan

        try:
            path = export_plan(self.app.store, self.app.pack, ref, fmt, self.app.export_dir)
        except (ExportError, RecordError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), title="Export failed", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, f"Plan saved and exported to {path}", title="Session plan",
                                  markup=False)


STATUS_MARKS = {"done": "✓", "started": "~", "not relevant": "–", "": " "}
LEGEND = "✓ done  ~ started  – not relevant"


def _label(choice: PlanChoice) -> Text:
    """``F01 20m ✓ Title``: minutes and status before the title, so a narrow list keeps them."""
    return Text.assemble(f"{choice.id} ", (f"{choice.minutes:>2}m ", "dim"),
                         (f"{STATUS_MARKS.get(choice.status, ' ')} ", "bold"), choice.title)


__all__ = ["SessionPlanScreen"]
