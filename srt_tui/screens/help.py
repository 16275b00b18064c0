"""Help: how the app is meant to be used, and the keys of the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from srt_tui.widgets.key_bar import KeyBar

# (heading, paragraph): one logical line each, so the text wraps to any width (80 columns up).
GUIDE: tuple[tuple[str, str], ...] = (
    ("", "srt-tui helps you deliver the relationships-skills toolkit one to one, offline. "
         "Everything stays on this computer: nothing is ever sent over the network."),
    ("Case list", "Type to filter, Enter opens a case, ctrl+n creates one, ctrl+r the caseload report."),
    ("Case overview", "Progress per module, the open between-session task and the session history. "
                      "s starts a session (or resumes the one still open), x exports the summary, "
                      "t changes the state, p plans the next session (exercises, minutes, a one-page "
                      "plan), h previews the participant handout of the latest session. Enter on a "
                      "past session shows its record; there, a adds an amendment (with a reason). "
                      "ctrl+d deletes the case, once you type its reference (retention)."),
    ("Session", "Choose any exercise, in any order (F2). Foundation exercises not yet done are "
                "marked as recommended first, but you decide. Answers and notes save themselves as "
                "you type. F3 shows the session record, F5 the worksheet, F9 the outcome, F8 ends "
                "the session; after that, changes are amendments with a reason. Escape goes back "
                "and leaves the session open."),
    ("Clip", "F4 plays it in VLC's own window and gives the clip panel the keys (hand them over): "
             "space play/pause, left/right 10 s back/on, [ ] or p n chapters, 1-9 chapter N, r "
             "replays the last 15 s, c captions, m mute, - + volume, f full screen, s stop, b from "
             "the beginning. A clip resumes where it was left. Letters typed in a text box stay "
             "text. v asks the participant: relatable? helpful? (1-5, optional) and a comment."),
    ("Participant view", "F12 in a session shows only this exercise, the clip, the worksheet, "
                         "the participant's reflections and notes you marked shared: no "
                         "practitioner-only notes, guidance, outcome or other cases (not in the "
                         "palette either). Every note is practitioner-only until you untick "
                         "\"Practitioner only\" under it. F2 there shows their progress and "
                         "reflections. F12 or Escape returns (with the passphrase, when one is set)."),
    ("Locking", "With a passphrase set (srt-tui passphrase set) the records are encrypted on disk "
                "and the app locks after a few idle minutes, or at once with ctrl+l."),
    ("Guidance", "How to use the toolkit (foundation first, choosing by need, resistance): g here, "
                 "ctrl+g anywhere. The guided tour: t here or ctrl+t anywhere; ctrl+t moves it on a "
                 "step, F10 ends it."),
    ("Palette", "ctrl+p jumps to any case or exercise by typing part of its name, or chooses a "
                "theme (\"Theme\"; \"High contrast theme\"). The theme you choose is remembered. "
                "\"Check and repair records\" looks for damaged case files and offers to restore them."),
)


def guide_text() -> Text:
    text = Text()
    for heading, paragraph in GUIDE:
        if heading:
            text.append(f"{heading}: ", style="bold")
        text.append(paragraph + "\n\n")
    text.rstrip()
    return text


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
            yield Static(guide_text(), id="guide")
            yield Static("Keys on this screen", classes="section-title", markup=False)
            yield Static(self._key_table(), id="keys")
        yield KeyBar()

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
