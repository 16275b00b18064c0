"""The demo content pack on disk: its shape, clip files, subtitles and narration.

Runs without ffmpeg (CI has none): an MP4 is recognised by the ISO BMFF ``ftyp`` box it
starts with, and subtitles are parsed by the small SRT parser below. The clips themselves
are made by ``scripts/make_demo_clips.py``, which checks their real durations.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

PACK = Path(__file__).resolve().parents[2] / "data"
MAX_PACK_BYTES = 5 * 1024 * 1024
TAGS = {
    "alcohol", "drugs", "jealousy", "coercive-control", "parenting", "anger", "stress",
    "communication", "trust", "separation", "technology",
}
EXPECTED_IDS = (
    [f"F{n:02d}" for n in range(1, 9)]
    + [f"T{n:02d}" for n in range(1, 6)]
    + [f"E{n:02d}" for n in range(1, 6)]
    + [f"R{n:02d}" for n in range(1, 7)]
)
MODULE_OF = {"F": "foundation", "T": "thinking", "E": "emotions", "R": "relationships"}


def _manifest() -> dict:
    return tomllib.loads((PACK / "toolkit.toml").read_text(encoding="utf-8"))


def _narration() -> dict[str, list[str]]:
    return tomllib.loads((PACK / "narration.toml").read_text(encoding="utf-8"))["clips"]


MANIFEST = _manifest()
EXERCISES = MANIFEST["exercises"]
CLIPS = [(exercise["id"], clip) for exercise in EXERCISES for clip in exercise.get("clips", [])]
CLIP_IDS = [clip["file"] for _, clip in CLIPS]


# ---------------------------------------------------------------- a tiny SRT parser


@dataclass(frozen=True)
class Cue:
    index: int
    start: float
    end: float
    text: str


_TIMING = re.compile(
    r"(\d{2}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2}):([0-5]\d):([0-5]\d),(\d{3})"
)


def parse_srt(text: str) -> list[Cue]:
    """Strictly parse SubRip text; raise ValueError on anything malformed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    blocks = [block for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if block]
    if not blocks:
        raise ValueError("no cues")
    cues = []
    for number, block in enumerate(blocks, 1):
        lines = block.split("\n")
        if len(lines) < 3:
            raise ValueError(f"cue {number}: needs an index, a timing line and text")
        if lines[0].strip() != str(number):
            raise ValueError(f"cue {number}: index is {lines[0]!r}")
        timing = _TIMING.fullmatch(lines[1].strip())
        if timing is None:
            raise ValueError(f"cue {number}: bad timing line {lines[1]!r}")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(part) for part in timing.groups())
        start = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000
        end = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000
        if end <= start:
            raise ValueError(f"cue {number}: ends before it starts")
        if cues and start < cues[-1].start:
            raise ValueError(f"cue {number}: starts before the previous cue")
        body = "\n".join(lines[2:]).strip()
        if not body:
            raise ValueError(f"cue {number}: has no text")
        cues.append(Cue(number, start, end, body))
    return cues


def test_srt_parser_accepts_good_and_rejects_bad_input() -> None:
    good = "1\n00:00:00,000 --> 00:00:03,000\nHello.\n\n2\n00:00:03,000 --> 00:00:06,500\nBye.\n"
    assert parse_srt(good) == [Cue(1, 0.0, 3.0, "Hello."), Cue(2, 3.0, 6.5, "Bye.")]
    bad = [
        "",
        "2\n00:00:00,000 --> 00:00:03,000\nWrong index.\n",
        "1\n00:00:00.000 --> 00:00:03.000\nDots, not commas.\n",
        "1\n00:00:03,000 --> 00:00:01,000\nBackwards.\n",
        "1\n00:00:00,000 --> 00:00:03,000\n",
    ]
    for text in bad:
        with pytest.raises(ValueError):
            parse_srt(text)


# ---------------------------------------------------------------- the manifest


def test_pack_header() -> None:
    pack = MANIFEST["pack"]
    assert pack["title"] == "Demo toolkit: Healthy relationships skills (fictional)"
    assert pack["version"] == "1.0"
    assert pack["variants"] == ["partner-female", "partner-male"]


def test_four_modules_in_order_with_descriptions() -> None:
    modules = sorted(MANIFEST["modules"], key=lambda m: m["order"])
    assert [(m["id"], m["order"]) for m in modules] == [
        ("foundation", 1), ("thinking", 2), ("emotions", 3), ("relationships", 4),
    ]
    for module in modules:
        assert module["title"].strip()
        assert module["description"].strip().endswith(".")


