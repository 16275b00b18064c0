"""The Textual application: wires the screens to one record store and one content pack."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.content import Content

from srt_tui.content import PackError
from srt_tui.content.cache import CachedPack
from srt_tui.heap import after_start_up
from srt_tui.idle import IdleClock
from srt_tui.paths import default_export_dir
from srt_tui.records.values import now
from srt_tui.screens.case_list import CaseListScreen
from srt_tui.settings import Settings, SettingsFile
from srt_tui.themes import APP_THEMES, HIGH_CONTRAST

if TYPE_CHECKING:
    from textual.command import Provider

    from srt_tui.content.model import ContentPack
    from srt_tui.demo import DemoMode
    from srt_tui.player.api import Player, PlayerFactory
    from srt_tui.records.store import RecordStore


def _palette(provider: str) -> Callable[[], type[Provider]]:
    """A command palette provider of srt_tui.commands, imported when the palette first opens
    (what the first screen does not need is not imported before it)."""

    def load() -> type[Provider]:
        from srt_tui import commands

        return getattr(commands, provider)

    return load


class PackLost(Exception):
    """A pack taken from the cache was no pack when unpickled, and read in full it has problems
    (it changed as the app started: most unlikely). Textual ends the app with this one line,
    its ``__rich__``, and exit code 1, rather than with a traceback."""

    def __rich__(self) -> Text:
        return Text(str(self))  # a folder's name is no markup


class SrtApp(App[None]):
    """srt-tui. Holds the store and the pack; each screen reads them from ``self.app``."""

    TITLE = "srt-tui"
    # The case list's stylesheet is read with the app's: it is the first screen (see
    # get_default_screen), and a screen's own CSS_PATH read on showing it parses every
    # stylesheet read so far once more.
    CSS_PATH = ["app.tcss", "screens/case_list.tcss"]
    COMMANDS = App.COMMANDS | {_palette("CaseCommands"), _palette("ExerciseCommands"), _palette("ToolkitCommands")}
    # Screens get the class -narrow below 100 columns (an 80x24 laptop terminal), -wide above.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="How to use srt-tui and its keys", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-question"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Save everything and quit", id="quit"),
        Binding("ctrl+g", "guide", "Guide", show=False, tooltip="How to use the toolkit", id="guide"),
        Binding("ctrl+l", "lock", "Lock", tooltip="Hide everything until the passphrase is typed", id="lock"),
        # The tour's keys: F-keys 6 and 7 belong to text areas, so the tour uses ctrl+t and F10.
        Binding("ctrl+t", "tour_next", "Tour", show=False, tooltip="Start the guided tour, or go to its next step",
                id="tour-next"),
        Binding("f10", "tour_end", "End tour", show=False, tooltip="End the guided tour", id="tour-end"),
    ]
    IDLE_CHECK_SECONDS = 5.0  # how often the idle time is looked at
    START_BACKUP_LATEST = 3.0  # seconds after mount: the start backup runs by then in any case
    PREPARE_OVERVIEW_AFTER = 0.5  # seconds after the first screen, and of no input: the case overview is made
    _ALLOWED_WHILE_LOCKED = frozenset({"quit", "lock"})

    def __init__(self, store: RecordStore, pack: ContentPack | CachedPack, *, export_dir: Path | None = None,
                 clock: Callable[[], datetime] = now, settings: SettingsFile | None = None,
                 demo: DemoMode | None = None, player: PlayerFactory | None = None) -> None:
        super().__init__()
        self.store = store
        self._pack = pack  # see the pack property
        self.export_dir = export_dir or default_export_dir()
        self.clock = clock  # tests pin it so the session clock is the same on every run
        self.idle = IdleClock()  # tests give it a fake wall clock
        self._locked = False  # the lock screen (or the practitioner check) is up
        self._encrypted: bool | None = None  # see passphrase_set
        self.player_factory: PlayerFactory = player or self._vlc_player  # each session screen makes one
        self.sub_title = pack.title
        self.demo = demo
        if demo is not None:
            self.title = "srt-tui DEMO"
            self.sub_title = demo.banner
            self.add_class("-demo")
        for theme in APP_THEMES:
            self.register_theme(theme)
        self.settings = settings  # None: preferences are neither read nor saved (tests)
        self._preferences = settings.load() if settings else Settings()
        self._preferences_lock = threading.Lock()
        self._lost_theme = None
        self._records_opened = False  # the start backup and checks have begun
        if self._preferences.theme in self.available_themes:
            self.theme = self._preferences.theme
        else:
            self._lost_theme = self._preferences.theme

    @property
    def pack(self) -> ContentPack:
        """The content pack. One the command line found unchanged in the cache (a CachedPack)
        is unpickled on first use, in whichever thread that is: on_mount has a worker do it
        once the first screen shows its cases, which need only the title."""
        pack = self._pack
        if isinstance(pack, CachedPack):
            try:
                self._pack = pack = pack.get()
            except PackError as error:
                raise PackLost(f"srt-tui: cannot go on: the content pack in {pack.root} has changed and has "
                               "problems now (srt-tui content check lists them)") from error
        return pack

    def get_default_screen(self) -> CaseListScreen:
        """The case list is the bottom of the screen stack, made as the app starts rather than
        pushed over Textual's empty default screen once it is up (a second screen to compose,
        mount and style before the first frame)."""
        return CaseListScreen()

    def on_mount(self) -> None:
        self.set_interval(self.IDLE_CHECK_SECONDS, self.lock_if_idle)
        after_start_up(lambda: self.set_timer(self.PREPARE_OVERVIEW_AFTER, self._prepare_overview))
        if isinstance(self._pack, CachedPack):
            after_start_up(lambda: self._make_pack_ready() if self.is_running else None)
        if self.store.read_only:
            self.sub_title = f"READ-ONLY · {self.sub_title}"
        if self.demo is None:  # a throwaway demo folder needs no backup (and one would race its removal)
            # The backup waits until the case list has painted its rows, so that it never
            # competes with them for the interpreter; the timer is in case that never comes.
            after_start_up(self._open_records_once)
            self.set_timer(self.START_BACKUP_LATEST, self._open_records_once)
        else:
            from srt_tui.demo.signals import quit_on_signals

            quit_on_signals(self.exit, self._demo_terminal_gone)  # the demo folder goes either way
        if self._lost_theme:
            self.notify(f"The saved theme {self._lost_theme!r} is no longer available: using the default.",
                        title="Theme", severity="warning", markup=False)

    def _demo_terminal_gone(self) -> None:
        """SIGHUP in demo mode: delete the demo folder now and end (see srt_tui.demo.signals)."""
        assert self.demo is not None
        self.store.close()
        if not self.demo.keep:
            try:
                self.demo.workspace.remove()
            except OSError:
                pass  # nowhere left to say so: the terminal is gone
        os._exit(128 + 1)  # as if SIGHUP had ended the process

    @work(thread=True, group="pack", exit_on_error=False)
    def _make_pack_ready(self) -> None:
        """Unpickle the pack now, so that the practitioner's first action finds it ready."""
        try:
            _ = self.pack
        except PackLost as lost:  # exit only posts a message: safe from a thread
            self.exit(return_code=1, message=lost.__rich__())

    async def _prepare_overview(self) -> None:
        """Make the case overview ahead of the first case opened, but only while nobody is
        typing or clicking: it holds the interpreter for tens of milliseconds at a time, as
        long as a keystroke may take (right after start, a practitioner is often typing a
        case reference into the filter)."""
        if self.idle.idle_seconds() < self.PREPARE_OVERVIEW_AFTER:
            self.set_timer(self.PREPARE_OVERVIEW_AFTER, self._prepare_overview)
            return
        from srt_tui.screens.case_overview import prepare_case_overview

        await prepare_case_overview(self)

    def _open_records_once(self) -> None:
        if not self._records_opened and self.is_running:
            self._records_opened = True
            self._open_records()

    @work(thread=True, group="records-start", exit_on_error=False)
    def _open_records(self) -> None:
        """Back the records up as the app opens them (read-only: only check them), and offer
        to restore any damaged or missing case file."""
        from srt_tui.recovery import open_records

        open_records(self)

    def check_records(self) -> None:
        """Look for damaged or missing case files now and offer to restore them (palette)."""
        from srt_tui.recovery import check_records

        check_records(self)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the palette, for the next run."""
        if self.settings is None or theme == self._preferences.theme:
            return
        self._preferences = self._preferences._replace(theme=theme)
        if not self.settings.writable:
            self.notify("Demo mode: the theme lasts until you quit and is not saved.", title="Theme")
            return
        self._save_preferences()

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_preferences(self) -> None:
        assert self.settings is not None
        with self._preferences_lock:  # one write at a time, always of the latest choice
            try:
                self.settings.save(self._preferences)
            except OSError as error:
                self.call_from_thread(self.notify, f"The theme could not be saved: {error}", title="Theme",
                                      severity="warning", markup=False)

    def use_high_contrast(self) -> None:
        self.theme = HIGH_CONTRAST

    def format_title(self, title: str, sub_title: str) -> Content:
        """In demo mode, the header is not dimmed anywhere: it must be read, not glanced at."""
        if self.demo is None:
            return super().format_title(title, sub_title)
        return Content.assemble(title, " — ", sub_title) if sub_title else Content(title)

    async def action_quit(self) -> None:
        """Quit, but first write what an open session has not saved yet, and let a backup
        under way finish."""
        from srt_tui.screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and not await screen.save_pending():
                return
        from srt_tui.recovery import exit_after_backups

        exit_after_backups(self)

    def action_help(self) -> None:
        from srt_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys = [
            (self.get_key_display(active.binding), active.binding.description)
            for active in self.screen.active_bindings.values()
            if active.binding.description and active.binding.show
        ]
        self.push_screen(HelpScreen(keys))

    async def verify_practitioner(self) -> bool:
        """True when the person at the keyboard may see practitioner-only things again (leaving
        participant view, unlocking). Asks for the passphrase when one is set."""
        if not self.passphrase_set():
            return True
        return await self._ask_passphrase("Type the passphrase to leave participant view.", cancellable=True)

    # -- locking (only with a passphrase set: without one there is nothing to unlock with) ---

    @property
    def locked(self) -> bool:
        """The lock screen (or the practitioner check) is up: nothing else may show."""
        return self._locked

    def passphrase_set(self) -> bool:
        """Whether the records are encrypted: looked up once (check_action asks on every
        refresh of the bindings), as only `srt-tui passphrase` changes it, never the app."""
        if self._encrypted is None:
            from srt_tui.records.crypto import is_encrypted

            self._encrypted = is_encrypted(self.store.data_dir)
        return self._encrypted

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self.idle.touch()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lock":
            return self.passphrase_set() and not self._locked
        if self._locked and action not in self._ALLOWED_WHILE_LOCKED:
            return False  # no palette, help or guide on top of the lock screen
        return True

    def lock_if_idle(self) -> None:
        """Lock if nothing was pressed for the idle time (on the wall clock: see srt_tui.idle)."""
        if not self._locked and self.passphrase_set() and self.idle.is_due(self._preferences.idle_lock_minutes):
            self.action_lock()

    def action_lock(self) -> None:
        if self._locked or not self.passphrase_set():
            return
        self._lock_now()

    @work(group="lock", exit_on_error=False)
    async def _lock_now(self) -> None:
        await self._ask_passphrase("Type the passphrase to unlock.", cancellable=False)

    async def _ask_passphrase(self, reason: str, *, cancellable: bool) -> bool:
        from srt_tui.screens.lock import LockScreen

        self._locked = True
        self.clear_notifications()  # a toast could name a case
        answer: asyncio.Future[bool | None] = asyncio.get_running_loop().create_future()
        self.push_screen(LockScreen(self.store.data_dir, reason=reason, cancellable=cancellable),
                         callback=lambda result: answer.done() or answer.set_result(result))
        try:
            return bool(await answer)
        finally:
            self._locked = False
            self.idle.touch()
            self.refresh_bindings()

    def action_tour_next(self) -> None:
        """Start the guided tour (srt_tui.tour), or move it on a step."""
        from srt_tui.tour.controller import Tour

        tour: Tour | None = getattr(self, "tour", None)
        if tour is not None and tour.running:
            tour.next()
            return
        self.tour = Tour(self)
        self.tour.start()

    def action_tour_end(self) -> None:
        tour = getattr(self, "tour", None)
        if tour is not None:
            tour.end()

    def action_guide(self) -> None:
        """Show "How to use the toolkit" on top of whatever is open."""
        from srt_tui.screens.guide import GuideScreen

        if not isinstance(self.screen, GuideScreen):
            self.push_screen(GuideScreen())

    def _vlc_player(self) -> Player:
        """VLC with no extra options, its messages logged in the records folder."""
        from srt_tui.player.vlc_player import vlc_player_factory

        return vlc_player_factory(self.store.data_dir)()

    def open_case(self, case_id: str) -> None:
        """Show one case's overview on top of whatever is open (once its records are read)."""
        from srt_tui.screens.case_overview import open_case_overview

        open_case_overview(self, case_id)

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
