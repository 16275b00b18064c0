"""Safe file names for exports: a case reference may contain anything, a file name may not.

An export is named ``case-<stem>-<YYYY-MM-DD><suffix>`` where the stem is built only from
``[A-Za-z0-9_-]``: no path separators, no dots (so never ``..`` or a hidden file), no
spaces, bounded in length and never empty. Names Windows reserves for devices (``CON``,
``NUL``, ``COM1``...) never come out of :func:`safe_stem` on their own, so a stem is safe
even where it is used without a prefix; names end in a letter or digit, never in the dot
or space Windows would strip.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

MAX_STEM = 48

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_RUNS = re.compile(r"([_-])[_-]+")
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{port}{n}" for port in ("COM", "LPT") for n in range(10)]
)


def safe_stem(ref: str) -> str:
    """A file-name-safe form of a case reference, e.g. ``CRN-2026/0042`` -> ``CRN-2026_0042``.

    Accented letters lose their accents; anything else outside ``[A-Za-z0-9_-]`` becomes
    ``_`` (one for a run). A reference with nothing usable left (``..``, blanks, another script) becomes
    ``ref-`` plus a short hash of it, so different references still get different names.
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", ref) if not unicodedata.combining(c))
    stem = _UNSAFE.sub("_", bare)
    stem = _RUNS.sub(lambda match: match.group(0)[0], stem).strip("_-")
    stem = stem[:MAX_STEM].rstrip("_-")
    if not stem:
        digest = hashlib.sha256(ref.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"ref-{digest}"
    if stem.upper() in WINDOWS_RESERVED:
        stem = f"ref-{stem}"
    return stem


def export_stem(ref: str, day: date) -> str:
    """The name of an export without its suffix: ``case-<safe ref>-<YYYY-MM-DD>``."""
    return f"case-{safe_stem(ref)}-{day.isoformat()}"


__all__ = ["MAX_STEM", "WINDOWS_RESERVED", "export_stem", "safe_stem"]
