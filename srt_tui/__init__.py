"""srt-tui: deliver one-to-one sessions of a relationships-skills toolkit, offline."""

__version__ = "0.1.0"
