"""The app's start takes the content pack as it last loaded it, but only while nothing the
pack was built from has changed; otherwise the pack is read and checked in full."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from srt_tui.content import cache, loader
from srt_tui.content.cache import load_pack_fast
from srt_tui.content.loader import PackError, load_pack
from tests.content.pack_factory import VALID_MANIFEST, edit, write_pack


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each full read of a pack, by its folder."""
    done: list[Path] = []
    real = loader.load_pack

    def counted(root: Path):  # type: ignore[no-untyped-def]
        done.append(Path(root))
        return real(root)

    monkeypatch.setattr(loader, "load_pack", counted)
    return done


def test_an_unchanged_pack_is_read_once_and_then_comes_from_the_cache(pack_root: Path, reads: list[Path]) -> None:
    first = load_pack_fast(pack_root)
    again = load_pack_fast(pack_root)
    assert reads == [pack_root]
    assert again == first == load_pack(pack_root)
    assert again.exercise("F01") == first.exercise("F01") and again.exercise("F01") is not None


def test_a_changed_manifest_is_read_in_full(pack_root: Path, reads: list[Path]) -> None:
    load_pack_fast(pack_root)
    (pack_root / "toolkit.toml").write_text(edit('title = "Test toolkit"', 'title = "Renamed toolkit"'),
                                            encoding="utf-8")
    assert load_pack_fast(pack_root).title == "Renamed toolkit"
    assert len(reads) == 2


def test_a_manifest_broken_since_is_refused_however_good_it_was(pack_root: Path) -> None:
    load_pack_fast(pack_root)
    (pack_root / "toolkit.toml").write_text(VALID_MANIFEST.replace("minutes = 10", "minutes = -1"),
                                            encoding="utf-8")
    with pytest.raises(PackError, match="minutes"):
        load_pack_fast(pack_root)


def test_a_clip_removed_since_is_reported(pack_root: Path) -> None:
    load_pack_fast(pack_root)
    (pack_root / "clips" / "T01.mp4").unlink()
    with pytest.raises(PackError, match="clips/T01.mp4 not found"):
        load_pack_fast(pack_root)


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_clip_swapped_for_a_link_to_outside_the_pack_is_reported(pack_root: Path, tmp_path: Path) -> None:
    load_pack_fast(pack_root)
    outside = tmp_path / "elsewhere.mp4"
    (pack_root / "clips" / "T01.mp4").replace(outside)
    (pack_root / "clips" / "T01.mp4").symlink_to(outside)
    with pytest.raises(PackError, match="link to outside the pack folder"):
        load_pack_fast(pack_root)


def test_a_pack_with_problems_is_never_cached(tmp_path: Path, isolated_cache_dir: Path) -> None:
    broken = write_pack(tmp_path / "pack", skip=("clips/T01.mp4",))
    for _ in range(2):
        with pytest.raises(PackError, match="not found"):
            load_pack_fast(broken)
    assert not list(isolated_cache_dir.rglob("*.pickle"))


def test_a_damaged_cache_is_ignored_and_replaced(pack_root: Path, reads: list[Path],
                                                 isolated_cache_dir: Path) -> None:
    load_pack_fast(pack_root)
    [kept] = isolated_cache_dir.rglob("*.pickle")
    for damage in (kept.read_bytes()[:-200], b"not json\n", b""):
        kept.write_bytes(damage)
        assert load_pack_fast(pack_root) == load_pack(pack_root)
    assert len(reads) == 4
    load_pack_fast(pack_root)
    assert len(reads) == 4  # the last full read was kept again


def test_a_cache_written_by_other_srt_tui_code_is_not_used(pack_root: Path, reads: list[Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    load_pack_fast(pack_root)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    load_pack_fast(pack_root)
    assert len(reads) == 2


def test_each_pack_folder_has_its_own_cache(tmp_path: Path, reads: list[Path]) -> None:
    one = write_pack(tmp_path / "one")
    other = write_pack(tmp_path / "other", edit('title = "Test toolkit"', 'title = "Other toolkit"'))
    assert load_pack_fast(one).title == "Test toolkit"
    assert load_pack_fast(other).title == "Other toolkit"
    assert load_pack_fast(one).title == "Test toolkit"
    assert reads == [one, other]


def test_the_demo_uses_a_kept_pack_but_never_keeps_one(pack_root: Path, reads: list[Path],
                                                      isolated_cache_dir: Path) -> None:
    load_pack_fast(pack_root, keep=False)
    assert not isolated_cache_dir.exists() or not list(isolated_cache_dir.rglob("*"))
    load_pack_fast(pack_root)  # a real start keeps it...
    load_pack_fast(pack_root, keep=False)  # ...and a demo may use it
    assert len(reads) == 2
