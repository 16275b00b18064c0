"""Ask the participant what they made of a clip: relatable? helpful? (1-5, each optional)
and a short comment. Returns the new feedback, or None when skipped (nothing changes)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from srt_tui.display import plain
from srt_tui.records.model import ClipFeedback

RATINGS = [(f"{n}  {word}", n) for n, word in
           ((1, "not at all"), (2, "a little"), (3, "somewhat"), (4, "quite"), (5, "very"))]
COMMENT_LENGTH = 300


class ClipFeedbackDialog(ModalScreen[ClipFeedback | None]):
    """Pre-filled with ``feedback`` (this clip's earlier answer in the session), if any."""

    CSS_PATH = "dialog.tcss"
    BINDINGS = [Binding("escape", "skip", "Skip", tooltip="Close without saving", id="feedback-skip")]

    def __init__(self, clip_title: str, feedback: ClipFeedback) -> None:
        super().__init__()
        self.clip_title = clip_title
        self.feedback = feedback

    def compose(self) -> ComposeResult:
        feedback = self.feedback
        with VerticalScroll(classes="dialog", id="clip-feedback"):
            yield Label("What did you think of the clip?", classes="dialog-title")
            yield Label(plain(self.clip_title), classes="muted")
            yield Label("Was it relatable? 1-5 (you can skip this)")
            yield Select(RATINGS, prompt="Skip", value=feedback.relatable or Select.NULL, id="relatable")
            yield Label("Was it helpful? 1-5 (you can skip this)")
            yield Select(RATINGS, prompt="Skip", value=feedback.helpful or Select.NULL, id="helpful")
            yield Label("Anything to add? (optional)")
            yield Input(feedback.comment, max_length=COMMENT_LENGTH, id="comment")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Skip", id="skip")

    def on_mount(self) -> None:
        self.query_one("#relatable", Select).focus()

    def _rating(self, widget_id: str) -> int | None:
        value = self.query_one(widget_id, Select).value
        return value if isinstance(value, int) else None

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#comment")
    def _save(self) -> None:
        self.dismiss(ClipFeedback(self.feedback.clip, self.feedback.exercise_id, self._rating("#relatable"),
                                  self._rating("#helpful"), self.query_one("#comment", Input).value.strip()))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self.dismiss(None)
