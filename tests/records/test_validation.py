"""Case references, aliases, and making stored text safe to show."""

from __future__ import annotations

import random

import pytest

from srt_tui.records.validation import clean_text, one_line, validate_alias, validate_ref


@pytest.mark.parametrize(
    "value, expected",
    [
        ("X100001", "X100001"),
        ("  CRN-2026/0042 \n", "CRN-2026/0042"),
        ("a/b", "a/b"),
        ("1.2_3-4", "1.2_3-4"),
        ("A" * 32, "A" * 32),
    ],
)
def test_good_refs_are_stripped_and_kept(value: str, expected: str) -> None:
    assert validate_ref(value) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "Case reference is required."),
        ("   ", "Case reference is required."),
        ("A" * 33, "Case reference must be 32 characters or fewer."),
        ("<bad>", "Case reference may only use letters, digits and - / _ ."),
        ("X 100", "Case reference may only use letters, digits and - / _ ."),
        ("a\\b", "Case reference may only use letters, digits and - / _ ."),
        ("Zoë1", "Case reference may only use letters, digits and - / _ ."),
        ("X1\x1b[2J", "Case reference may only use letters, digits and - / _ ."),
        ("../../evil", "Case reference must start with a letter or digit."),
        ("/etc/passwd", "Case reference must start with a letter or digit."),
        (".hidden", "Case reference must start with a letter or digit."),
        ("-x", "Case reference must start with a letter or digit."),
    ],
)
def test_bad_refs_are_refused_with_a_sentence(value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_ref(value)
    assert str(caught.value) == message


@pytest.mark.parametrize("value", ["J.B.", " K ", "[bold red]K.L.[/]", "Zoë", "A" * 40])
def test_good_aliases(value: str) -> None:
    assert validate_alias(value) == value.strip()


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "Alias is required (initials are enough)."),
        (" \t ", "Alias is required (initials are enough)."),
        ("A" * 41, "Alias must be 40 characters or fewer."),
        ("J.\nB.", "Alias must be one line of plain text, without control characters."),
        ("J.\x1b[31mB.", "Alias must be one line of plain text, without control characters."),
        ("J.\x00B.", "Alias must be one line of plain text, without control characters."),
        ("J.\u2028B.", "Alias must be one line of plain text, without control characters."),
    ],
)
def test_bad_aliases(value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_alias(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[1;38;5;196mbold\x1b[m", "bold"),
        ("\x9b31mC1 CSI\x9b0m", "C1 CSI"),
        ("\x1b]0;evil title\x07after", "after"),
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("\x9d8;;https://x\x9clink", "link"),
        ("\x1bP1$qm\x1b\\dcs", "dcs"),
        ("\x1b_apc payload\x1b\\ok", "ok"),
        ("\x1b(Bcharset \x1b7save \x1bcreset", "charset save reset"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ("bell\x07 nul\x00 del\x7f c1\x85 bs\x08", "bell nul del c1 bs"),
        ("[bold red]x[/] [link=x]y[/]", "[bold red]x[/] [link=x]y[/]"),
        ("Zoë — 你好 😀", "Zoë — 你好 😀"),
        ("\x1b]0;unterminated", "0;unterminated"),
        ("trailing \x1b", "trailing "),
    ],
)
def test_clean_text(raw: str, shown: str) -> None:
    assert clean_text(raw) == shown


def test_clean_text_never_leaves_a_control_character() -> None:
    alphabet = "ab \n\t\r\x1b\x07\x9b\x9c\x9d[]0;m\\P_^X\x00\x7f\x85é"
    generator = random.Random(1234)
    for _ in range(2000):
        raw = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 30)))
        shown = clean_text(raw)
        bad = [c for c in shown if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
        assert not bad, (raw, shown)


@pytest.mark.parametrize(("value", "expected"), [
    ("A.B.", "A.B."),
    ("two  spaces ", "two spaces"),
    (" line\nbreak\ttab\r\nend ", "line break tab end"),
    ("\x1b[31mred\x1b[0m and \x07bell", "red and bell"),
    ("[b]markup[/b] stays", "[b]markup[/b] stays"),
    ("", ""),
])
def test_one_line_is_clean_text_on_one_line(value: str, expected: str) -> None:
    assert one_line(value) == expected
