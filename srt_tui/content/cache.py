"""The content pack as the app last loaded it, kept so that the next start need not read it again.

Reading the pack (parsing its TOML and checking every clip and subtitle file it names) is
about 10 ms of the app's way to its first screen, and so is importing the code that does
it. The app's start (:func:`open_pack`) instead takes the pack it loaded last time, if
nothing it was built from has changed since: the manifest's bytes (length and CRC-32),
every file the pack names (size, modification time, inode and type, without following
links), the pack folder, and srt-tui's version and content code. Anything changed, missing
or unreadable, and the pack is read and checked in full by
:func:`srt_tui.content.loader.load_pack`, exactly as before; a pack with problems is never
kept, so it is refused before any screen as always.
``srt-tui content check`` and the shell jobs always read the pack in full.

A kept pack is not even unpickled as the app starts: importing the model's dataclasses and
unpickling them is another 10 ms, and the first screen needs only the pack's title. So
:func:`open_pack` gives a :class:`CachedPack`: the title, and the pickle's bytes as they were
read when the fingerprint was checked (a cache file replaced later changes nothing), which
:meth:`CachedPack.get` unpickles when the pack is first used. Should they not unpickle to a
pack after all, it reads the folder in full instead (and keeps that), raising
:class:`~srt_tui.content.PackError` if the pack has problems by then.
:func:`load_pack_fast` gives the pack itself, for callers that need it at once.

The cached pack is a pickle in the user's own cache folder (``platformdirs``, or
``SRT_TUI_CACHE_DIR``), trusted as the settings beside it are. Its first line is JSON
holding the fingerprint, compared before anything else is read, and the pack's title.
Losing it costs one full read.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srt_tui import __version__
from srt_tui.atomic import atomic_write_bytes
from srt_tui.content import MANIFEST_NAME
from srt_tui.paths import default_cache_dir

if TYPE_CHECKING:
    from srt_tui.content.model import ContentPack

FORMAT = 3  # 2: the first line holds the fingerprint and the title; 3: CRC-32s, not SHA-256
_CODE = Path(__file__).resolve().parent  # srt_tui/content: the code that builds a pack


class CachedPack:
    """A pack found unchanged in the cache: its title at once, the pack on the first
    :meth:`get` (from any thread; later calls give the same pack)."""

    def __init__(self, root: Path, title: str, pickled: bytes, cache: Path | None) -> None:
        self.root = root
        self.title = title
        self._pickled = pickled
        self._cache = cache  # where a full read is kept again, if need be (None: nowhere)
        self._pack: ContentPack | None = None
        self._lock = threading.Lock()

    def get(self) -> ContentPack:
        """The pack, unpickled the first time; read in full instead if the bytes are no pack.
        Raises :class:`~srt_tui.content.PackError` if it must be read and has problems."""
        with self._lock:
            if self._pack is None:
                self._pack = self._unpickled() or _read(self.root, self._cache)
                self._pickled = b""
            return self._pack

    def _unpickled(self) -> ContentPack | None:
        from srt_tui.content.model import ContentPack

        try:
            pack = pickle.loads(self._pickled)
        except Exception:  # damaged, though its head was intact: read the pack instead
            return None
        return pack if isinstance(pack, ContentPack) else None


def open_pack(root: Path, cache_dir: Path | None = None, *, keep: bool = True) -> ContentPack | CachedPack:
    """The pack in ``root``: from the cache, still pickled, if nothing it was built from has
    changed, else read in full (and kept in the cache, unless ``keep`` is False: demo mode
    leaves no trace). Raises :class:`~srt_tui.content.PackError` as
    :func:`~srt_tui.content.loader.load_pack` does."""
    cache = _cache_file(root, cache_dir or default_cache_dir())
    keep_to = cache if keep else None
    return _cached(Path(root), cache, keep_to) or _read(root, keep_to)


def load_pack_fast(root: Path, cache_dir: Path | None = None, *, keep: bool = True) -> ContentPack:
    """As :func:`open_pack`, but the pack itself."""
    pack = open_pack(root, cache_dir, keep=keep)
    return pack.get() if isinstance(pack, CachedPack) else pack


def _read(root: Path, cache: Path | None) -> ContentPack:
    """The pack read in full, and kept in ``cache`` unless that is None."""
    from srt_tui.content.loader import load_pack

    pack = load_pack(root)
    if cache is not None:
        _keep(pack, cache)
    return pack


def _cache_file(root: Path, cache_dir: Path) -> Path:
    where = str(Path(root).absolute()).encode("utf-8", "surrogatepass")
    return cache_dir / "packs" / f"{zlib.crc32(where):08x}.pickle"  # the folder is in the fingerprint too


def _cached(root: Path, cache: Path, keep_to: Path | None) -> CachedPack | None:
    try:
        with cache.open("rb") as stream:
            head = json.loads(stream.readline())
            fingerprint, title = head["fingerprint"], head["title"]
            if fingerprint != _fingerprint(root, fingerprint.get("files", [])) or not isinstance(title, str):
                return None
            pickled = stream.read()
    except Exception:  # missing, unreadable, or from other code: read the pack instead
        return None
    return CachedPack(root, title, pickled, keep_to)


def _keep(pack: ContentPack, cache: Path) -> None:
    files = sorted({str(path) for path in _paths(pack)})
    try:
        head = {"fingerprint": _fingerprint(pack.root, files), "title": pack.title}
        line = json.dumps(head, sort_keys=True).encode("utf-8")
        atomic_write_bytes(cache, line + b"\n" + pickle.dumps(pack, pickle.HIGHEST_PROTOCOL), durable=False)
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
        "manifest": _digest((folder / MANIFEST_NAME).read_bytes()),
        "files": files,
        "signatures": [_signature(Path(name)) for name in files],
    }


def _digest(data: bytes) -> list[int]:
    """Enough to see the manifest's text changed, even kept at the same size and time: a
    cache check, not a seal (anyone who can write the cache can write the pack). CRC-32,
    as ``hashlib`` (OpenSSL, ~3 ms) is not otherwise loaded before the first screen."""
    return [len(data), zlib.crc32(data)]


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
