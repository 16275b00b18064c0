"""An ended session as it now reads, with its amendments; `a` adds an amendment (also to
who may see the notes: practitioner only, or shared with the participant)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from srt_tui.content.model import ContentPack
from srt_tui.dialogs.amend import AmendDialog, AmendmentRequest
from srt_tui.display import plain
from srt_tui.records.model import Case, Session, visibility_label
from srt_tui.records.store import RecordError
from srt_tui.records.targets import SESSION_FIELD_LABELS, amendable_targets
from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from srt_tui.app import SrtApp


def session_text(pack: ContentPack, session: Session) -> Text:
    """The session with every amendment applied, then the amendments themselves."""
    current = session.amended()
    text = Text()
    end = f"{current.ended_at.astimezone():%H:%M}" if current.ended_at else "still open"
    text.append(f"Session of {current.date.isoformat()}, {current.started_at.astimezone():%H:%M}-{end}\n",
                style="bold")
    for record in current.exercises:
        exercise = pack.exercise(record.exercise_id)
        title = exercise.title if exercise else "(not in this content pack)"
        text.append("\n")
        text.append_text(plain(f"{record.exercise_id} {title}", style="bold"))
        text.append_text(plain(f": {record.outcome.label if record.outcome else 'no outcome marked'}\n"))
        if record.skip_reason:
            text.append_text(plain(f"  Why not relevant: {record.skip_reason}\n"))
        for number, question in enumerate(exercise.questions if exercise else (), 1):
            answer = record.answers.get(question.id, "")
            text.append_text(plain(f"  {number}. {question.text}\n", style="italic"))
            text.append_text(plain(f"     {answer or '(no answer)'}\n"))
        if record.notes:
            who = visibility_label(record.notes_practitioner_only).lower()
            text.append_text(plain(f"  Notes ({who}): {record.notes}\n"))
    for name, label in SESSION_FIELD_LABELS.items():
        if name == "notes":
            label += f" ({visibility_label(current.notes_practitioner_only).lower()})"
        text.append(f"\n{label}\n", style="bold")
        text.append_text(plain(getattr(current, name) or "(none)"))
        text.append("\n")
    if session.amendments:
        text.append("\nAmendments\n", style="bold")
        for amendment in session.amendments:
            text.append_text(plain(
                f"• {amendment.at.astimezone():%Y-%m-%d %H:%M} {amendment.field}: "
                f"{amendment.before!r} → {amendment.after!r}. Reason: {amendment.reason}\n"
            ))
    return text


class SessionRecordScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "amend", "Amend", tooltip="Change this ended session, with a reason", id="record-amend"),
        Binding("escape", "back", "Back", tooltip="Back to the case", id="record-back"),
    ]

    app: SrtApp

    def __init__(self, case: Case, session: Session) -> None:
        super().__init__()
        self.case = case
        self.session = session

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="record"):
            yield Static(session_text(self.app.pack, self.session), id="record-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"{self.case.ref} ({self.case.alias}): session record"

    def action_back(self) -> None:
        self.dismiss()

    def action_amend(self) -> None:
        targets = amendable_targets(self.session, self.app.pack)
        self.app.push_screen(AmendDialog(self.session, targets), self._amend)

    def _amend(self, request: AmendmentRequest | None) -> None:
        if request is not None:
            self._save(request)

    @work(thread=True, exclusive=True, group="session-record-amend", exit_on_error=False)
    def _save(self, request: AmendmentRequest) -> None:
        try:
            session = self.app.store.amend_session(
                self.case.id, self.session.id, request.target, request.value, request.reason
            )
        except RecordError as error:
            self.app.call_from_thread(self.notify, str(error), title="Not amended", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._show, session)

    def _show(self, session: Session) -> None:
        self.session = session
        self.query_one("#record-text", Static).update(session_text(self.app.pack, session))
        self.notify("Amendment saved; the original text is kept.", markup=False)
