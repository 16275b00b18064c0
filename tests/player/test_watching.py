"""From player status to what the session records, and when it is worth a save."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from srt_tui.content.model import Clip
from srt_tui.player.api import PlayerState, PlayerStatus
from srt_tui.player.watching import WatchTracker, clip_key

PLAYING = PlayerStatus(state=PlayerState.PLAYING, clip="/pack/clips/F01.mp4", load=1, duration=9.0)


def test_increments_add_up_and_saves_come_every_few_seconds() -> None:
    tracker = WatchTracker(save_every=2.0)
    first = tracker.update(PLAYING)
    assert first is not None and first.played == 0 and not first.settle  # it is playing
    saves, total = 0, 0.0
    for n in range(1, 17):
        update = tracker.update(replace(PLAYING, played=n * 0.25, position=n * 0.25, furthest=n * 0.25))
        assert update is not None
        total += update.played
        saves += update.settle
    assert abs(total - 4.0) < 1e-9
    assert saves == 2  # every 2 s played, not on every refresh


def test_pause_saves_with_where_it_was_left() -> None:
    tracker = WatchTracker()
    tracker.update(replace(PLAYING, played=1.0, position=3.0))
    update = tracker.update(replace(PLAYING, state=PlayerState.PAUSED, played=1.0, position=3.0))
    assert update is not None and update.settle and update.left_at == 3.0 and update.played == 0


def test_the_end_and_a_stop_resume_from_the_beginning() -> None:
    tracker = WatchTracker()
    tracker.update(replace(PLAYING, played=8.0, position=8.0))
    ended = tracker.update(replace(PLAYING, state=PlayerState.ENDED, played=9.0, position=9.0, furthest=9.0))
    assert ended is not None and ended.settle and ended.left_at == 0.0 and ended.played == 1.0
    assert ended.furthest == 9.0


def test_a_new_load_starts_counting_again() -> None:
    tracker = WatchTracker()
    tracker.update(replace(PLAYING, played=5.0))
    again = tracker.update(replace(PLAYING, load=2, played=0.5))
    assert again is not None and again.played == 0.5


def test_closing_keeps_where_it_was_left_and_ignores_the_stop_that_follows() -> None:
    tracker = WatchTracker()
    tracker.update(replace(PLAYING, played=2.0, position=6.0))
    last = tracker.close(replace(PLAYING, played=2.5, position=6.5))
    assert last is not None and last.settle and last.left_at == 6.5 and last.played == 0.5
    assert tracker.update(replace(PLAYING, state=PlayerState.STOPPED, played=2.5)) is None


def test_nothing_to_record_without_a_clip_or_with_a_broken_player() -> None:
    tracker = WatchTracker()
    assert tracker.update(PlayerStatus()) is None
    assert tracker.update(replace(PLAYING, state=PlayerState.ERROR, message="x")) is None


def test_clip_key_is_relative_to_the_pack_with_slashes(tmp_path: Path) -> None:
    clip = Clip(tmp_path / "clips" / "R04-m.mp4", 9.0)
    assert clip_key(tmp_path, clip) == "clips/R04-m.mp4"
    assert clip_key(tmp_path / "elsewhere", clip) == "R04-m.mp4"
