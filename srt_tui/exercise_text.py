"""An exercise's content as literal Rich text, in the pieces the screens arrange.

Content-pack text is data like anything a practitioner types: it goes through
:func:`srt_tui.display.plain`, so a ``[`` in a manifest never becomes markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from srt_tui.content.model import ContentPack, Exercise
from srt_tui.display import plain


def _heading(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold")


def _bullets(text: Text, items: Iterable[str]) -> None:
    for item in items:
        text.append_text(plain(f"• {item}\n"))


def overview_text(pack: ContentPack, exercise: Exercise) -> Text:
    """Title, module, minutes, relevance tags, aim and key points (the summary slide)."""
    module = pack.module(exercise.module)
    text = Text()
    text.append_text(plain(exercise.title, style="bold underline"))
    text.append("\n")
    text.append_text(plain(f"{module.title if module else exercise.module} · {exercise.minutes} min"))
    if exercise.tags:
        text.append_text(plain(" · relevant to: " + ", ".join(exercise.tags)))
    text.append("\n")
    _heading(text, "Aim")
    text.append_text(plain(exercise.aim))
    text.append("\n")
    _heading(text, "Key points")
    _bullets(text, exercise.key_points)
    return text.rstrip() or text


def guidance_text(exercise: Exercise) -> Text:
    """Facilitator guidance: how to introduce it, discussion prompts, what to watch for."""
    text = Text()
    text.append("How to introduce it\n", style="bold")
    text.append_text(plain(exercise.guidance.introduce))
    text.append("\n")
    _heading(text, "Discussion prompts")
    _bullets(text, exercise.guidance.prompts)
    _heading(text, "Watch for")
    _bullets(text, exercise.guidance.watch_for)
    text.rstrip()
    return text


def exercise_text(pack: ContentPack, exercise: Exercise) -> Text:
    """The whole exercise, read-only: overview, guidance, worksheet and task."""
    text = overview_text(pack, exercise)
    text.append("\n\n")
    text.append_text(guidance_text(exercise))
    text.append("\n")
    _heading(text, "Worksheet")
    for number, question in enumerate(exercise.questions, 1):
        text.append_text(plain(f"{number}. {question.text}\n"))
    _heading(text, "Between-session task")
    text.append_text(plain(exercise.task))
    return text
