"""Export file names: safe whatever the reference, inside the export folder, never reused."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.export import ExportError, export_case
from srt_tui.export.filenames import MAX_STEM, export_stem, safe_stem
from srt_tui.records.model import Case, Session
from tests.export.samples import FakeStore

SAFE = re.compile(r"[A-Za-z0-9_-]+")
ODD_REFS = [
    "../../etc/passwd",
    "CRN-2026/0042",
    "..",
    ".",
    "  ",
    "",
    ".hidden",
    "C:\\Windows\\system32",
    "CON",
    "Ünïcødé-ref",
    "事件-42",
    "日本語",
    "a" * 500,
    "name\x00with\nnul",
    "-rf",
    "\x1b[31mred",
]


@pytest.mark.parametrize("ref", ODD_REFS)
def test_safe_stem_is_always_safe(ref: str) -> None:
    stem = safe_stem(ref)
    assert SAFE.fullmatch(stem), stem
    assert 0 < len(stem) <= MAX_STEM
    assert not stem.startswith(("-", "_", "."))


@pytest.mark.parametrize(
    ("ref", "stem"),
    [
        ("CRN-2026/0042", "CRN-2026_0042"),
        ("../../etc/passwd", "etc_passwd"),
        ("Ünïcødé-ref", "Unic_de-ref"),
        ("Ćafé", "Cafe"),
        ("事件-42", "42"),
        ("A b\tc", "A_b_c"),
    ],
)
def test_safe_stem_keeps_what_it_can(ref: str, stem: str) -> None:
    assert safe_stem(ref) == stem


def test_refs_with_nothing_usable_still_get_distinct_names() -> None:
    names = {safe_stem(ref) for ref in ["..", "  ", "日本語", "中文"]}
    assert len(names) == 4
    assert all(name.startswith("ref-") for name in names)


def test_export_stem() -> None:
    assert export_stem("CRN-2026/0042", date(2026, 3, 3)) == "case-CRN-2026_0042-2026-03-03"


@pytest.mark.parametrize("ref", ODD_REFS[:10] + ["日本語"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_exports_land_inside_the_folder(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session], ref: str, fmt: str
) -> None:
    store = FakeStore(replace(case, ref=ref), sessions, tmp_path / "data")
    out = tmp_path / "exports"
    path = export_case(store, pack, ref, fmt, out)
    assert path.parent == out
    assert path.resolve().parent == out.resolve()
    assert list(out.iterdir()) == [path]
    assert re.fullmatch(r"case-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\." + fmt, path.name), path.name


def test_a_second_export_the_same_day_gets_a_new_name(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    store = FakeStore(case, sessions, tmp_path.parent / f"{tmp_path.name}-data")
    first = export_case(store, pack, case.ref, "html", tmp_path)
    content = first.read_bytes()
    mtime = first.stat().st_mtime_ns
    second = export_case(store, pack, case.ref, "html", tmp_path)
    third = export_case(store, pack, case.ref, "html", tmp_path)
    assert second.name == first.name.replace(".html", "-2.html")
    assert third.name == first.name.replace(".html", "-3.html")
    assert first.read_bytes() == content and first.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name, third.name])


def test_exports_are_utf8_without_control_characters(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    store = FakeStore(case, sessions, tmp_path / "data")
    for fmt in ("md", "html", "json", "csv"):
        data = export_case(store, pack, case.ref, fmt, tmp_path).read_bytes()
        text = data.decode("utf-8-sig")
        if fmt == "csv":
            text = text.replace("\r\n", "\n")  # CSV rows end in CRLF (RFC 4180)
        assert "\x1b" not in text and "\x07" not in text, fmt
        assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F], fmt


def test_unknown_case_and_format_are_one_sentence(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    store = FakeStore(case, sessions, tmp_path / "data")
    with pytest.raises(ExportError) as error:
        export_case(store, pack, "NOPE-1", "html", tmp_path)
    assert str(error.value) == "No case with reference NOPE-1."
    with pytest.raises(ExportError) as error:
        export_case(store, pack, case.ref, "docx", tmp_path)
    assert "\n" not in str(error.value) and "docx" in str(error.value)
    with pytest.raises(ExportError) as error:
        export_case(store, pack, "\x1b[2Jevil\nref", "html", tmp_path)
    assert str(error.value) == "No case with reference evil ref."
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_an_export_error(
    tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        export_case(FakeStore(case, sessions, tmp_path / "data"), pack, case.ref, "md", blocker / "exports")
    assert str(error.value).startswith("Cannot write the export to ")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("ref", ["CON", "nul", "Aux.", "com1", "LPT9", "PRN ", "con.txt"])
def test_windows_device_names_never_come_out_alone(ref: str) -> None:
    from srt_tui.export.filenames import WINDOWS_RESERVED

    stem = safe_stem(ref)
    assert stem.upper() not in WINDOWS_RESERVED
    assert not stem.endswith((".", " "))
