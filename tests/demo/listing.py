"""A fingerprint of a folder (every path, size, modification time and content hash), to
prove that something did not touch it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def fingerprint(folder: Path) -> dict[str, tuple[int, int, str]]:
    listing = {}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        listing[path.relative_to(folder).as_posix()] = (stat.st_size if path.is_file() else 0,
                                                        stat.st_mtime_ns, digest)
    listing["."] = (0, folder.stat().st_mtime_ns, "dir")
    return listing
