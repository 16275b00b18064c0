"""Keeping the records safe inside the app: the backup after a session ends, and the offer
to restore damaged or missing case files (as the app opens the records, and from the
palette's "Check and repair records").

The domain does the work (:meth:`RecordStore.backup`, :mod:`srt_tui.records.doctor`); this
module runs it in workers and says what happened. None of it runs in demo mode: a throwaway
fictional folder needs no backup, and one would race the folder's removal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from srt_tui.commands import in_participant_view
from srt_tui.dialogs.restore import RestoreDialog
from srt_tui.display import plain
from srt_tui.records.backup import DAMAGED_DIR
from srt_tui.records.doctor import Damage, StartReport, find_damage, restore_cases, start_checks
from srt_tui.records.store import RecordError

if TYPE_CHECKING:
    from textual.worker import Worker

    from srt_tui.app import SrtApp

BACKUP_GROUP = "records-backup"


def back_up_after_session(app: SrtApp) -> None:
    """Back the records up in a worker of its own, now that a session has ended and is saved.

    Backups never overlap: the store holds one lock from staging the files to writing the zip,
    so a second worker waits for the first. Workers of this group are never cancelled, so
    quitting can wait for them (:func:`exit_after_backups`). (An exclusive group would cancel
    only the bookkeeping of an earlier backup, never its thread.)
    """
    if app.demo is None:
        app.run_worker(partial(_back_up, app), thread=True, group=BACKUP_GROUP, exit_on_error=False,
                       description="Back up the records after a session ended")


def _back_up(app: SrtApp) -> None:
    try:
        result = app.store.backup("session-ended")
    except (RecordError, OSError) as error:
        app.call_from_thread(app.notify, f"The session is saved, but the backup after it failed: {error}",
                             title="Backup failed", severity="error", markup=False, timeout=60)
        return
    if result.skipped:
        app.call_from_thread(
            app.notify, f"The session is saved and backed up, but {len(result.skipped)} damaged records "
            "file(s) were left out of the backup. \"Check and repair records\" in the palette (ctrl+p) "
            "offers to restore them.", title="Backup", severity="warning", markup=False, timeout=30)


def exit_after_backups(app: SrtApp) -> None:
    """Quit now, or once the backups under way have finished, saying so. (Quitting in the
    middle of one would not leave a broken backup, as a zip only takes its name once whole,
    but that backup would be lost, and it is the only one holding the session just ended.)"""
    running = [worker for worker in app.workers if worker.group == BACKUP_GROUP and not worker.is_finished]
    if not running:
        app.exit()
        return
    app.notify("Finishing the backup of the records before quitting…", title="Backup", timeout=30)
    app.run_worker(_exit_when_finished(app, running), group="quit", exclusive=True, exit_on_error=False)


async def _exit_when_finished(app: SrtApp, running: list[Worker[None]]) -> None:
    while any(not worker.is_finished for worker in running):  # finished however it ended
        await asyncio.sleep(0.05)
    app.exit()


def open_records(app: SrtApp) -> None:
    """As the app opens the records (on a worker thread): back up and look for damage, or in
    read-only mode only look; then say what is wrong and offer to restore."""
    if app.store.read_only:
        try:
            report = StartReport(damage=find_damage(app.store))
        except RecordError as error:
            report = StartReport(messages=[f"The records could not be checked: {error}"])
    else:
        report = start_checks(app.store)
    for message in report.messages:
        app.call_from_thread(app.notify, message, title="Records", severity="error", markup=False, timeout=60)
    if report.damage:
        app.call_from_thread(offer_restore, app, report.damage)


def check_records(app: SrtApp) -> None:
    """The palette's "Check and repair records": look at every case file now, in a worker."""
    app.run_worker(partial(_check, app), thread=True, group="records-check", exclusive=True,
                   exit_on_error=False, description="Check the records")


def _check(app: SrtApp) -> None:
    try:
        damage = find_damage(app.store)
    except RecordError as error:
        app.call_from_thread(app.notify, f"The records could not be checked: {error}", title="Records",
                             severity="error", markup=False, timeout=60)
        return
    if damage:
        app.call_from_thread(offer_restore, app, damage)
    else:
        app.call_from_thread(app.notify, "Every case file reads cleanly: nothing needs restoring.",
                             title="Records checked", markup=False)


def offer_restore(app: SrtApp, damage: Sequence[Damage]) -> None:
    """Show what is wrong and offer to restore; never over the lock screen or participant view,
    where case references must not show."""
    if app.locked or in_participant_view(app):
        app.notify("Some case files cannot be read. After participant view, choose \"Check and repair "
                   "records\" in the palette (ctrl+p).", title="Records", severity="error", timeout=60)
        return
    dialog = RestoreDialog(damage, app.store.data_dir / DAMAGED_DIR, read_only=app.store.read_only)
    restorable = [item for item in damage if item.copy is not None]
    app.push_screen(dialog, lambda restore: _restore_chosen(app, restorable) if restore else None)


def _restore_chosen(app: SrtApp, damage: list[Damage]) -> None:
    app.run_worker(partial(_restore, app, damage), thread=True, group="records-restore", exit_on_error=False,
                   description="Restore case files from backups")


def _restore(app: SrtApp, damage: list[Damage]) -> None:
    try:
        report = restore_cases(app.store, damage)
    except RecordError as error:
        app.call_from_thread(_restored, app, "Nothing was restored", plain(str(error)))
        return
    message = Text()
    for level, line in report.lines:
        message.append_text(plain(f"• {line}\n", style="bold red" if level == "problem" else ""))
    message.rstrip()
    app.call_from_thread(_restored, app, "Some files could not be restored" if report.problems else "Restored",
                         message)


def _restored(app: SrtApp, title: str, message: Text) -> None:
    from srt_tui.screens.case_list import say_records_changed

    say_records_changed(app, title, message)
