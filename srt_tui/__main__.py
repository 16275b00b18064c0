"""Allow ``python -m srt_tui``."""

from srt_tui.cli import main

raise SystemExit(main())
