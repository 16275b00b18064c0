"""The app's start takes the content pack as it last loaded it, but only while nothing the
pack was built from has changed; otherwise the pack is read and checked in full."""

from __future__ import annotations

import json
import os
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from srt_tui.content import cache, loader
from srt_tui.content.cache import CachedPack, load_pack_fast, open_pack
from srt_tui.content.loader import PackError, load_pack
from srt_tui.content.model import ContentPack
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


def kept_file(cache_dir: Path) -> tuple[Path, bytes, bytes]:
    """The one cached pack, its first line and its pickle."""
    [kept] = cache_dir.rglob("*.pickle")
    head, pickled = kept.read_bytes().split(b"\n", 1)
    return kept, head, pickled


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


def test_a_manifest_edited_at_the_same_size_and_time_is_read_in_full(pack_root: Path, reads: list[Path]) -> None:
    """Its bytes are compared (length and CRC-32), not only its size and modification time."""
    load_pack_fast(pack_root)
    manifest = pack_root / "toolkit.toml"
    before = os.stat(manifest)
    manifest.write_text(edit('title = "Test toolkit"', 'title = "Best toolkit"'), encoding="utf-8")
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(manifest).st_size == before.st_size
    assert load_pack_fast(pack_root).title == "Best toolkit"
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


def test_an_unchanged_pack_is_taken_with_its_title_and_unpickled_only_when_used(
        pack_root: Path, reads: list[Path], unpickled: list[bytes]) -> None:
    load_pack_fast(pack_root)
    kept = open_pack(pack_root)
    assert isinstance(kept, CachedPack)
    assert (kept.title, kept.root, unpickled) == ("Test toolkit", pack_root, [])
    pack = kept.get()
    assert kept.get() is pack and pack == load_pack(pack_root)
    assert len(unpickled) == 1 and reads == [pack_root]


def test_threads_asking_at_once_share_one_unpickling(pack_root: Path, unpickled: list[bytes]) -> None:
    load_pack_fast(pack_root)
    kept = open_pack(pack_root)
    assert isinstance(kept, CachedPack)
    with ThreadPoolExecutor(4) as pool:
        packs = list(pool.map(lambda _: kept.get(), range(4)))
    assert len(unpickled) == 1 and all(pack is packs[0] for pack in packs)


def test_the_pickle_is_read_when_its_fingerprint_is_checked(pack_root: Path, reads: list[Path],
                                                            isolated_cache_dir: Path) -> None:
    load_pack_fast(pack_root)
    kept = open_pack(pack_root)
    file, head, _ = kept_file(isolated_cache_dir)
    file.write_bytes(head + b"\n" + pickle.dumps("a pickle written since"))
    assert isinstance(kept, CachedPack) and kept.get() == load_pack(pack_root)
    assert reads == [pack_root]


def test_a_cache_of_the_old_format_is_read_in_full(pack_root: Path, reads: list[Path],
                                                   isolated_cache_dir: Path) -> None:
    load_pack_fast(pack_root)
    file, head, pickled = kept_file(isolated_cache_dir)
    old = dict(json.loads(head)["fingerprint"], format=1)  # format 1: the first line was the fingerprint
    file.write_bytes(json.dumps(old, sort_keys=True).encode() + b"\n" + pickled)
    assert isinstance(open_pack(pack_root), ContentPack)
    assert len(reads) == 2
    assert isinstance(open_pack(pack_root), CachedPack)  # kept again, in the new format


@pytest.mark.parametrize("pickled", [b"not a pickle", pickle.dumps("not a pack")])
def test_pickled_bytes_that_are_no_pack_are_replaced_by_a_full_read(pack_root: Path, reads: list[Path],
                                                                   isolated_cache_dir: Path,
                                                                   pickled: bytes) -> None:
    load_pack_fast(pack_root)
    file, head, _ = kept_file(isolated_cache_dir)
    file.write_bytes(head + b"\n" + pickled)
    kept = open_pack(pack_root)
    assert isinstance(kept, CachedPack) and len(reads) == 1
    assert kept.get() == load_pack(pack_root)
    assert len(reads) == 2
    assert open_pack(pack_root).get() == load_pack(pack_root)  # kept again
    assert len(reads) == 2


def test_a_pack_broken_before_its_bad_pickle_is_replaced_is_refused(pack_root: Path,
                                                                    isolated_cache_dir: Path) -> None:
    load_pack_fast(pack_root)
    file, head, _ = kept_file(isolated_cache_dir)
    file.write_bytes(head + b"\n" + b"not a pickle")
    kept = open_pack(pack_root)
    (pack_root / "clips" / "T01.mp4").unlink()
    assert isinstance(kept, CachedPack)
    with pytest.raises(PackError, match="clips/T01.mp4 not found"):
        kept.get()
