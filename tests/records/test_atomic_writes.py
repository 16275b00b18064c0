"""srt_tui.atomic: replace in one step, retry a Windows sharing refusal, append whole lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from srt_tui import atomic


def test_a_brief_refusal_to_replace_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    real_replace = os.replace
    refusals = []

    def scanner_has_it_open(source: str, destination: str) -> None:
        if len(refusals) < 2:
            refusals.append(destination)
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, destination)

    monkeypatch.setattr(atomic, "_REPLACE_RETRIES", 3)  # what Windows gets
    monkeypatch.setattr(atomic, "_REPLACE_PAUSE", 0)
    monkeypatch.setattr(os, "replace", scanner_has_it_open)
    atomic.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(refusals) == 2
    assert atomic.leftovers(tmp_path) == []


def test_a_lasting_refusal_fails_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")

    def refused(source: str, destination: str) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(atomic, "_REPLACE_RETRIES", 2)
    monkeypatch.setattr(atomic, "_REPLACE_PAUSE", 0)
    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(PermissionError):
        atomic.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert atomic.leftovers(tmp_path) == []


def test_a_short_write_is_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def a_few_bytes_at_a_time(handle: int, data: bytes) -> int:
        return real_write(handle, bytes(data[:3]))

    monkeypatch.setattr(os, "write", a_few_bytes_at_a_time)
    atomic.atomic_write_bytes(tmp_path / "f", b"0123456789" * 10)
    atomic.append_line(tmp_path / "log", "a whole line")
    monkeypatch.undo()
    assert (tmp_path / "f").read_bytes() == b"0123456789" * 10
    assert (tmp_path / "log").read_bytes() == b"a whole line\n"


def test_leftovers_are_only_the_temporary_names_we_make(tmp_path: Path) -> None:
    ours = tmp_path / ".index.json.k2j_x9a1.tmp"
    ours.write_bytes(b"")
    for name in ("index.json", "notes.tmp", ".hidden", ".tmp"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / ".cases.k2j_x9a2.tmp").mkdir()  # a folder, whatever its name, is not a leftover file
    assert atomic.leftovers(tmp_path) == [ours]
    assert atomic.remove_leftovers(tmp_path) == [ours] and not ours.exists()
    assert atomic.leftovers(tmp_path / "missing") == []
    assert atomic.leftovers(tmp_path / "index.json") == []  # not a folder
