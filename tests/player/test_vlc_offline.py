"""The player's libvlc is told to stay off the network: no art or metadata from the
internet, no Lua scripts (see :mod:`srt_tui.player.vlc_child`). That it then opens no
socket, and loads no Lua script, is checked under strace in tests/e2e/test_no_network_trace.py."""

from __future__ import annotations

import subprocess
import sys

import pytest

from srt_tui.player.vlc_child import new_instance


class FakeVlc:
    """python-vlc's ``Instance``: None (libvlc_new failed) when given any of ``refused``."""

    def __init__(self, refused: set[str] | None = None) -> None:
        self.refused = refused or set()
        self.calls: list[list[str]] = []

    def Instance(self, args: list[str]) -> object | None:  # noqa: N802 - python-vlc's name
        self.calls.append(list(args))
        return None if self.refused & set(args) else object()


def test_the_offline_options_come_before_the_practitioners() -> None:
    vlc = FakeVlc()
    assert new_instance(vlc, ["--vout=dummy", "--lua"]) is not None
    assert vlc.calls == [["--no-video-title-show", "--no-metadata-network-access", "--no-lua",
                          "--vout=dummy", "--lua"]]  # --player-args come last, so they win


def test_a_libvlc_without_the_lua_plugin_starts_without_no_lua(capfd: pytest.CaptureFixture[str]) -> None:
    vlc = FakeVlc(refused={"--no-lua"})  # as libvlc does with an option no plugin declares
    assert new_instance(vlc, ["--aout=dummy"]) is not None
    assert vlc.calls[-1] == ["--no-video-title-show", "--no-metadata-network-access", "--aout=dummy"]
    assert "libvlc_new refused the options" in capfd.readouterr().err  # said in the player's log


def test_options_libvlc_refuses_still_mean_it_cannot_start() -> None:
    vlc = FakeVlc(refused={"--no-such-option"})
    assert new_instance(vlc, ["--no-such-option"]) is None
    assert len(vlc.calls) == 2


def test_real_libvlc_knows_each_offline_option() -> None:
    # libvlc_new fails on an option it does not know, so each one is real in this VLC 3.
    code = ("import vlc; from srt_tui.player.vlc_child import BASE_ARGS, OFFLINE_ARGS, NO_LUA\n"
            "dummy = ['--vout=dummy', '--aout=dummy']\n"
            "print(vlc.Instance([*BASE_ARGS, *OFFLINE_ARGS, *NO_LUA, *dummy]) is not None,"
            " vlc.Instance([*BASE_ARGS, '--no-such-option', *dummy]) is not None)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "False"], result.stderr[-2000:]
