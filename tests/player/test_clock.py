"""The smooth position: libvlc's quirks in, a steady bar out."""

from __future__ import annotations

from srt_tui.player.clock import MAX_AHEAD, PositionClock


def test_start_is_held_until_playback_moves_then_runs_between_reports() -> None:
    clock = PositionClock()
    clock.jump(0.0)
    clock.report(0.0, playing=True, now=10.0)  # Playing, but libvlc still says 0 for ~0.5 s
    assert clock.position(10.4) == 0.0
    clock.report(0.4, playing=True, now=10.5)  # it moved: trust it and run on from there
    assert clock.position(10.5) == 0.4
    assert abs(clock.position(10.7) - 0.6) < 1e-9
    assert abs(clock.position(10.75) - 0.65) < 1e-9


def test_the_clock_never_runs_far_past_the_last_report() -> None:
    clock = PositionClock()
    clock.report(3.0, playing=False, now=0.0)
    clock.report(3.25, playing=True, now=1.0)
    assert clock.position(5.0) == 3.25 + MAX_AHEAD  # the player stalled: stop, don't invent


def test_no_step_backwards_when_a_report_lags_the_clock() -> None:
    clock = PositionClock()
    clock.report(1.0, playing=False, now=0.0)
    clock.report(1.25, playing=True, now=0.0)
    shown = clock.position(0.4)  # 1.65
    clock.report(1.5, playing=True, now=0.4)  # a bit behind what is shown
    assert clock.position(0.4) == shown
    assert clock.position(0.6) > shown - 1e-9  # and it moves on once the reports catch up
    assert abs(clock.position(0.7) - 1.8) < 1e-9


def test_a_seek_shows_the_target_at_once_and_ignores_its_echo() -> None:
    clock = PositionClock()
    clock.report(2.0, playing=True, now=0.0)
    clock.report(2.3, playing=True, now=0.3)
    clock.jump(8.0)
    assert clock.position(0.35) == 8.0
    clock.report(8.0, playing=True, now=0.4)  # libvlc echoes the target before moving
    assert clock.position(1.0) == 8.0
    clock.report(8.45, playing=True, now=1.1)
    assert abs(clock.position(1.2) - 8.55) < 1e-9


def test_a_seek_back_shows_at_once() -> None:
    clock = PositionClock()
    clock.report(6.0, playing=True, now=0.0)
    clock.report(6.3, playing=True, now=0.3)
    clock.jump(0.0)
    assert clock.position(0.3) == 0.0


def test_paused_holds_and_the_end_caps() -> None:
    clock = PositionClock()
    clock.set_duration(9.0)
    clock.report(4.0, playing=False, now=0.0)
    assert clock.position(100.0) == 4.0
    clock.report(8.8, playing=True, now=1.0)
    assert clock.position(1.5) == 9.0
