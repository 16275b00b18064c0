"""Rules across the pack: unique ids and orders, known modules and variants, clips and
chapters that make sense, safe ids and file names that stay inside the pack folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.check import check_pack
from srt_tui.content.loader import PackError, Problem, load_pack
from tests.content.conftest import assert_problems, where
from tests.content.pack_factory import VALID_MANIFEST, edit, line_of, write_pack

M = "toolkit.toml"
PACK = line_of("[pack]")
THINKING = line_of('id = "thinking"')
F01, F02, T01 = line_of('id = "F01"'), line_of('id = "F02"'), line_of('id = "T01"')


def broken(tmp_path: Path, manifest: str, skip: tuple[str, ...] = ()) -> Path:
    return write_pack(tmp_path / "pack", manifest, skip=skip)


# -- uniqueness ---------------------------------------------------------------------------

def test_duplicate_exercise_id(tmp_path: Path) -> None:
    problems = assert_problems(broken(tmp_path, edit('id = "T01"', 'id = "F02"')),
                               [(M, T01, "F02", "id")], says="duplicate exercise id")
    assert f"line {F02}" in problems[0].message  # where the first one is


def test_duplicate_question_id_within_an_exercise(tmp_path: Path) -> None:
    assert_problems(broken(tmp_path, edit('id = "q2"', 'id = "q1"')),
                    [(M, F01, "F01", "questions[1].id")], says="duplicate question id 'q1'")


def test_the_same_question_id_in_two_exercises_is_fine(tmp_path: Path) -> None:
    # F01 and T01 both have a q1 in the valid pack
    assert VALID_MANIFEST.count('id = "q1"') == 2
    assert check_pack(broken(tmp_path, VALID_MANIFEST)) == []


def test_duplicate_exercise_order(tmp_path: Path) -> None:
    problems = assert_problems(broken(tmp_path, edit("order = 3", "order = 2")),
                               [(M, T01, "T01", "order")], says="order 2 is already used")
    assert "F01" in problems[0].message


def test_duplicate_module_order(tmp_path: Path) -> None:
    manifest = edit('title = "Thinking"\norder = 2', 'title = "Thinking"\norder = 1')
    assert_problems(broken(tmp_path, manifest), [(M, THINKING, None, "modules[1].order")],
                    says="order 1 is already used by module 'foundation'")


def test_duplicate_module_id(tmp_path: Path) -> None:
    manifest = edit('id = "thinking"', 'id = "foundation"')
    assert_problems(broken(tmp_path, manifest),
                    [(M, THINKING, None, "modules[1].id"), (M, T01, "T01", "module")],
                    says="duplicate module id 'foundation'")


# -- modules ------------------------------------------------------------------------------

def test_unknown_module(tmp_path: Path) -> None:
    manifest = edit('module = "thinking"', 'module = "feelings"')
    problems = assert_problems(
        broken(tmp_path, manifest),
        [(M, T01, "T01", "module"), (M, THINKING, None, "modules[1]")],
        says="unknown module 'feelings'")
    assert "has no exercises" in problems[1].message


def test_module_with_no_exercises(tmp_path: Path) -> None:
    manifest = VALID_MANIFEST + '\n[[modules]]\nid = "emotions"\ntitle = "Emotions"\norder = 3\n'
    assert_problems(broken(tmp_path, manifest),
                    [(M, line_of('id = "emotions"', manifest), None, "modules[2]")],
                    says="module 'emotions' has no exercises")


# -- clips --------------------------------------------------------------------------------

def test_missing_clip_file(tmp_path: Path) -> None:
    problems = assert_problems(broken(tmp_path, VALID_MANIFEST, skip=("clips/T01.mp4",)),
                               [(M, T01, "T01", "clips[0].file")])
    assert problems[0].message == "clip file clips/T01.mp4 not found"
    assert str(problems[0]) == f"toolkit.toml:{T01}: exercise T01: clips[0].file: " \
                               "clip file clips/T01.mp4 not found"


def test_missing_subtitles_file(tmp_path: Path) -> None:
    problems = assert_problems(broken(tmp_path, VALID_MANIFEST, skip=("clips/F01-female.srt",)),
                               [(M, F01, "F01", "clips[0].subtitles")])
    assert problems[0].message == "subtitles file clips/F01-female.srt not found"


def test_clip_file_that_is_a_folder(tmp_path: Path) -> None:
    root = broken(tmp_path, VALID_MANIFEST, skip=("clips/T01.mp4",))
    (root / "clips/T01.mp4").mkdir()
    assert_problems(root, [(M, T01, "T01", "clips[0].file")], says="is not a file")


@pytest.mark.parametrize("duration", ["0", "0.0", "-1", "-0.5"])
def test_clip_duration_must_be_positive(tmp_path: Path, duration: str) -> None:
    manifest = edit("duration = 12.5", f"duration = {duration}")
    assert_problems(broken(tmp_path, manifest), [(M, T01, "T01", "clips[0].duration")],
                    says="more than 0 seconds")


def test_chapter_start_below_zero(tmp_path: Path) -> None:
    manifest = edit("{ start = 0.0,", "{ start = -1.0,")
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].chapters[0].start")],
                    says="must not be negative")


@pytest.mark.parametrize("start", ["8.0", "8", "9.5"])
def test_chapter_start_at_or_after_the_end(tmp_path: Path, start: str) -> None:
    manifest = edit("{ start = 6.0,", f"{{ start = {start},")  # the clip lasts 8.0 s
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].chapters[2].start")],
                    says="before the end of the clip")


@pytest.mark.parametrize("start", ["7.0", "6.0"])
def test_chapter_starts_must_ascend(tmp_path: Path, start: str) -> None:
    manifest = edit("{ start = 3.5,", f"{{ start = {start},")  # the next chapter starts at 6.0
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].chapters[2].start")],
                    says="after the previous chapter")


def test_chapter_start_is_not_checked_against_an_unusable_duration(tmp_path: Path) -> None:
    manifest = edit("duration = 8.0", 'duration = "long"')
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].duration")])


def test_clip_variant_not_in_the_pack(tmp_path: Path) -> None:
    manifest = edit('variant = "partner-male"', 'variant = "partner-other"')
    problems = assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[1].variant")],
                               says="unknown variant 'partner-other'")
    assert "partner-female, partner-male" in problems[0].message


def test_clip_variant_when_the_pack_declares_none(tmp_path: Path) -> None:
    manifest = edit('variants = ["partner-female", "partner-male"]\n', "")
    f01 = line_of('id = "F01"', manifest)
    assert_problems(broken(tmp_path, manifest),
                    [(M, f01, "F01", "clips[0].variant"), (M, f01, "F01", "clips[1].variant")],
                    says="the pack declares no variants")


def test_two_clips_for_the_same_variant(tmp_path: Path) -> None:
    manifest = edit('variant = "partner-male"', 'variant = "partner-female"')
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[1].variant")],
                    says="clips[0] is already the clip for variant 'partner-female'")


def test_two_clips_for_every_variant(tmp_path: Path) -> None:
    manifest = edit('variant = "partner-male"\n', "", edit('variant = "partner-female"\n', ""))
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[1].variant")],
                    says="already the clip for every variant")


# -- safe ids -----------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["F 02", "-F02", "F02/x", "../F02", "", "F" * 33, "F\\u001b[31m"])
def test_unsafe_exercise_id(tmp_path: Path, bad: str) -> None:
    problems = assert_problems(broken(tmp_path, edit('id = "F02"', f'id = "{bad}"')),
                               [(M, F02, None, "exercises[1].id")])
    assert "\x1b" not in str(problems[0]) and str(problems[0]).isprintable()


def test_longest_safe_id_is_accepted(tmp_path: Path) -> None:
    long_id = "F" + "0" * 31
    pack = load_pack(broken(tmp_path, edit('id = "F02"', f'id = "{long_id}"')))
    assert pack.exercise(long_id) is not None


def test_unsafe_question_id(tmp_path: Path) -> None:
    assert_problems(broken(tmp_path, edit('id = "q2"', 'id = "q/2"')),
                    [(M, F01, "F01", "questions[1].id")], says="not a safe id")


def test_unsafe_module_id(tmp_path: Path) -> None:
    manifest = edit('module = "thinking"', 'module = "think ing"', edit('id = "thinking"', 'id = "think ing"'))
    assert_problems(broken(tmp_path, manifest), [(M, THINKING, None, "modules[1].id")],
                    says="not a safe id")


def test_unsafe_variant(tmp_path: Path) -> None:
    manifest = edit('variants = ["partner-female", "partner-male"]',
                    'variants = ["partner-female", "partner male"]')
    manifest = edit('variant = "partner-male"', 'variant = "partner male"', manifest)
    assert_problems(broken(tmp_path, manifest),
                    [(M, PACK, None, "pack.variants[1]"), (M, F01, "F01", "clips[1].variant")],
                    says="not a safe id")


# -- file names stay inside the pack ------------------------------------------------------

@pytest.mark.parametrize(("name", "says"), [
    ("/etc/hostname", "absolute"),
    ("../outside.mp4", "'..'"),
    ("clips/../../outside.mp4", "'..'"),
    ("C:/clips/T01.mp4", "absolute"),
    ("clips\\\\T01.mp4", "'/'"),
    ("", "must not be empty"),
    ("clips/T01.mp4\\u0000", "control characters"),
])
def test_clip_file_must_stay_inside_the_pack(tmp_path: Path, name: str, says: str) -> None:
    (tmp_path / "outside.mp4").write_bytes(b"x")  # it exists, and still may not be used
    manifest = edit('file = "clips/T01.mp4"', f'file = "{name}"')
    assert_problems(broken(tmp_path, manifest), [(M, T01, "T01", "clips[0].file")], says=says)


def test_subtitles_must_stay_inside_the_pack(tmp_path: Path) -> None:
    (tmp_path / "F01.srt").write_text("1\n")
    manifest = edit('subtitles = "clips/F01-female.srt"', 'subtitles = "../F01.srt"')
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].subtitles")], says="'..'")


def test_a_link_to_outside_the_pack_is_refused(tmp_path: Path) -> None:
    root = broken(tmp_path, VALID_MANIFEST, skip=("clips/T01.mp4",))
    (tmp_path / "secret.mp4").write_bytes(b"x")
    (root / "clips/T01.mp4").symlink_to(tmp_path / "secret.mp4")
    assert_problems(root, [(M, T01, "T01", "clips[0].file")], says="outside the pack folder")


# -- typos, many problems at once, and anything at all ------------------------------------

def test_unknown_key_is_reported(tmp_path: Path) -> None:
    manifest = edit('subtitles = "clips/F01-female.srt"', 'subtitle = "clips/F01-female.srt"')
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "clips[0].subtitle")],
                    says="unknown key; expected one of: chapters, duration, file, subtitles, variant")


def test_every_problem_is_listed_in_one_pass(tmp_path: Path) -> None:
    manifest = edit('version = "1.0"\n', "")
    manifest = edit("minutes = 10", 'minutes = "ten"', manifest)
    manifest = edit('id = "q2"', 'id = "q1"', manifest)
    manifest = edit("{ start = 6.0,", "{ start = 60.0,", manifest)
    manifest = edit('id = "T01"', 'id = "F02"', manifest)
    root = broken(tmp_path, manifest, skip=("clips/F01-male.mp4",))
    f01 = line_of('id = "F01"', manifest)
    second_f02 = [n for n, text in enumerate(manifest.splitlines(), 1) if text == 'id = "F02"']
    problems = assert_problems(root, [
        (M, PACK, None, "pack.version"),
        (M, f01, "F01", "minutes"),
        (M, f01, "F01", "questions[1].id"),
        (M, f01, "F01", "clips[0].chapters[2].start"),
        (M, f01, "F01", "clips[1].file"),
        (M, second_f02[1], "F02", "id"),
    ])
    assert f"also used at line {second_f02[0]}" in problems[-1].message


@pytest.mark.parametrize("manifest", [
    "",
    "pack = 1\nmodules = 2\nexercises = 3\n",
    "[[pack]]\ntitle = 1\n",
    "modules = [1, 'a', []]\nexercises = [[], {}, 2]\n",
    "exercises = [{id = 'F01', clips = [{chapters = [{start = 'x'}, 5]}, 3]}]\n",
    "exercises = [{id = 7, module = [], guidance = {prompts = [{}, 1]}, questions = [{id = 1.5}]}]\n",
    'modules = [{ id = "m", order = 1979-05-27 }]\n',
    '"\\u001b[2J" = 1\n[pack]\ntitle = "\\u001b]0;pwned\\u0007"\n',
    VALID_MANIFEST.replace('"', "'").replace("= 1", "= [1]"),
    VALID_MANIFEST.replace("[[exercises.clips]]", "[exercises.clips]").replace("[exercises.clips]", "x = 1\n[clips]", 1),
])
def test_any_manifest_ends_in_problems_not_a_traceback(tmp_path: Path, manifest: str) -> None:
    root = write_pack(tmp_path, manifest)
    problems = check_pack(root)
    assert problems and all(isinstance(p, Problem) for p in problems)
    assert all(str(p).isprintable() for p in problems)  # one line each, no escapes
    with pytest.raises(PackError) as raised:
        load_pack(root)
    assert [where(p) for p in raised.value.problems] == [where(p) for p in problems]
