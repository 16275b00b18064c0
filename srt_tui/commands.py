"""Command palette providers: jump to any case or exercise by typing part of its name, open
the guide, or switch to the high-contrast theme."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from srt_tui.records.store import CaseSummary
from srt_tui.records.validation import clean_text

if TYPE_CHECKING:
    from srt_tui.app import SrtApp


def literal_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight``, which parses the candidate as markup, but literal."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize("bold reverse", offset, offset + 1)
    return content


def in_participant_view(app: App[object]) -> bool:
    """True while any open screen is in participant view (see the session screen)."""
    return any(getattr(screen, "participant_view", False) for screen in app.screen_stack)


class CaseCommands(Provider):
    """Open a case from anywhere, except in participant view: there it lists nothing."""

    _cases: list[CaseSummary]

    async def startup(self) -> None:
        app: SrtApp = self.app  # type: ignore[assignment]
        self._cases = [] if in_participant_view(app) else await asyncio.to_thread(app.store.list_cases)

    def _label(self, case: CaseSummary) -> str:
        return clean_text(f"Case {case.ref} ({case.alias})")

    async def discover(self) -> Hits:
        for case in self._cases[:20]:
            yield DiscoveryHit(Content(self._label(case)), partial(self._open, case.id), help="Open this case")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for case in self._cases:
            label = self._label(case)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, label), partial(self._open, case.id), help="Open this case")

    def _open(self, case_id: str) -> None:
        app: SrtApp = self.app  # type: ignore[assignment]
        app.open_case(case_id)


class ExerciseCommands(Provider):
    """Show any exercise: inside a session it opens there, elsewhere as a read-only page."""

    def _label(self, exercise_id: str, title: str) -> str:
        return clean_text(f"Exercise {exercise_id}: {title}")

    async def search(self, query: str) -> Hits:
        app: SrtApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for exercise in app.pack.exercises:
            label = self._label(exercise.id, exercise.title)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, label), partial(app.show_exercise, exercise.id),
                          help="Show this exercise")


class ToolkitCommands(Provider):
    """The guide, the high-contrast theme and the records check, listed as soon as the
    palette opens (the check neither in demo mode nor in participant view).

    (Textual's own "Theme" command lists every theme; choices are remembered either way.)
    """

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: SrtApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("How to use the toolkit", "Guidance: foundation first, choosing by need, resistance", app.action_guide),
            ("High contrast theme", "White on black with a yellow focus colour", app.use_high_contrast),
        ]
        if app.demo is None and not in_participant_view(app):
            commands.append(("Check and repair records", "Look for damaged or missing case files and offer "
                             "to restore them from a backup", app.check_records))
        return commands

    async def discover(self) -> Hits:
        for label, help_text, callback in self._commands():
            yield DiscoveryHit(label, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, label), callback, help=help_text)
