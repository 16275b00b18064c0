"""Deleting a case from inside the app (retention): confirm with the reference typed out,
delete in a worker through the store (which writes the audit log), then say exactly what
was removed and what was not, back on the case list."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from srt_tui.commands import in_participant_view
from srt_tui.dialogs.delete_case import DeleteCaseDialog
from srt_tui.display import plain
from srt_tui.records.backup import holding
from srt_tui.records.store import Deletion, RecordError
from srt_tui.screens.case_list import CaseListScreen, say_records_changed

if TYPE_CHECKING:
    from srt_tui.app import SrtApp
    from srt_tui.records.model import Case


def delete_case(app: SrtApp, case: Case, sessions: int) -> None:
    """Ask, then delete ``case`` and its ``sessions`` (a count, for the question)."""
    refusal = _refusal(app)
    if refusal:
        app.notify(refusal, title="Case not deleted", severity="warning", markup=False)
        return
    app.run_worker(partial(_ask, app, case, sessions), thread=True, group="delete-case", exclusive=True,
                   exit_on_error=False, description="Count the backups holding a case")


def _refusal(app: SrtApp) -> str | None:
    from srt_tui.screens.session import SessionScreen

    if app.store.read_only:
        return "These records are open read-only: no case can be deleted here."
    if in_participant_view(app):
        return "Cases cannot be deleted in participant view."
    if any(isinstance(screen, SessionScreen) for screen in app.screen_stack):
        return "A session screen is still open underneath: leave it (Escape there) before deleting a case."
    return None


def _ask(app: SrtApp, case: Case, sessions: int) -> None:
    try:
        held: int | None = len(holding(app.store.data_dir, case.id))
    except (RecordError, OSError):
        held = None  # the dialog then offers "every backup that holds it"
    app.call_from_thread(_confirm, app, case, sessions, held)


def _confirm(app: SrtApp, case: Case, sessions: int, held: int | None) -> None:
    if _refusal(app):
        return  # e.g. participant view began while the backups were counted: show no case
    app.push_screen(DeleteCaseDialog(case.ref, case.alias, sessions, held), partial(_chosen, app, case))


def _chosen(app: SrtApp, case: Case, from_backups: bool | None) -> None:
    if from_backups is None:
        return
    _back_to_case_list(app)  # nothing can be started on the case while it is being deleted
    app.run_worker(partial(_delete, app, case, from_backups), thread=True, group="delete-case",
                   exit_on_error=False, description="Delete a case")


def _delete(app: SrtApp, case: Case, from_backups: bool) -> None:
    try:
        deletion = app.store.delete_case(case.id, from_backups=from_backups)
    except RecordError as error:
        app.call_from_thread(_say, app, "The case was not deleted", plain(str(error)))
        return
    app.call_from_thread(_say, app, "Case deleted", deletion_text(deletion))


def _say(app: SrtApp, title: str, message: Text) -> None:
    _back_to_case_list(app)
    say_records_changed(app, title, message)


def _back_to_case_list(app: SrtApp) -> None:
    while not isinstance(app.screen, CaseListScreen) and len(app.screen_stack) > 1:
        app.pop_screen()


def deletion_text(deletion: Deletion) -> Text:
    text = Text()
    text.append("Deleted:\n", style="bold")
    for line in deletion.removed:
        text.append_text(plain(f"• {line}\n"))
    if deletion.left:
        text.append("Not deleted:\n", style="bold")
        for line in deletion.left:
            text.append_text(plain(f"• {line}\n", style="bold red"))
    text.append("Exports written earlier are not touched: delete any you no longer need yourself.")
    return text
