"""The content pack as the app last loaded it, kept so that the next start need not read it again.

Reading the pack (parsing its TOML and checking every clip and subtitle file it names) is
about 10 ms of the app's way to its first screen, and so is importing the code that does
it. The app's start (:func:`load_pack_fast`) instead takes the pack it loaded last time, if
nothing it was built from has changed since: the manifest's bytes (SHA-256), every file the
pack names (size, modification time, inode and type, without following links), the pack
folder, and srt-tui's version and content code. Anything changed, missing or unreadable, and
the pack is read and checked in full by :func:`srt_tui.content.loader.load_pack`, exactly as
before; a pack with problems is never kept, so it is refused before any screen as always.
``srt-tui content check`` and the shell jobs always read the pack in full.

The cached pack is a pickle in the user's own cache folder (``platformdirs``, or
``SRT_TUI_CACHE_DIR``), trusted as the settings beside it are. Its first line holds the
fingerprint as JSON, compared before anything is unpickled. Losing it costs one full read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from srt_tui import __version__
from srt_tui.atomic import atomic_write_bytes
from srt_tui.content.model import MANIFEST_NAME, ContentPack
from srt_tui.paths import default_cache_dir

FORMAT = 1
_CODE = Path(__file__).resolve().parent  # srt_tui/content: the code that builds a pack


def load_pack_fast(root: Path, cache_dir: Path | None = None, *, keep: bool = True) -> ContentPack:
    """The pack in ``root``, from the cache if nothing it was built from has changed, else
    read in full (and kept in the cache, unless ``keep`` is False: demo mode leaves no trace).
    Raises :class:`~srt_tui.content.loader.PackError` as :func:`~srt_tui.content.loader.load_pack` does."""
    cache = _cache_file(root, cache_dir or default_cache_dir())
    cached = _cached(root, cache)
    if cached is not None:
        return cached
    from srt_tui.content.loader import load_pack

    pack = load_pack(root)
    if keep:
        _keep(pack, cache)
    return pack


def _cache_file(root: Path, cache_dir: Path) -> Path:
    where = str(Path(root).absolute()).encode("utf-8", "surrogatepass")
    return cache_dir / "packs" / f"{hashlib.sha256(where).hexdigest()[:24]}.pickle"


def _cached(root: Path, cache: Path) -> ContentPack | None:
    try:
        with cache.open("rb") as stream:
            fingerprint = json.loads(stream.readline())
            if fingerprint != _fingerprint(Path(root), fingerprint.get("files", [])):
                return None
            pack = pickle.load(stream)
    except Exception:  # missing, unreadable, or from other code: read the pack instead
        return None
    return pack if isinstance(pack, ContentPack) else None


def _keep(pack: ContentPack, cache: Path) -> None:
    files = sorted({str(path) for path in _paths(pack)})
    try:
        head = json.dumps(_fingerprint(pack.root, files), sort_keys=True).encode("utf-8")
        atomic_write_bytes(cache, head + b"\n" + pickle.dumps(pack, pickle.HIGHEST_PROTOCOL), durable=False)
    except (OSError, ValueError, pickle.PicklingError):
        pass  # a convenience only: the next start reads the pack in full


def _fingerprint(root: Path, files: list[str]) -> dict[str, Any]:
    """What a pack in ``root`` naming ``files`` was built from, as it is now."""
    folder = root.resolve()
    return {
        "format": FORMAT,
        "version": __version__,
        "code": [_signature(_CODE / name) for name in sorted(os.listdir(_CODE)) if name.endswith(".py")],
        "folder": str(folder),
        "manifest": hashlib.sha256((folder / MANIFEST_NAME).read_bytes()).hexdigest(),
        "files": files,
        "signatures": [_signature(Path(name)) for name in files],
    }


def _signature(path: Path) -> list[object]:
    """Enough to see a file changed, was replaced or became a link, without reading it."""
    try:
        status = os.lstat(path)
    except OSError:
        return [str(path), None]
    return [str(path), status.st_size, status.st_mtime_ns, status.st_ino, status.st_mode]


def _paths(value: object) -> Iterator[Path]:
    """Every path held anywhere in a pack's objects (clips, subtitles, the root)."""
    if isinstance(value, Path):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _paths(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _paths(item)
