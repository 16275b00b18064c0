"""Turning user and content text into something a widget shows literally."""

from __future__ import annotations

from rich.text import Text

from srt_tui.records.validation import clean_text


def plain(value: str, style: str = "") -> Text:
    """User text as a literal ``Text``: never parsed as markup, control characters removed."""
    return Text(clean_text(value), style=style)
