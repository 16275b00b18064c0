"""Seconds actually played and the furthest point reached, from the player's reports."""

from __future__ import annotations

from srt_tui.player.meter import PlayMeter


def test_plain_playback_counts_what_moved() -> None:
    meter = PlayMeter()
    meter.start(0.0, now=0.0)
    for n in range(1, 9):
        meter.reading(n * 0.25, now=n * 0.25)
    assert abs(meter.played - 2.0) < 1e-9
    assert meter.furthest == 2.0


def test_seeks_are_not_watching() -> None:
    meter = PlayMeter()
    meter.start(0.0, now=0.0)
    meter.reading(1.0, now=1.0)
    meter.jumped(7.0, now=1.0)  # forward 6 s in no time
    meter.reading(7.0, now=1.1)  # the target echoed back
    meter.reading(7.5, now=1.6)
    assert abs(meter.played - 1.5) < 1e-9
    assert meter.furthest == 7.5


def test_an_unannounced_leap_is_not_counted() -> None:
    meter = PlayMeter()
    meter.start(0.0, now=0.0)
    meter.reading(5.0, now=0.3)  # 5 s of clip in 0.3 s: not playback
    meter.reading(5.25, now=0.55)
    assert abs(meter.played - 0.25) < 1e-9


def test_a_replayed_passage_counts_again_but_not_further() -> None:
    meter = PlayMeter()
    meter.start(0.0, now=0.0)
    meter.reading(4.0, now=4.0)
    meter.jumped(1.0, now=4.0)  # replay
    meter.reading(4.0, now=7.0)
    assert abs(meter.played - 7.0) < 1e-9
    assert meter.furthest == 4.0


def test_pause_adds_nothing_and_the_end_counts_the_last_stretch() -> None:
    meter = PlayMeter()
    meter.start(6.0, now=0.0)  # resumed at 6 s: reaching 6 s was watched before
    meter.reading(6.5, now=0.5)
    for t in range(1, 60):  # paused for a minute
        meter.reading(6.5, now=0.5 + t)
    meter.reading(6.75, now=60.75)
    meter.ended(9.0)
    assert abs(meter.played - 3.0) < 1e-9
    assert meter.furthest == 9.0