def test_24_exercises_in_order_with_8_in_foundation() -> None:
    assert [e["id"] for e in EXERCISES] == EXPECTED_IDS
    assert [e["order"] for e in EXERCISES] == list(range(1, 25))
    for exercise in EXERCISES:
        assert exercise["module"] == MODULE_OF[exercise["id"][0]], exercise["id"]
    counts = {m: sum(e["module"] == m for e in EXERCISES) for m in MODULE_OF.values()}
    assert counts == {"foundation": 8, "thinking": 5, "emotions": 5, "relationships": 6}


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e["id"] for e in EXERCISES])
def test_exercise_has_complete_guidance_and_worksheet(exercise: dict) -> None:
    assert 10 <= exercise["minutes"] <= 25
    assert exercise["title"].strip() and exercise["aim"].strip() and exercise["task"].strip()
    assert 3 <= len(exercise["key_points"]) <= 4
    guidance = exercise["guidance"]
    assert guidance["introduce"].strip()
    assert 3 <= len(guidance["prompts"]) <= 4
    assert 2 <= len(guidance["watch_for"]) <= 3
    questions = exercise["questions"]
    assert [q["id"] for q in questions] == [f"q{n}" for n in range(1, len(questions) + 1)]
    assert 2 <= len(questions) <= 3
    assert all(q["text"].strip() for q in questions)
    assert set(exercise.get("tags", [])) <= TAGS
    texts = [exercise["aim"], exercise["task"], guidance["introduce"], *exercise["key_points"],
             *guidance["prompts"], *guidance["watch_for"], *(q["text"] for q in questions)]
    for text in texts:
        assert text == text.strip() and text.isprintable(), repr(text)


def test_relevance_tags_cover_the_topics_that_need_them() -> None:
    tagged = {e["id"]: set(e.get("tags", [])) for e in EXERCISES}
    assert {"alcohol", "drugs"} <= tagged["E05"]
    assert "parenting" in tagged["R05"]
    assert "separation" in tagged["R06"]
    assert {"jealousy", "technology"} <= tagged["R04"]
    assert set().union(*tagged.values()) == TAGS  # every tag is used somewhere


# ---------------------------------------------------------------- clips and subtitles


def test_every_exercise_has_a_clip() -> None:
    assert all(exercise.get("clips") for exercise in EXERCISES)
    assert len(CLIP_IDS) == len(set(CLIP_IDS)) == 25


def test_r04_has_one_clip_per_partner_variant() -> None:
    r04 = next(e for e in EXERCISES if e["id"] == "R04")
    assert {(c["variant"], c["file"]) for c in r04["clips"]} == {
        ("partner-female", "clips/R04-f.mp4"),
        ("partner-male", "clips/R04-m.mp4"),
    }
    used = {clip.get("variant") for _, clip in CLIPS} - {None}
    assert used <= set(MANIFEST["pack"]["variants"])


@pytest.mark.parametrize(("exercise_id", "clip"), CLIPS, ids=CLIP_IDS)
def test_clip_file_is_an_mp4(exercise_id: str, clip: dict) -> None:
    assert clip["file"].startswith("clips/") and ".." not in clip["file"]
    path = PACK / clip["file"]
    assert path.is_file(), f"{exercise_id}: {clip['file']} is missing"
    head = path.read_bytes()[:12]
    assert head[4:8] == b"ftyp", f"{clip['file']} does not start with an ISO BMFF ftyp box"
    assert int.from_bytes(head[:4], "big") >= 8
    assert path.stat().st_size > 10_000  # a real encoded clip, not a stub


@pytest.mark.parametrize(("exercise_id", "clip"), CLIPS, ids=CLIP_IDS)
def test_clip_is_short_with_ordered_chapters(exercise_id: str, clip: dict) -> None:
    duration = clip["duration"]
    assert isinstance(duration, float) and 6.0 <= duration <= 9.0
    starts = [chapter["start"] for chapter in clip["chapters"]]
    assert 2 <= len(starts) <= 3
    assert starts[0] == 0.0
    assert starts == sorted(set(starts))
    assert starts[-1] < duration
    assert all(chapter["label"].strip() for chapter in clip["chapters"])


@pytest.mark.parametrize(("exercise_id", "clip"), CLIPS, ids=CLIP_IDS)
def test_subtitles_have_one_cue_per_chapter_inside_the_clip(exercise_id: str, clip: dict) -> None:
    assert clip["subtitles"] == clip["file"].removesuffix(".mp4") + ".srt"
    cues = parse_srt((PACK / clip["subtitles"]).read_text(encoding="utf-8"))
    chapters = clip["chapters"]
    assert len(cues) == len(chapters)
    for cue, chapter in zip(cues, chapters, strict=True):
        assert cue.start == pytest.approx(chapter["start"], abs=0.001)
        assert 0.0 <= cue.start < cue.end <= clip["duration"] + 0.001


def test_narration_matches_chapters_and_subtitles() -> None:
    narration = _narration()
    assert set(narration) == set(CLIP_IDS)
    for _, clip in CLIPS:
        lines = narration[clip["file"]]
        assert len(lines) == len(clip["chapters"]), clip["file"]
        cues = parse_srt((PACK / clip["subtitles"]).read_text(encoding="utf-8"))
        assert [cue.text for cue in cues] == lines, clip["file"]


def test_no_stray_media_and_pack_stays_small() -> None:
    referenced = set(CLIP_IDS) | {clip["subtitles"] for _, clip in CLIPS}
    on_disk = {p.relative_to(PACK).as_posix() for p in (PACK / "clips").iterdir()}
    assert on_disk == referenced
    total = sum(p.stat().st_size for p in PACK.rglob("*") if p.is_file())
    assert total < MAX_PACK_BYTES, f"data/ is {total} bytes"
