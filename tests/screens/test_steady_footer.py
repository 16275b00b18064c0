"""SteadyFooter shows the screen's keys from its first frame and composes them again only
when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from srt_tui.widgets.steady_footer import SteadyFooter


class Keys(Screen[None]):
    BINDINGS = [Binding("s", "start", "Start", tooltip="Start it", id="t-start"),
                Binding("x", "export", "Export", tooltip="Export it", id="t-export")]

    exporting = True

    def compose(self) -> ComposeResult:
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "export" and not self.exporting else True

    def action_start(self) -> None: ...

    def action_export(self) -> None: ...


class KeysApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Keys())


def _keys(app: App[None]) -> list[tuple[str, bool]]:
    return [(key.description, key.has_class("-disabled")) for key in app.screen.query(FooterKey)
            if key.description in ("Start", "Export")]


async def test_keys_are_there_at_once_and_composed_again_only_when_they_change() -> None:
    app = KeysApp()
    composed: list[int] = []
    real = SteadyFooter.compose

    def counting(footer: SteadyFooter) -> ComposeResult:
        composed.append(1)
        return real(footer)

    SteadyFooter.compose = counting  # type: ignore[method-assign]
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert _keys(app) == [("Start", False), ("Export", False)]
            first = len(composed)
            app.screen.refresh_bindings()  # an update that shows the same keys
            await pilot.pause()
            await pilot.pause()
            assert len(composed) == first
            app.screen.exporting = False  # the export key is now disabled
            app.screen.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
            assert len(composed) == first + 1
            assert _keys(app) == [("Start", False), ("Export", True)]
    finally:
        SteadyFooter.compose = real  # type: ignore[method-assign]
