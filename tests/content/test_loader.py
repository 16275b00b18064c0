"""A valid pack loads into the right structure; PackError and Problem read well."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.check import check_pack
from srt_tui.content.loader import PackError, Problem, load_pack
from tests.content.pack_factory import VALID_MANIFEST, edit, write_pack


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack")


def test_a_valid_pack_has_no_problems(pack_root: Path) -> None:
    assert check_pack(pack_root) == []


def test_pack_header_and_modules_in_order(pack_root: Path) -> None:
    pack = load_pack(pack_root)
    assert (pack.title, pack.version) == ("Test toolkit", "1.0")
    assert pack.variants == ("partner-female", "partner-male")
    assert [m.id for m in pack.modules] == ["foundation", "thinking"]
    assert pack.modules[0].description == "Start here."
    assert pack.foundation.id == "foundation"


def test_foundation_is_the_module_with_the_lowest_order(tmp_path: Path) -> None:
    manifest = edit("order = 1\ndescription", "order = 5\ndescription")
    pack = load_pack(write_pack(tmp_path, manifest))
    assert pack.foundation.id == "thinking"
    assert [m.id for m in pack.modules] == ["thinking", "foundation"]


def test_exercises_are_sorted_by_order_not_file_position(pack_root: Path) -> None:
    pack = load_pack(pack_root)
    assert [e.id for e in pack.exercises] == ["F02", "F01", "T01"]
    assert [e.id for e in pack.exercises_in("foundation")] == ["F02", "F01"]


def test_exercise_fields(pack_root: Path) -> None:
    exercise = load_pack(pack_root).exercise("F01")
    assert exercise is not None
    assert (exercise.title, exercise.module, exercise.order, exercise.minutes) == (
        "What is a healthy relationship?", "foundation", 2, 10)
    assert exercise.key_points == ("Respect", "Trust")
    assert exercise.tags == ("jealousy",)
    assert exercise.task == "Notice one kind act."
    assert exercise.guidance.introduce == "Introduce gently."
    assert exercise.guidance.prompts == ("What did you notice?",)
    assert exercise.guidance.watch_for == ("Minimising",)
    assert [(q.id, q.text) for q in exercise.questions] == [
        ("q1", "What matters most?"), ("q2", "Why does it matter?")]


def test_optional_parts_default_to_empty(pack_root: Path) -> None:
    exercise = load_pack(pack_root).exercise("F02")
    assert exercise is not None
    assert exercise.questions == () and exercise.clips == () and exercise.tags == ()
    assert exercise.guidance.introduce == "" and exercise.guidance.prompts == ()


def test_clip_paths_are_absolute_inside_the_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_pack(tmp_path / "pack")
    monkeypatch.chdir(tmp_path)  # load through a relative path: the result must still be absolute
    pack = load_pack(Path("pack"))
    clip = pack.exercise("F01").clips[0]  # type: ignore[union-attr]
    assert pack.root == root.resolve()
    assert clip.file.is_absolute() and clip.file == root.resolve() / "clips/F01-female.mp4"
    assert clip.subtitles == root.resolve() / "clips/F01-female.srt"
    assert clip.file.is_file()


def test_clip_for_picks_the_variant_then_the_general_clip(pack_root: Path) -> None:
    pack = load_pack(pack_root)
    f01, t01 = pack.exercise("F01"), pack.exercise("T01")
    assert f01 is not None and t01 is not None
    assert f01.clip_for("partner-male").file.name == "F01-male.mp4"  # type: ignore[union-attr]
    assert f01.clip_for("partner-female").file.name == "F01-female.mp4"  # type: ignore[union-attr]
    assert t01.clip_for("partner-male").file.name == "T01.mp4"  # type: ignore[union-attr]
    assert t01.clips[0].variant is None
    assert pack.exercise("F02").clip_for("partner-male") is None  # type: ignore[union-attr]


def test_chapters_and_durations(pack_root: Path) -> None:
    pack = load_pack(pack_root)
    female, male = pack.exercise("F01").clips  # type: ignore[union-attr]
    assert female.duration == 8.0 and male.duration == 9.0 and isinstance(male.duration, float)
    assert [(c.start, c.label) for c in female.chapters] == [
        (0.0, "Opening"), (3.5, "Argument"), (6.0, "Repair")]
    assert female.chapter_at(4.0).label == "Argument"  # type: ignore[union-attr]
    assert male.chapters == ()


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    root = write_pack(tmp_path)
    (root / "toolkit.toml").write_bytes(b"\xef\xbb\xbf" + VALID_MANIFEST.encode())
    assert load_pack(root).title == "Test toolkit"


def test_problem_format() -> None:
    full = Problem("toolkit.toml", 12, "F03", "clips[0].file", "clip file clips/F03.mp4 not found")
    assert str(full) == "toolkit.toml:12: exercise F03: clips[0].file: clip file clips/F03.mp4 not found"
    assert str(Problem("toolkit.toml", None, None, "pack.title", "is required")) == (
        "toolkit.toml: pack.title: is required")


def test_pack_error_lists_every_problem_one_a_line() -> None:
    problems = [Problem("toolkit.toml", 3, None, "pack.title", "is required"),
                Problem("toolkit.toml", 9, "F01", "aim", "is required")]
    error = PackError(problems)
    assert error.problems == problems
    assert str(error) == "toolkit.toml:3: pack.title: is required\ntoolkit.toml:9: exercise F01: aim: is required"
