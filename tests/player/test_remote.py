"""What each key asks of the player, with chapters from the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.model import Chapter, Clip
from srt_tui.player.api import PlayerState
from srt_tui.player.remote import ClipRemote, next_chapter, previous_chapter
from tests.player.fakes import FakePlayer

CHAPTERS = (Chapter(0.0, "The situation"), Chapter(3.0, "What happens next"), Chapter(6.0, "A good start"))
CLIP = Clip(Path("/pack/clips/F01.mp4"), 9.0, CHAPTERS, Path("/pack/clips/F01.srt"))


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.mark.parametrize(("position", "expected"), [(0.0, 3.0), (2.4, 3.0), (2.6, 6.0), (3.0, 6.0), (6.2, None)])
def test_next_chapter(position: float, expected: float | None) -> None:
    chapter = next_chapter(CHAPTERS, position)
    assert (chapter.start if chapter else None) == expected


@pytest.mark.parametrize(("position", "expected"), [(7.0, 3.0), (5.5, 3.0), (8.5, 6.0), (3.5, 0.0), (0.5, 0.0)])
def test_previous_chapter_goes_to_this_start_or_the_one_before(position: float, expected: float) -> None:
    chapter = previous_chapter(CHAPTERS, position)
    assert chapter is not None and chapter.start == expected


def test_first_press_opens_the_clip_where_it_was_left(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP, resume_at=4.0)
    remote.play_pause()
    assert player.calls == [("load", "F01.mp4", 4.0)]
    remote.play_pause()
    assert player.status().state is PlayerState.PAUSED
    remote.play_pause()
    assert player.status().state is PlayerState.PLAYING


def test_seek_steps_clamp_to_the_clip(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP)
    remote.start()
    remote.seek_by(10)
    assert player.status().position == 8.5  # not past the end by accident
    remote.seek_by(-10)
    remote.seek_by(-10)
    assert player.status().position == 0.0


def test_seek_before_playing_opens_the_clip_there(player: FakePlayer) -> None:
    ClipRemote(player, CLIP, resume_at=1.0).seek_by(-10)
    assert player.calls == [("load", "F01.mp4", 0.0)]


def test_chapters_replay_and_the_beginning(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP)
    remote.start()
    assert remote.next_chapter() == CHAPTERS[1]
    assert player.status().position == 3.0
    assert remote.chapter(3) == CHAPTERS[2]
    assert player.status().position == 6.0
    assert remote.chapter(4) is None and player.status().position == 6.0
    player.advance(2.0)
    remote.replay()
    assert player.status().position == 0.0  # 8 s in: back 15 s is the start
    remote.chapter(3)
    player.pause()
    remote.previous_chapter()  # at 6.0: within the grace, so the one before
    assert player.status().position == 3.0
    assert player.status().state is PlayerState.PLAYING  # a chapter jump plays
    remote.from_beginning()
    assert player.status().position == 0.0


def test_a_finished_clip_plays_again_from_the_start(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP)
    remote.start()
    player.finish()
    remote.play_pause()
    assert player.status().state is PlayerState.PLAYING and player.status().position == 0.0


def test_settings_toggle_from_what_the_player_says(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP)
    remote.toggle_captions()
    remote.toggle_captions()
    remote.toggle_mute()
    remote.toggle_fullscreen()
    remote.change_volume(-10)
    remote.change_volume(+50)
    assert ("captions", False) in player.calls and player.status().captions
    assert player.status().muted and player.status().fullscreen and player.status().volume == 100


def test_stop_makes_the_next_play_start_from_the_beginning(player: FakePlayer) -> None:
    remote = ClipRemote(player, CLIP, resume_at=5.0)
    remote.stop()
    remote.start()
    assert player.calls[-1] == ("load", "F01.mp4", 0.0)
