"""KeyBar shows the screen's keys as Footer did, draws again only when they change, and acts
on a click and a hover."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from srt_tui.widgets.key_bar import KeyBar

SEEK = Binding.Group("10s", compact=True)
CHAPTER = Binding.Group("Chapter")


class Keys(Screen[None]):
    BINDINGS = [
        Binding("s", "start", "Start", tooltip="Start it [b]now[/b]", id="t-start"),
        Binding("x", "export", "Export", tooltip="Export it", id="t-export"),
        Binding("left", "seek(-1)", "Back", group=SEEK),
        Binding("right", "seek(1)", "Forward", group=SEEK),
        Binding("left_square_bracket", "chapter(-1)", "Previous chapter", key_display="[", group=CHAPTER),
        Binding("right_square_bracket", "chapter(1)", "Next chapter", key_display="]", group=CHAPTER),
        Binding("q", "start", "Start again", show=True),  # a second key for one action: not shown
        Binding("h", "hidden", "Hidden", show=False),
    ]

    exporting = True
    seeking = True

    def __init__(self) -> None:
        super().__init__()
        self.started = 0
        self.seeks: list[int] = []

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("seek", "chapter") and not self.seeking:
            return False  # not shown
        return None if action == "export" and not self.exporting else True

    def action_start(self) -> None:
        self.started += 1

    def action_export(self) -> None: ...

    def action_seek(self, step: int) -> None:
        self.seeks.append(step)

    def action_chapter(self, step: int) -> None: ...

    def action_hidden(self) -> None: ...


class KeysApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Keys())


def _bar(app: App[None]) -> KeyBar:
    return app.screen.query_one(KeyBar)


def _shown(app: App[None]) -> str:
    return _bar(app).render_line(0).text


def _style_of(app: App[None], text: str) -> str:
    styles = [str(segment.style) for segment in _bar(app).render_line(0) if segment.text == text]
    assert styles, f"{text!r} is not a segment of the bar's first line"
    return styles[0]


async def test_the_keys_and_groups_are_shown_from_the_first_frame_as_footer_showed_them() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        shown = _shown(app)
        assert shown.startswith(" s Start  x Export  ←→ 10s  [ ] Chapter  ")
        assert shown.rstrip().endswith("▏^p palette") and len(shown) == 100
        assert "Start again" not in shown and "Hidden" not in shown
        assert "bold" in _style_of(app, " s ") and "dim" not in _style_of(app, "Export ")


async def test_keys_are_drawn_again_only_when_they_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        refreshed: list[int] = []
        real = bar.refresh

        def counting(*args: object, **kwargs: object) -> KeyBar:
            refreshed.append(1)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        bar.refresh = counting  # type: ignore[method-assign]
        app.screen.refresh_bindings()  # an update that shows the same keys
        await pilot.pause()
        assert refreshed == []
        app.screen.exporting = False  # type: ignore[attr-defined]
        app.screen.refresh_bindings()
        await pilot.pause()
        assert refreshed
        assert "dim" in _style_of(app, "Export ") and "dim" in _style_of(app, " x ")
        assert "dim" not in _style_of(app, "Start ")


async def test_keys_that_do_not_fit_go_on_a_second_line_whole_and_a_click_there_works() -> None:
    app = KeysApp()
    async with app.run_test(size=(36, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        assert bar.size.height == 2 and bar.region.bottom == 10
        first, second = (bar.render_line(y).text for y in (0, 1))
        assert first == " s Start  x Export " + " " * 5 + "▏^p palette "
        assert second == " ←→ 10s  [ ] Chapter ".ljust(36)
        await pilot.click(bar, offset=(2, 1))  # on "→"
        await pilot.pause()
        assert app.screen.seeks == [1]  # type: ignore[attr-defined]


async def test_keys_beyond_the_second_line_are_left_out_whole() -> None:
    app = KeysApp()
    async with app.run_test(size=(22, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        assert bar.size.height == 2
        assert bar.render_line(0).text == " s Start " + " " + "▏^p palette "
        assert bar.render_line(1).text == " x Export  ←→ 10s ".ljust(22)  # no room for the chapter group


async def test_the_bar_grows_and_shrinks_as_its_keys_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(36, 10)) as pilot:
        await pilot.pause()
        screen: Keys = app.screen  # type: ignore[assignment]
        assert _bar(app).size.height == 2
        screen.seeking = False  # the seek and chapter keys go
        screen.refresh_bindings()
        await pilot.pause()
        assert _bar(app).size.height == 1 and "10s" not in _shown(app)


async def test_a_click_presses_the_key_and_a_disabled_key_only_rings() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        screen: Keys = app.screen  # type: ignore[assignment]
        bar = _bar(app)
        await pilot.click(bar, offset=(4, 0))  # on "Start"
        await pilot.pause()
        assert screen.started == 1
        screen.exporting = False
        screen.refresh_bindings()
        await pilot.pause()
        rang: list[int] = []
        app.bell = lambda: rang.append(1)  # type: ignore[method-assign]
        await pilot.click(bar, offset=(12, 0))  # on "Export", now disabled
        await pilot.pause()
        assert rang == [1]
        await pilot.click(bar, offset=(60, 0))  # on empty bar: nothing
        await pilot.pause()
        assert screen.started == 1 and rang == [1]


async def test_hover_highlights_the_key_and_shows_its_tooltip_as_plain_text() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        plain = _style_of(app, "Start ")
        await pilot.hover(bar, offset=(4, 0))
        await pilot.pause()
        assert isinstance(bar.tooltip, Content) and bar.tooltip.plain == "Start it [b]now[/b]"
        assert _style_of(app, "Start ") != plain
        await pilot.hover(bar, offset=(60, 0))
        await pilot.pause()
        assert bar.tooltip is None and _style_of(app, "Start ") == plain
