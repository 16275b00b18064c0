"""A demo clip played through real libvlc (in its child process) with dummy outputs.

``./dev.sh test`` installs libvlc (Debian's libvlc5 and plugins). Everything waits by
polling with a limit; nothing asserts on how long anything took.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from srt_tui.content.loader import load_pack
from srt_tui.content.model import Clip, ContentPack
from srt_tui.paths import demo_pack_dir
from srt_tui.player.api import PlayerState, PlayerStatus
from srt_tui.player.remote import ClipRemote
from srt_tui.player.vlc_child import Unavailable, install_hint, load_vlc
from srt_tui.player.vlc_player import VlcPlayer

DUMMY = ["--vout=dummy", "--aout=dummy"]  # a real clock, no window, no sound card
LIMIT = 20.0  # seconds to wait for anything before failing


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack(demo_pack_dir())


@pytest.fixture
def clip(pack: ContentPack) -> Clip:
    found = pack.exercise("F01").clip_for(None)  # 9 s, chapters at 0, 3 and 6, with subtitles
    assert found is not None and found.subtitles is not None and len(found.chapters) == 3
    return found


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    return tmp_path / "logs" / "vlc.log"


@pytest.fixture
def player(log_file: Path) -> Iterator[VlcPlayer]:
    vlc_player = VlcPlayer(log_file, DUMMY)
    vlc_player.start()
    yield vlc_player
    vlc_player.close()


def wait_for(player: VlcPlayer, what: str, ok: Callable[[PlayerStatus], bool], limit: float = LIMIT) -> PlayerStatus:
    """Poll until ``ok(status)`` holds for a status the child has confirmed."""
    deadline = time.monotonic() + limit
    while True:
        status = player.status()
        if player.settled() and ok(status):
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"the player never got to: {what}; last status {status}")
        time.sleep(0.02)


def moved_from(player: VlcPlayer, target: float) -> tuple[PlayerStatus, float]:
    """Wait until playback has moved on from a seek to ``target``; also return the seconds
    since the seek, which bounds how far it can honestly have got."""
    sought_at = time.monotonic()
    status = wait_for(player, f"playing on from {target}",
                      lambda s: s.state is PlayerState.PLAYING and abs(s.position - target) > 0.05)
    return status, time.monotonic() - sought_at


def test_a_clip_plays_pauses_seeks_jumps_and_ends(player: VlcPlayer, clip: Clip, log_file: Path) -> None:
    wait_for(player, "ready", lambda s: s.state is PlayerState.READY)
    player.load(clip)
    status = wait_for(player, "playing", lambda s: s.state is PlayerState.PLAYING)
    assert status.is_on(clip) and status.duration == pytest.approx(clip.duration, abs=0.2)

    status = wait_for(player, "one second in", lambda s: s.position >= 1.0 and s.played >= 0.5)
    assert status.state is PlayerState.PLAYING

    player.pause()
    paused = wait_for(player, "paused", lambda s: s.state is PlayerState.PAUSED)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # a paused clip stays where it is, however long
        held = player.status()
        assert held.state is PlayerState.PAUSED
        assert held.position == pytest.approx(paused.position, abs=0.05)
        assert held.played == pytest.approx(paused.played, abs=0.05)
        time.sleep(0.05)

    player.seek(5.0)  # while paused: it stays paused, at the target
    status = wait_for(player, "paused at 5 s", lambda s: s.state is PlayerState.PAUSED)
    assert status.position == pytest.approx(5.0, abs=0.5)
    player.play()
    status, since = moved_from(player, 5.0)
    assert 4.5 <= status.position <= 5.0 + since + 0.5

    remote = ClipRemote(player, clip)
    assert remote.chapter(2) is not None  # back to 3.0, from the manifest
    status, since = moved_from(player, 3.0)
    assert 2.5 <= status.position <= 3.0 + since + 0.5
    assert clip.chapter_at(status.position) == clip.chapters[1]

    player.set_captions(False)
    assert wait_for(player, "captions off", lambda s: s.state is PlayerState.PLAYING).captions is False
    player.set_captions(True)
    assert wait_for(player, "captions on", lambda s: s.captions).captions is True
    player.set_volume(40)
    player.set_muted(True)
    status = wait_for(player, "quieter and muted", lambda s: s.muted)
    assert status.volume == 40 and status.message == ""

    status = wait_for(player, "the end", lambda s: s.state is PlayerState.ENDED)
    assert status.position == pytest.approx(status.duration)
    assert status.furthest == pytest.approx(status.duration)
    assert 3.0 <= status.played <= clip.duration  # watched: 0-1+, 5-5.x, 3-9; seeks not counted

    player.play()  # a finished clip plays again from the start
    status = wait_for(player, "playing again", lambda s: s.state is PlayerState.PLAYING)
    assert status.position < 1.0
    assert "Traceback" not in log_file.read_text(encoding="utf-8", errors="replace")


def test_a_clip_resumes_where_it_was_left_and_stops(player: VlcPlayer, clip: Clip) -> None:
    player.load(clip, start=6.0)
    status, since = moved_from(player, 6.0)
    assert 5.5 <= status.position <= 6.0 + since + 0.5
    player.stop()
    status = wait_for(player, "stopped", lambda s: s.state is PlayerState.STOPPED)
    assert status.position == 0.0


def test_libvlc_messages_go_to_the_log_and_the_player_quits_on_close(tmp_path: Path, clip: Clip) -> None:
    log_file = tmp_path / "logs" / "vlc.log"
    player = VlcPlayer(log_file, [*DUMMY, "--verbose=2"])  # make libvlc talk
    player.load(clip)
    wait_for(player, "playing", lambda s: s.state is PlayerState.PLAYING)
    player.close()
    deadline = time.monotonic() + LIMIT
    while "player stopped" not in (text := log_file.read_text(encoding="utf-8", errors="replace")):
        assert time.monotonic() < deadline, f"the player did not quit; its log:\n{text[-2000:]}"
        time.sleep(0.05)
    assert "srt-tui player started" in text and "libvlc debug" in text  # libvlc's own lines are here


def test_a_missing_clip_file_is_one_sentence(player: VlcPlayer, tmp_path: Path) -> None:
    player.load(Clip(tmp_path / "gone.mp4", 5.0))
    status = wait_for(player, "an error", lambda s: s.state is PlayerState.ERROR)
    assert status.message == "The clip file gone.mp4 is missing from the content pack."


def test_options_vlc_refuses_are_one_line(tmp_path: Path) -> None:
    player = VlcPlayer(tmp_path / "vlc.log", ["--no-such-option"])
    player.start()
    try:
        status = wait_for(player, "unavailable", lambda s: s.state is PlayerState.UNAVAILABLE)
    finally:
        player.close()
    assert status.message.startswith("VLC could not start with the options --no-such-option;")
    assert "\n" not in status.message


def test_libvlc_that_will_not_load_says_vlc_was_not_found(tmp_path: Path, clip: Clip,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # python-vlc calls sys.exit() when PYTHON_VLC_LIB_PATH names something that is not libvlc.
    bogus = tmp_path / "libvlc.so.5"
    bogus.write_text("not a library", encoding="utf-8")
    monkeypatch.setenv("PYTHON_VLC_LIB_PATH", str(bogus))
    log_file = tmp_path / "vlc.log"
    player = VlcPlayer(log_file, DUMMY)
    player.load(clip)
    try:
        status = wait_for(player, "unavailable", lambda s: s.state is PlayerState.UNAVAILABLE)
        player.load(clip)  # asking again changes nothing and starts nothing
        assert player.status().state is PlayerState.UNAVAILABLE
    finally:
        player.close()
    assert status.message == f"VLC was not found: {install_hint()}."
    assert "\n" not in status.message
    assert "SystemExit" in log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", [OSError("libvlc.so.5: cannot open shared object file"),
                                     NotImplementedError("unknown platform"), ImportError("no vlc"),
                                     SystemExit(1)])
def test_every_way_python_vlc_fails_to_load_is_unavailable(failure: BaseException,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = __import__

    def failing_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "vlc":
            raise failure
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "vlc", raising=False)
    monkeypatch.setattr("builtins.__import__", failing_import)
    with pytest.raises(Unavailable) as raised:
        load_vlc()
    assert str(raised.value).startswith("VLC was not found: ")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(("platform", "words"), [("win32", "Windows"), ("darwin", "macOS"), ("linux", "apt")])
def test_install_hint_names_the_platform(platform: str, words: str) -> None:
    assert words in install_hint(platform)
