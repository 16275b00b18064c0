"""Every kind of problem a pack can have is found, located and listed; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from srt_tui.content.check import check_pack
from srt_tui.content.loader import load_pack
from tests.content.conftest import assert_problems
from tests.content.pack_factory import VALID_MANIFEST, edit, line_of, write_pack

M = "toolkit.toml"
PACK = line_of("[pack]")
FOUNDATION = line_of('id = "foundation"')
THINKING = line_of('id = "thinking"')
F01, F02, T01 = line_of('id = "F01"'), line_of('id = "F02"'), line_of('id = "T01"')


def broken(tmp_path: Path, manifest: str, skip: tuple[str, ...] = ()) -> Path:
    return write_pack(tmp_path / "pack", manifest, skip=skip)


# -- the folder and the file --------------------------------------------------------------

def test_missing_folder(tmp_path: Path) -> None:
    problems = assert_problems(tmp_path / "nowhere", [(M, None, None, "")], says="not found")
    assert "nowhere" in problems[0].message


def test_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert_problems(tmp_path / "file", [(M, None, None, "")], says="is not a folder")


def test_missing_manifest(tmp_path: Path) -> None:
    assert_problems(tmp_path, [(M, None, None, "")], says="not found")


def test_manifest_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "toolkit.toml").mkdir()
    assert_problems(tmp_path, [(M, None, None, "")], says="is a folder")


def test_unreadable_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_pack(tmp_path)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_problems(root, [(M, None, None, "")], says="cannot be read: Permission denied")


def test_manifest_that_is_not_utf8(tmp_path: Path) -> None:
    root = write_pack(tmp_path)
    (root / "toolkit.toml").write_bytes(b'[pack]\ntitle = "x"\nversion = "\xff"\n')
    assert_problems(root, [(M, 3, None, "")], says="UTF-8")


def test_toml_syntax_error_reports_the_parser_line(tmp_path: Path) -> None:
    root = broken(tmp_path, edit('title = "Warning signs"', 'title = "Warning signs'))
    problems = assert_problems(root, [(M, line_of('title = "Warning signs"'), None, "")],
                               says="TOML syntax error")
    assert f"line {problems[0].line}" in problems[0].message


def test_toml_syntax_error_at_the_end_of_the_document(tmp_path: Path) -> None:
    manifest = VALID_MANIFEST + "broken = [1,\n"
    assert_problems(broken(tmp_path, manifest), [(M, len(manifest.splitlines()), None, "")],
                    says="end of document")


def test_absurdly_nested_toml_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = broken(tmp_path, "a = " + "[" * 50_000)
    assert_problems(root, [(M, None, None, "")], says="nested too deeply")


# -- wrong types --------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "line", "exercise", "key", "says"), [
    ("minutes = 10", 'minutes = "ten"', F01, "F01", "minutes", "whole number, not 'ten'"),
    ("minutes = 10", "minutes = 10.5", F01, "F01", "minutes", "whole number"),
    ("order = 3", "order = true", T01, "T01", "order", "whole number, not true"),
    ('key_points = ["Respect", "Trust"]', 'key_points = "Respect"', F01, "F01", "key_points",
     "list of texts"),
    ('key_points = ["Respect", "Trust"]', 'key_points = ["Respect", 2]', F01, "F01",
     "key_points[1]", "text in quotes, not 2"),
    ("duration = 9\n", 'duration = 9\nchapters = "intro"\n', F01, "F01", "clips[1].chapters",
     "list of tables"),
    ("duration = 9\n", 'duration = 9\nchapters = ["intro"]\n', F01, "F01", "clips[1].chapters[0]",
     "must be a table"),
    ("duration = 12.5", 'duration = "12.5"', T01, "T01", "clips[0].duration", "must be a number"),
    ("duration = 12.5", "duration = nan", T01, "T01", "clips[0].duration", "finite"),
    ('{ start = 3.5, label = "Argument" }', '{ start = 3.5, label = ["Argument"] }', F01, "F01",
     "clips[0].chapters[1].label", "text in quotes"),
    ('version = "1.0"', "version = 1.0", PACK, None, "pack.version", "text in quotes, not 1.0"),
    ('variants = ["partner-female", "partner-male"]', 'variants = "partner-female"', PACK, None,
     "pack.variants", "list of texts"),
    ('tags = ["jealousy"]', 'tags = "jealousy"', F01, "F01", "tags", "list of texts"),
    ('prompts = ["What did you notice?"]', 'prompts = "What?"', F01, "F01", "guidance.prompts",
     "list of texts"),
    ('task = "Write down one warning sign."', 'task = "x"\nguidance = "be kind"', F02, "F02",
     "guidance", "must be a table"),
    ('task = "Write down one warning sign."', 'task = "x"\nquestions = "q1"', F02, "F02",
     "questions", "list of tables"),
    ('title = "Thinking"\norder = 2', 'title = "Thinking"\norder = "2"', THINKING, None,
     "modules[1].order", "whole number"),
])
def test_wrong_type(tmp_path: Path, old: str, new: str, line: int, exercise: str | None,
                    key: str, says: str) -> None:
    assert_problems(broken(tmp_path, edit(old, new)), [(M, line, exercise, key)], says=says)


# -- missing required keys ----------------------------------------------------------------

@pytest.mark.parametrize(("line_text", "line", "exercise", "key"), [
    ('title = "Warning signs"\n', F02, "F02", "title"),
    ("order = 3\n", T01, "T01", "order"),
    ("minutes = 15\n", F02, "F02", "minutes"),
    ('aim = "Spot early warning signs."\n', F02, "F02", "aim"),
    ('key_points = ["Control", "Isolation"]\n', F02, "F02", "key_points"),
    ('file = "clips/T01.mp4"\n', T01, "T01", "clips[0].file"),
    ("duration = 12.5\n", T01, "T01", "clips[0].duration"),
    ('text = "Why does it matter?"\n', F01, "F01", "questions[1].text"),
    ('id = "q2"\n', F01, "F01", "questions[1].id"),
    ('title = "Test toolkit"\n', PACK, None, "pack.title"),
    ('version = "1.0"\n', PACK, None, "pack.version"),
    ('title = "Thinking"\n', THINKING, None, "modules[1].title"),
])
def test_missing_required_key(tmp_path: Path, line_text: str, line: int, exercise: str | None,
                              key: str) -> None:
    root = broken(tmp_path, edit(line_text, ""))
    assert_problems(root, [(M, line, exercise, key)], says="is required")


def test_missing_exercise_id_points_at_its_table(tmp_path: Path) -> None:
    manifest = edit('id = "F02"\n', "")
    headers = [n for n, text in enumerate(manifest.splitlines(), 1) if text == "[[exercises]]"]
    assert_problems(broken(tmp_path, manifest), [(M, headers[1], None, "exercises[1].id")],
                    says="is required")


def test_missing_module_of_an_exercise(tmp_path: Path) -> None:
    """The exercise lacks its module, and so the module it belonged to has none."""
    root = broken(tmp_path, edit('module = "thinking"\n', ""))
    assert_problems(root, [(M, T01, "T01", "module"), (M, THINKING, None, "modules[1]")],
                    says="is required")


def _cut(manifest: str, start: str, end: str | None = None) -> str:
    """``manifest`` without the part from ``start`` up to ``end`` (or to its end)."""
    head = manifest.index(start)
    return manifest[:head] + (manifest[manifest.index(end):] if end else "")


def test_missing_pack_table(tmp_path: Path) -> None:
    root = broken(tmp_path, _cut(VALID_MANIFEST, "[pack]", "[[modules]]"))
    assert_problems(root, [(M, None, None, "pack")], says="is required")


def test_missing_exercises(tmp_path: Path) -> None:
    root = broken(tmp_path, _cut(VALID_MANIFEST, "[[exercises]]"))
    assert_problems(root, [(M, None, None, "exercises")], says="is required")


def test_empty_list_of_modules(tmp_path: Path) -> None:
    manifest = "modules = []\n" + _cut(VALID_MANIFEST, "[[modules]]", "[[exercises]]")
    assert_problems(broken(tmp_path, manifest), [(M, None, None, "modules")], says="at least one")


# -- exercise content ---------------------------------------------------------------------

def test_an_exercise_without_questions_is_allowed(tmp_path: Path) -> None:
    manifest = edit('[[exercises.questions]]\nid = "q1"\ntext = "What were you thinking?"\n', "")
    assert check_pack(broken(tmp_path, manifest)) == []
    assert load_pack(tmp_path / "pack").exercise("T01").questions == ()  # type: ignore[union-attr]


def test_an_exercise_without_key_points_is_a_problem(tmp_path: Path) -> None:
    manifest = edit('key_points = ["Respect", "Trust"]', "key_points = []")
    assert_problems(broken(tmp_path, manifest), [(M, F01, "F01", "key_points")], says="at least one")


@pytest.mark.parametrize("aim", ['aim = ""', 'aim = "   "'])
def test_an_exercise_with_an_empty_aim_is_a_problem(tmp_path: Path, aim: str) -> None:
    manifest = edit('aim = "Link a thought to a feeling."', aim)
    assert_problems(broken(tmp_path, manifest), [(M, T01, "T01", "aim")], says="must not be empty")


def test_minutes_must_be_positive(tmp_path: Path) -> None:
    assert_problems(broken(tmp_path, edit("minutes = 20", "minutes = 0")),
                    [(M, T01, "T01", "minutes")], says="more than 0")


@pytest.mark.parametrize(("old", "new", "key"), [
    ('title = "Warning signs"', 'title = "Warning \\u001b[2Jsigns"', "title"),
    ('key_points = ["Control", "Isolation"]', 'key_points = ["Control", "Iso\\u0007lation"]',
     "key_points[1]"),
])
def test_control_characters_in_text_are_a_problem(tmp_path: Path, old: str, new: str,
                                                  key: str) -> None:
    problems = assert_problems(broken(tmp_path, edit(old, new)), [(M, F02, "F02", key)],
                               says="control characters")
    assert str(problems[0]).isprintable()


def test_line_breaks_and_tabs_in_text_are_fine(tmp_path: Path) -> None:
    manifest = edit('aim = "Spot early warning signs."', 'aim = """Spot early\n\twarning signs."""')
    assert load_pack(broken(tmp_path, manifest)).exercise("F02").aim == (  # type: ignore[union-attr]
        "Spot early\n\twarning signs.")
