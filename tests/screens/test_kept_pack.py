"""The app on a pack taken from the cache still pickled (the command line's start): the first
screen shows its title without unpickling it, a worker unpickles it once the cases are shown,
and a pack that cannot be used after all ends the app in one line, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from srt_tui import heap
from srt_tui.app import PackLost, SrtApp
from srt_tui.content.cache import CachedPack, load_pack_fast, open_pack
from srt_tui.content.loader import load_pack
from srt_tui.paths import demo_pack_dir
from srt_tui.screens.case_overview import CaseOverviewScreen
from tests.content.pack_factory import write_pack
from tests.screens.helpers import settle
from tests.screens.seed import seeded_store


def kept(root: Path, cache_dir: Path, pickled: bytes | None = None) -> CachedPack:
    """The pack in ``root`` as the command line takes it from the cache; with ``pickled``,
    the cache file holds those bytes instead of the pack (its first line intact)."""
    load_pack_fast(root)
    if pickled is not None:
        [file] = cache_dir.rglob("*.pickle")
        file.write_bytes(file.read_bytes().split(b"\n", 1)[0] + b"\n" + pickled)
    pack = open_pack(root)
    assert isinstance(pack, CachedPack)
    return pack


async def test_the_title_shows_at_once_and_the_pack_is_unpickled_after_the_first_screen(
        tmp_path: Path, isolated_cache_dir: Path, unpickled: list[bytes]) -> None:
    source = kept(demo_pack_dir(), isolated_cache_dir)
    app = SrtApp(seeded_store(tmp_path / "data"), source)
    assert app.sub_title == source.title == load_pack(demo_pack_dir()).title
    at_first_screen: list[int] = []
    heap.after_start_up(lambda: at_first_screen.append(len(unpickled)))  # before the app's own
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert at_first_screen == [0]
        assert len(unpickled) == 1  # by the worker, before anything asked for it
        app.open_case("case-first")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen) and app.screen.view is not None
        assert app.pack is source.get() and len(unpickled) == 1


async def test_a_kept_pickle_that_is_no_pack_is_replaced_by_a_full_read(
        tmp_path: Path, isolated_cache_dir: Path) -> None:
    source = kept(demo_pack_dir(), isolated_cache_dir, pickled=b"not a pickle")
    app = SrtApp(seeded_store(tmp_path / "data"), source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("case-first")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen) and app.screen.view is not None
        assert app.pack == load_pack(demo_pack_dir())
    assert not app.return_code  # None: it was never ended


@pytest.fixture
def lost(tmp_path: Path, isolated_cache_dir: Path) -> CachedPack:
    """A pack kept with a pickle that is no pack, whose folder has lost a clip since it was checked."""
    root = write_pack(tmp_path / "pack")
    source = kept(root, isolated_cache_dir, pickled=b"not a pickle")
    (root / "clips" / "T01.mp4").unlink()
    return source


async def test_a_kept_pack_that_cannot_be_used_after_all_ends_the_app_in_one_line(
        tmp_path: Path, lost: CachedPack, monkeypatch: pytest.MonkeyPatch) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), lost)
    exits: list[dict[str, Any]] = []
    real_exit = app.exit

    def exit(**kwargs: Any) -> None:
        exits.append(kwargs)
        real_exit(**kwargs)

    monkeypatch.setattr(app, "exit", exit)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the worker that unpickles the pack ends the app
    [ending] = exits
    assert ending["return_code"] == app.return_code == 1
    message = ending["message"]
    assert isinstance(message, Text) and "\n" not in message.plain
    assert message.plain.startswith("srt-tui: cannot go on: the content pack in ") and str(lost.root) in message.plain


async def test_a_pack_lost_as_a_screen_asks_for_it_ends_the_app_in_one_line(
        tmp_path: Path, lost: CachedPack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SrtApp, "_make_pack_ready", lambda _app: None)  # the screen asks first
    app = SrtApp(seeded_store(tmp_path / "data"), lost)
    with pytest.raises(PackLost) as raised:  # Textual ends the app with its __rich__, not a traceback
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")  # a new case offers the pack's variants
            await settle(pilot)
    assert app.return_code == 1
    assert isinstance(raised.value.__rich__(), Text) and "\n" not in str(raised.value)
