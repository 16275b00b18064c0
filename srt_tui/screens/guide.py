"""How to use the toolkit: practice guidance for practitioners, one key from anywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from srt_tui.widgets.key_bar import KeyBar
from srt_tui.widgets.title_bar import TitleBar

TITLE = "How to use the toolkit"

GUIDE_MARKDOWN = """\
The toolkit is a set of short clips, conversations, worksheet questions and
between-session tasks. You use it inside ordinary supervision, one to one. It is a
resource to work *with*, not a course to get through: you decide what happens in each
session.

## Foundation first, then choose by need

Start with the foundation exercises (marked ★ in the session). They set goals, build a
shared language (warning signs, time out, a personal plan) and make the rest easier.
After that, choose by what the participant needs and how they are that day: jealousy,
alcohol, parenting, a row at the weekend. Nothing is locked and there is no fixed order.
If something urgent comes up early, it is fine to bring an exercise forward.

## Staying on one exercise for weeks is fine

Some exercises land straight away; some need coming back to. Mark an exercise *partly
done* and pick it up next time, as often as it takes. *Revisited* records going back
to one that was already done. Progress counts what was done, not how fast.

## Leave out what is not relevant, and say why

Not every exercise fits every person (no children, no alcohol, still together). Mark it
*not relevant* with a short reason. It then counts as dealt with, and the reason stays
in the record for whoever reads it later. If things change, you can still do it.

## Side by side

Sit next to the participant, not across a desk. Offer them the controls for the clip:
pause, go back a chapter, watch a bit again. Type worksheet answers in their words as you
talk; there is no separate form to fill in afterwards.

## Short chunks

Sessions are short and attention can be too. One exercise, or part of one, is a good
session. Stop a clip after a scene and talk; come back to the rest later. Small tasks
that fit into a normal week work better than big ones.

## When they resist or play it down

Expect "it was only an argument" or "they wind me up". Arguing the point rarely helps.
Instead:

- go back to the goals they set in the first session;
- ask about the character in the clip before asking about them;
- ask what they noticed, then what others might have noticed;
- accept small steps, and say what you see going well;
- note what you heard in the session notes, in their words, so the record is accurate.

If something said raises a risk concern, follow your service's procedures: the toolkit
does not replace them.

## A session in practice

1. Open the case and read the last session's notes and the task that was set.
2. Press **s** to start (or resume) the session; ask how the task went.
3. Choose one or two exercises (**F2**). Read the facilitator guidance on the exercise tab.
4. Play the clip (**F4**), stop it where it helps, and talk.
5. Answer the worksheet together, mark the outcome, set the between-session task.
6. End the session (**F8**). Later changes are amendments, kept with a reason.

Everything stays on this computer and saves itself as you type.
"""


class GuideScreen(Screen[None]):
    CSS_PATH = "guide.tcss"
    BINDINGS = [Binding("escape", "back", "Back", tooltip="Back to where you were", id="guide-back")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="guide-scroll"):
            yield Markdown(GUIDE_MARKDOWN, id="guide-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = TITLE
        self.query_one("#guide-scroll").focus()

    def action_back(self) -> None:
        self.dismiss()
