"""Build the model objects from a parsed manifest, recording every problem on the way.

Whatever is wrong, building carries on with placeholder values so that one pass finds all
the problems; the caller throws the pack away if any were recorded. Checks that need the
whole pack (unique ids and orders, known modules and variants) are made here too.
"""

from __future__ import annotations

from pathlib import Path

from srt_tui.content import MANIFEST_NAME
from srt_tui.content.manifest import (
    SAFE_ID,
    SAFE_ID_RULE,
    Problem,
    Table,
    header_line,
    path_rule_broken,
    section_lines,
    show,
)
from srt_tui.content.model import (
    Chapter,
    Clip,
    ContentPack,
    Exercise,
    Guidance,
    Module,
    Question,
)

PACK_KEYS = ("title", "version", "variants")
MODULE_KEYS = ("id", "title", "order", "description")
EXERCISE_KEYS = ("id", "title", "module", "order", "minutes", "aim", "key_points", "task", "tags",
                 "guidance", "questions", "clips")
GUIDANCE_KEYS = ("introduce", "prompts", "watch_for")
CLIP_KEYS = ("file", "duration", "subtitles", "variant", "chapters")


def _line(lines: list[int], index: int) -> int | None:
    return lines[index] if index < len(lines) else None


class PackBuilder:
    """Builds one :class:`ContentPack` from the manifest of the pack in ``root``."""

    def __init__(self, root: Path, text: str, problems: list[Problem]) -> None:
        self.root = root  # absolute
        self.text = text
        self.problems = problems
        self.variants: tuple[str, ...] | None = None  # None: unknown, so not checked

    def build(self, data: dict[str, object]) -> ContentPack:
        top = Table(data, self.problems, file=MANIFEST_NAME)
        top.only(("pack", "modules", "exercises"))
        title = version = None
        head = top.table("pack", required=True)
        if head is not None:
            head = head.at(header_line(self.text, "pack"))
            head.only(PACK_KEYS)
            title, version = head.text("title"), head.text("version")
            self.variants = self._variants(head)
        modules, module_names = self._modules(top)
        exercises = self._exercises(top, module_names)
        if exercises:
            used = {exercise.module for exercise in exercises}
            for module, table in modules:
                if module.id not in used:
                    table.report("", f"module {show(module.id)} has no exercises")
        return ContentPack(
            root=self.root,
            title=title or "",
            version=version or "",
            variants=self.variants or (),
            modules=tuple(sorted((module for module, _ in modules), key=lambda m: m.order)),
            exercises=tuple(sorted(exercises, key=lambda e: e.order)),
        )

    def _variants(self, head: Table) -> tuple[str, ...] | None:
        names = head.texts("variants", required=False)
        if names is None:
            return None if "variants" in head.data else ()
        good: list[str] = []
        for index, name in enumerate(names):
            if not SAFE_ID.fullmatch(name):
                head.report(f"variants[{index}]", f"{show(name)} is not a safe id: {SAFE_ID_RULE}")
            elif name in good:
                head.report(f"variants[{index}]", f"duplicate variant {show(name)}")
            else:
                good.append(name)
        return tuple(good)

    def _modules(self, top: Table) -> tuple[list[tuple[Module, Table]], set[str]]:
        """The readable modules with their tables, and every id named (even a bad one, so
        exercises naming it are not reported a second time)."""
        lines = section_lines(self.text, "modules")
        found: list[tuple[Module, Table]] = []
        names: set[str] = set()
        orders: dict[int, str] = {}
        for index, table in top.tables("modules", required=True):
            table = table.at(_line(lines, index))
            table.only(MODULE_KEYS)
            if isinstance(table.data.get("id"), str):
                names.add(str(table.data["id"]))
            module_id = table.ident("id")
            title, order = table.text("title"), table.integer("order")
            description = table.text("description", required=False) or ""
            if module_id is not None and any(m.id == module_id for m, _ in found):
                table.report("id", f"duplicate module id {show(module_id)}")
                module_id = None
            if order is not None:
                if order in orders:
                    table.report("order",
                                 f"order {order} is already used by module {orders[order]}")
                orders.setdefault(order, show(module_id or f"modules[{index}]"))
            if module_id is not None:
                found.append((Module(module_id, title or "", order or 0, description), table))
        return found, names

    def _exercises(self, top: Table, module_names: set[str]) -> list[Exercise]:
        lines = section_lines(self.text, "exercises")
        found: list[Exercise] = []
        ids: dict[str, int | None] = {}
        orders: dict[int, str] = {}
        for index, table in top.tables("exercises", required=True):
            table = table.at(_line(lines, index))
            exercise_id = table.ident("id")
            if exercise_id is not None:
                table = table.about(exercise_id)  # from here on keys are relative to it
                if exercise_id in ids:
                    where = f" at line {ids[exercise_id]}" if ids[exercise_id] else ""
                    table.report("id", f"duplicate exercise id: also used{where}")
                ids.setdefault(exercise_id, table.line)
            exercise = self._exercise(table, exercise_id or "")
            if exercise.module and module_names and exercise.module not in module_names:
                known = ", ".join(sorted(module_names))
                table.report("module", f"unknown module {show(exercise.module)}; modules: {known}")
            if type(table.data.get("order")) is int:  # a valid order (bool is an int too)
                if exercise.order in orders:
                    table.report("order", f"order {exercise.order} is already used by exercise "
                                          f"{orders[exercise.order]}")
                orders.setdefault(exercise.order, exercise_id or f"exercises[{index}]")
            found.append(exercise)
        return found

    def _exercise(self, table: Table, exercise_id: str) -> Exercise:
        table.only(EXERCISE_KEYS)
        title, module = table.text("title"), table.text("module")
        order, minutes = table.integer("order"), table.integer("minutes")
        if minutes is not None and minutes <= 0:
            table.report("minutes", f"must be more than 0, not {minutes}")
        aim, key_points = table.text("aim"), table.texts("key_points")
        task = table.text("task", required=False) or ""
        tags = table.texts("tags", required=False) or ()
        return Exercise(
            id=exercise_id, title=title or "", module=module or "", order=order or 0,
            minutes=minutes or 0, aim=aim or "", key_points=key_points or (),
            guidance=self._guidance(table.table("guidance")), questions=self._questions(table),
            task=task, tags=tags, clips=self._clips(table),
        )

    def _guidance(self, table: Table | None) -> Guidance:
        if table is None:
            return Guidance()
        table.only(GUIDANCE_KEYS)
        return Guidance(
            introduce=table.text("introduce", required=False) or "",
            prompts=table.texts("prompts", required=False) or (),
            watch_for=table.texts("watch_for", required=False) or (),
        )

    def _questions(self, exercise: Table) -> tuple[Question, ...]:
        found: list[Question] = []
        seen: dict[str, int] = {}
        for index, table in exercise.tables("questions"):
            table.only(("id", "text"))
            question_id, text = table.ident("id"), table.text("text")
            if question_id is not None:
                if question_id in seen:
                    table.report("id", f"duplicate question id {show(question_id)}: "
                                       f"questions[{seen[question_id]}] has it too")
                seen.setdefault(question_id, index)
            found.append(Question(question_id or "", text or ""))
        return tuple(found)

    def _clips(self, exercise: Table) -> tuple[Clip, ...]:
        found: list[Clip] = []
        by_variant: dict[str | None, int] = {}
        for index, table in exercise.tables("clips"):
            found.append(self._clip(table))
            variant = table.data.get("variant")
            if variant is not None and not isinstance(variant, str):
                continue  # already reported as the wrong type
            if variant in by_variant:
                what = f"variant {show(variant)}" if variant else "every variant (no variant)"
                first = by_variant[variant]
                table.report("variant", f"clips[{first}] is already the clip for {what}")
            by_variant.setdefault(variant, index)
        return tuple(found)

    def _clip(self, table: Table) -> Clip:
        table.only(CLIP_KEYS)
        file = self._file(table, "file", "clip", required=True)
        duration = table.number("duration")
        if duration is not None and duration <= 0:
            table.report("duration", f"must be more than 0 seconds, not {show(duration)}")
            duration = None
        subtitles = self._file(table, "subtitles", "subtitles", required=False)
        variant = table.text("variant", required=False)
        if variant is not None and self.variants is not None and variant not in self.variants:
            known = ", ".join(self.variants)
            table.report("variant", f"unknown variant {show(variant)}; " + (
                f"the pack's variants: {known}" if known else "the pack declares no variants"))
        return Clip(file=file or self.root, duration=duration or 0.0,
                    chapters=self._chapters(table, duration), subtitles=subtitles, variant=variant)

    def _chapters(self, clip: Table, duration: float | None) -> tuple[Chapter, ...]:
        found: list[Chapter] = []
        previous: float | None = None
        for _, table in clip.tables("chapters"):
            table.only(("start", "label"))
            start, label = table.number("start"), table.text("label")
            if start is not None:
                if start < 0:
                    table.report("start", f"must not be negative, not {show(start)}")
                elif duration is not None and start >= duration:
                    table.report("start", f"{show(start)} must be before the end of the clip "
                                          f"({show(duration)} seconds)")
                elif previous is not None and start <= previous:
                    table.report("start", f"{show(start)} must be after the previous chapter's "
                                          f"start ({show(previous)})")
                previous = start
            found.append(Chapter(start or 0.0, label or ""))
        return tuple(found)

    def _file(self, table: Table, key: str, kind: str, required: bool) -> Path | None:
        """The absolute path of a file the manifest names, if it is safe and exists."""
        name = table.text(key, required)
        if name is None:
            return None
        broken = path_rule_broken(name)
        if broken:
            table.report(key, broken)
            return None
        path = self.root / name
        try:
            inside = path.resolve().is_relative_to(self.root)
            exists, is_file = path.exists(), path.is_file()
        except (OSError, ValueError) as error:
            table.report(key, f"{kind} file {name} cannot be checked: "
                              f"{getattr(error, 'strerror', None) or error}")
            return None
        if not exists:
            table.report(key, f"{kind} file {name} not found")
        elif not inside:
            table.report(key, f"{kind} file {name} is a link to outside the pack folder")
        elif not is_file:
            table.report(key, f"{kind} file {name} is not a file")
        else:
            return path
        return None
