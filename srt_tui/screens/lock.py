"""The lock screen: hides everything until the passphrase is given.

Shown full screen and opaque, so nothing of the screens beneath (case list, notes) can be
read. Two uses: the app locked (idle, or ctrl+l), which cannot be dismissed except with the
passphrase; and the practitioner check on leaving participant view, which escape cancels.

The passphrase is checked against the keyfile in a thread worker (scrypt takes a noticeable
fraction of a second); it is never shown, stored or logged, and the box is cleared after
each try.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from srt_tui.widgets.key_bar import KeyBar


class LockScreen(ModalScreen[bool]):
    """Dismissed with True once the right passphrase is typed, False if cancelled."""

    CSS_PATH = "lock.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Stay in participant view", id="lock-cancel"),
    ]

    def __init__(self, data_dir: Path, *, reason: str, cancellable: bool) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.reason = reason
        self.cancellable = cancellable

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Static("srt-tui is locked", id="lock-title")
            yield Label(self.reason, id="lock-reason", markup=False)
            yield Input(password=True, placeholder="Passphrase", id="lock-passphrase")
            yield Label("", id="lock-message", markup=False)
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.cancellable
        return True

    def action_cancel(self) -> None:
        if self.cancellable:
            self.dismiss(False)

    @on(Input.Submitted, "#lock-passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        passphrase = event.value
        event.input.clear()
        if not passphrase:
            return
        event.input.disabled = True
        self.query_one("#lock-message", Label).update("Checking...")
        self._check(passphrase)

    @work(thread=True, exclusive=True, group="lock-check", exit_on_error=False)
    def _check(self, passphrase: str) -> None:
        from srt_tui.records.crypto import check_passphrase
        from srt_tui.records.storage import RecordError

        try:
            right = check_passphrase(self.data_dir, passphrase)
            problem = "" if right else "That passphrase does not open these records."
        except RecordError as error:
            right, problem = False, str(error)
        self.app.call_from_thread(self._checked, right, problem)

    def _checked(self, right: bool, problem: str) -> None:
        if right:
            self.dismiss(True)
            return
        self.query_one("#lock-message", Label).update(problem)
        box = self.query_one("#lock-passphrase", Input)
        box.disabled = False
        box.focus()
