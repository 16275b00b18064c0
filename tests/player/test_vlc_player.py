"""VlcPlayer's bookkeeping between the app and its child process, with a stand-in child
(tests/player/test_vlc_real.py runs the real one)."""

from __future__ import annotations

import queue
from pathlib import Path
from types import SimpleNamespace

from srt_tui.content.model import Clip
from srt_tui.player.api import PlayerState
from srt_tui.player.vlc_player import VlcPlayer


def test_once_vlc_is_missing_no_command_looks_under_way_while_the_child_ends(tmp_path: Path) -> None:
    """The child says VLC is unavailable, then exits; a command sent before it has exited
    used to show the clip as loading (seen as a flaky real-VLC test)."""
    player = VlcPlayer(tmp_path / "vlc.log")
    child = SimpleNamespace(alive=True, outbox=queue.Queue())  # a child process not ended yet
    player._child = child  # type: ignore[assignment]
    player._received({"kind": "unavailable", "message": "VLC was not found."})
    player.load(Clip(tmp_path / "clip.mp4", 9.0))
    player.seek(3.0)
    player.set_volume(50)
    status = player.status()
    assert status.state is PlayerState.UNAVAILABLE and status.message == "VLC was not found."
    assert child.outbox.empty() and player.settled()
