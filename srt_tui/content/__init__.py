"""The content pack: the toolkit's modules, exercises and clips, read from one TOML manifest.

What the app's start needs of it before the pack itself (the manifest's name, the error a bad
pack raises) is here, so that taking a kept pack imports neither the reader nor the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from srt_tui.content.manifest import Problem

MANIFEST_NAME = "toolkit.toml"  # in the pack folder


class PackError(Exception):
    """The pack cannot be used. ``problems`` lists every reason; ``str()`` gives one a line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
