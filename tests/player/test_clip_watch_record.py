"""What was watched, on the session record: lossless, and old records still load."""

from __future__ import annotations

import json
from datetime import date

import pytest

from srt_tui.records.model import ClipWatch, Session


def test_watches_survive_a_round_trip_through_json() -> None:
    session = Session(case_id="c1", date=date(2026, 11, 2))
    session.clips_watched.append(ClipWatch("clips/R04-m.mp4", "R04", furthest=9.0, seconds_played=13.25,
                                           left_at=0.0))
    session.clips_watched.append(ClipWatch("clips/F01.mp4", "F01", furthest=4.5, seconds_played=4.5,
                                           left_at=4.5))
    again = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert again == session
    assert again.watch_for("clips/F01.mp4") == ClipWatch("clips/F01.mp4", "F01", 4.5, 4.5, 4.5)
    assert again.watch_for("clips/nope.mp4") is None


def test_a_session_saved_before_clips_were_recorded_still_loads() -> None:
    old = Session(case_id="c1", date=date(2026, 11, 2)).to_dict()
    del old["clips_watched"]
    assert Session.from_dict(old).clips_watched == []


@pytest.mark.parametrize("bad", [
    {"clip": 5, "exercise_id": "F01"},
    {"clip": "clips/F01.mp4", "exercise_id": "F01", "furthest": -1},
    {"clip": "clips/F01.mp4", "exercise_id": "F01", "seconds_played": "NaN"},
    {"clip": "clips/F01.mp4", "exercise_id": "F01", "left_at": "soon"},
])
def test_nonsense_in_a_record_is_refused(bad: dict) -> None:
    with pytest.raises((TypeError, ValueError)):
        ClipWatch.from_dict(bad)
