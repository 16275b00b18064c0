"""What is wrong with the case files, and the offer to put them back from a backup.

Shown as the app opens the records (and from the palette's "Check and repair records") when
a case file is damaged or missing. It names cases by reference only, says that nothing was
written over and where a damaged file is kept, and when each newest good copy was made.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from srt_tui.display import plain
from srt_tui.records.doctor import Damage


def damage_text(damage: Sequence[Damage], kept_in: Path, *, read_only: bool) -> Text:
    """The dialog's words: each case and what is wrong with it, then what restoring does."""
    text = Text("srt-tui has not written over these files and will not.\n\n")
    for item in damage:
        name = item.name
        text.append_text(plain(f"• {name[0].upper()}{name[1:]}: its file is {item.problem}. "))
        if item.copy is not None:
            text.append(f"Newest good copy: the backup of {item.copy.made_at.astimezone():%Y-%m-%d %H:%M}.\n")
        else:
            text.append("No backup holds a good copy.\n", style="bold")
    text.append("\n")
    restorable = any(item.copy is not None for item in damage)
    if read_only:
        text.append("These records are open read-only, so nothing can be restored here. Quit, then run "
                    "srt-tui doctor --restore without --read-only.")
    elif restorable:
        text.append("Restoring puts back each backup's copy. Anything saved to a case after its backup was "
                    "made is only in the damaged file, which is kept in ")
        text.append_text(plain(str(kept_in)))
        text.append(" for recovery by hand.")
        if not all(item.copy is not None for item in damage):
            text.append(" A file no backup holds is left as it is.")
    else:
        text.append("No backup holds a good copy, so there is nothing to restore from. The files are left "
                    "as they are for recovery by hand; srt-tui doctor shows the details.")
    return text


class RestoreDialog(ModalScreen[bool]):
    """Returns True to restore from the backups; False for "Not now" (or "OK", when there is
    nothing this window can restore)."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "not_now", "Not now", tooltip="Close without changing anything",
                        id="dialog-cancel")]

    def __init__(self, damage: Sequence[Damage], kept_in: Path, *, read_only: bool = False) -> None:
        super().__init__()
        self._damage = list(damage)
        self._kept_in = kept_in
        self._read_only = read_only
        self.can_restore = not read_only and any(item.copy is not None for item in damage)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Some case files cannot be read", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(damage_text(self._damage, self._kept_in, read_only=self._read_only), id="damage")
            with Horizontal(classes="dialog-buttons"):
                if self.can_restore:
                    yield Button("Restore from backup", variant="primary", id="restore")
                    yield Button("Not now", id="not-now")
                else:
                    yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#restore" if self.can_restore else "#ok", Button).focus()

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#not-now, #ok")
    def action_not_now(self) -> None:
        self.dismiss(False)
