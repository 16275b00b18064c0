"""Immutable description of a content pack, as read from its manifest.

Nothing here touches the disk; :mod:`srt_tui.content.loader` builds these objects and
:mod:`srt_tui.content.check` reports what is wrong with a pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Chapter:
    """A labelled point in a clip the practitioner can jump to."""

    start: float  # seconds from the start of the clip
    label: str


@dataclass(frozen=True)
class Clip:
    """One video file of an exercise, optionally for one content variant only."""

    file: Path  # absolute path, resolved against the pack folder
    duration: float  # seconds, as declared in the manifest
    chapters: tuple[Chapter, ...] = ()
    subtitles: Path | None = None  # absolute path to an .srt file
    variant: str | None = None  # None: suits every variant

    def chapter_at(self, position: float) -> Chapter | None:
        """The chapter playing at ``position`` seconds, if any."""
        current = None
        for chapter in self.chapters:
            if chapter.start <= position:
                current = chapter
        return current


@dataclass(frozen=True)
class Guidance:
    """Facilitator guidance: how to introduce the exercise, what to ask, what to watch for."""

    introduce: str = ""
    prompts: tuple[str, ...] = ()
    watch_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A worksheet question; answers are stored against its ``id``."""

    id: str
    text: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    order: int
    description: str = ""


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    module: str  # a Module.id
    order: int  # suggested order within the whole toolkit
    minutes: int
    aim: str
    key_points: tuple[str, ...]
    guidance: Guidance
    questions: tuple[Question, ...]
    task: str  # the between-session task
    tags: tuple[str, ...] = ()  # relevance tags: alcohol, drugs, jealousy, ...
    clips: tuple[Clip, ...] = ()

    def clip_for(self, variant: str | None) -> Clip | None:
        """The clip that suits a case's content variant: an exact match, else a general one."""
        general = None
        for clip in self.clips:
            if variant is not None and clip.variant == variant:
                return clip
            if clip.variant is None and general is None:
                general = clip
        return general or (self.clips[0] if self.clips else None)


@dataclass(frozen=True)
class ContentPack:
    root: Path
    title: str
    version: str
    variants: tuple[str, ...]  # e.g. ("partner-female", "partner-male")
    modules: tuple[Module, ...]
    exercises: tuple[Exercise, ...]  # in suggested order
    _by_id: dict[str, Exercise] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({exercise.id: exercise for exercise in self.exercises})

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self._by_id.get(exercise_id)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def exercises_in(self, module_id: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.module == module_id)

    @property
    def foundation(self) -> Module:
        """The block expected first: the module ordered first."""
        return min(self.modules, key=lambda m: m.order)
