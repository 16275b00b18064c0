"""Checks on what the practitioner types, and making stored text safe to show.

``validate_ref`` and ``validate_alias`` return the cleaned value or raise ``ValueError`` with
one sentence the user can act on. ``clean_text`` is for *display*: records keep the text
exactly as typed, and screens and exports pass it through ``clean_text`` before showing it,
so a pasted terminal escape sequence can never move the cursor, change colours, set the
window title or plant a hyperlink.

A case reference may contain ``/`` (real ones look like ``CRN-2026/0042``), so a reference is
never used to build a file name: the store names files by the case id.
"""

from __future__ import annotations

import re
import unicodedata

REF_MAX = 32
ALIAS_MAX = 40

_REF_CHARS = re.compile(r"[A-Za-z0-9\-/_.]+")
_REF_START = re.compile(r"[A-Za-z0-9]")

# Terminal escape sequences, in 7-bit (ESC ...) and 8-bit (C1) forms:
# - CSI: ESC [ (or 0x9B), parameter bytes, intermediate bytes, one final byte;
# - OSC, DCS, SOS, PM, APC: an introducer, a payload, then BEL or ST (ESC \ or 0x9C);
# - any other escape: ESC, intermediate bytes, one final byte (ESC ( B, ESC 7, ESC c ...).
# An unterminated string sequence loses only its introducer: the rest stays, as plain text.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x1b\x07\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
# C0 controls except TAB and LF, DEL, and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """``value`` without terminal escape sequences or control characters.

    Newlines and tabs stay. ``\\r\\n`` becomes ``\\n``, and so does a lone ``\\r`` (old Mac
    line ends), so no line break typed or pasted is lost.
    """
    if _CONTROLS.search(value) is None:
        return value  # every escape starts with ESC or a C1 control, and CR is one too
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def one_line(value: str) -> str:
    """User text for one line of a screen or a message: :func:`clean_text`, and every run of
    whitespace (line breaks and tabs too) one space, none at either end."""
    if value.isprintable() and "  " not in value and value == value.strip():
        return value  # the usual case, and quick (a thousand table rows at start)
    return " ".join(clean_text(value).split())


def validate_ref(value: str) -> str:
    """A case reference: 1-32 letters, digits and ``- / _ .``, starting with a letter or digit."""
    ref = value.strip()
    if not ref:
        raise ValueError("Case reference is required.")
    if len(ref) > REF_MAX:
        raise ValueError(f"Case reference must be {REF_MAX} characters or fewer.")
    if not _REF_CHARS.fullmatch(ref):
        raise ValueError("Case reference may only use letters, digits and - / _ .")
    if not _REF_START.match(ref):
        raise ValueError("Case reference must start with a letter or digit.")
    return ref


def validate_alias(value: str) -> str:
    """An alias or initials: 1-40 characters on one line, no control characters."""
    alias = value.strip()
    if not alias:
        raise ValueError("Alias is required (initials are enough).")
    if len(alias) > ALIAS_MAX:
        raise ValueError(f"Alias must be {ALIAS_MAX} characters or fewer.")
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in alias):
        raise ValueError("Alias must be one line of plain text, without control characters.")
    return alias


__all__ = ["ALIAS_MAX", "REF_MAX", "clean_text", "one_line", "validate_alias", "validate_ref"]
