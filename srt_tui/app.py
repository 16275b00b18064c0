"""The Textual application: wires the screens to one record store and one content pack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from srt_tui.commands import CaseCommands, ExerciseCommands
from srt_tui.content.model import ContentPack
from srt_tui.paths import default_export_dir
from srt_tui.records.model import now
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.screens.help import HelpScreen


class SrtApp(App[None]):
    """srt-tui. Holds the store and the pack; each screen reads them from ``self.app``."""

    TITLE = "srt-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CaseCommands, ExerciseCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="How to use srt-tui and its keys", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-question"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Save everything and quit", id="quit"),
    ]

    def __init__(self, store: RecordStore, pack: ContentPack, *, export_dir: Path | None = None,
                 clock: Callable[[], datetime] = now) -> None:
        super().__init__()
        self.store = store
        self.pack = pack
        self.export_dir = export_dir or default_export_dir()
        self.clock = clock  # tests pin it so the session clock is the same on every run
        self.sub_title = pack.title

    def on_mount(self) -> None:
        self.push_screen(CaseListScreen())

    async def action_quit(self) -> None:
        """Quit, but first write what an open session has not saved yet."""
        from srt_tui.screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and not await screen.save_pending():
                return
        self.exit()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keys = [
            (self.get_key_display(active.binding), active.binding.description)
            for active in self.screen.active_bindings.values()
            if active.binding.description and active.binding.show
        ]
        self.push_screen(HelpScreen(keys))

    def open_case(self, case_id: str) -> None:
        """Show one case's overview on top of whatever is open."""
        from srt_tui.screens.case_overview import CaseOverviewScreen

        self.push_screen(CaseOverviewScreen(case_id))

    def show_exercise(self, exercise_id: str) -> None:
        """Open an exercise in the running session, or as a read-only page elsewhere."""
        exercise = self.pack.exercise(exercise_id)
        if exercise is None:
            return
        show_in_session = getattr(self.screen, "show_exercise", None)
        if callable(show_in_session):
            show_in_session(exercise_id)
            return
        from srt_tui.screens.exercise_info import ExerciseInfoScreen

        self.push_screen(ExerciseInfoScreen(exercise))
