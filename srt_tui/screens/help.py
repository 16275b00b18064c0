"""Help: how the app is meant to be used, and the keys of the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

GUIDE = """\
srt-tui helps you deliver the relationships-skills toolkit one to one, offline.

Case list: type to filter, Enter opens a case, ctrl+n creates one.
Case overview: progress per module, the open between-session task and the session history.
  s starts a session (or resumes the one still open), x exports the summary, t changes the state.
  Enter on a past session shows its record; there, a adds an amendment (with a reason).
Session: choose any exercise, in any order (F2). Foundation exercises not yet done are marked as
  recommended first, but you decide. Answers and notes save themselves as you type.
  F3 shows the session record, F4 plays the clip in VLC, F8 ends the session; after that,
  changes are amendments with a reason. Escape goes back and leaves the session open.
Clip: F4 plays it in VLC's own window and gives the clip panel the keys (hand them over):
  space play/pause, left/right 10 s back/on, [ ] or p n chapters, 1-9 chapter N, r replays
  the last 15 s, c captions, m mute, - + volume, f full screen, s stop, b from the beginning.
  A clip resumes where it was left. Letters typed in a text box stay text.
  v on the clip asks the participant: relatable? helpful? (1-5, optional) and a comment.
Participant view (F12 in a session): only this exercise, the clip, the worksheet and the
  participant's reflections; no notes, guidance, outcome or other cases (not in the palette
  either). F2 there shows their progress and reflections. F12 or Escape returns (the
  practitioner may be asked to confirm). After a clip there, the participant is asked about it.
How to use the toolkit (foundation first, choosing by need, resistance): g here, ctrl+g anywhere.
Guided tour: t here (or ctrl+t anywhere) starts it; ctrl+t moves it on a step, F10 ends it.
Case overview: p plans the next session (exercises, minutes, a one-page plan); h writes the
  participant handout of the latest session (large print, nothing practitioner-only).
ctrl+p opens the command palette: jump to any case or exercise by typing part of its name, or
  choose a theme ("Theme"; "High contrast theme"). The theme you choose is remembered.
Everything stays on this computer: nothing is ever sent over the network.
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close help", id="help-close"),
        Binding("f1", "close", "Close", show=False, id="help-close-f1"),
        Binding("q", "close", "Close", show=False, id="help-close-q"),
        Binding("g", "guide", "How to use the toolkit", tooltip="Practice guidance", id="help-guide"),
        Binding("t", "tour", "Start the tour", tooltip="A guided tour of the app, step by step", id="help-tour"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Help", classes="section-title", markup=False)
            yield Static(Text(GUIDE), id="guide")
            yield Static("Keys on this screen", classes="section-title", markup=False)
            yield Static(self._key_table(), id="keys")
        yield Footer()

    def _key_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))
        return table

    def action_close(self) -> None:
        self.dismiss()

    def action_guide(self) -> None:
        self.dismiss()
        self.app.action_guide()  # type: ignore[attr-defined]

    def action_tour(self) -> None:
        self.dismiss()
        self.app.action_tour_next()  # type: ignore[attr-defined]
