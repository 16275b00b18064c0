"""Small content packs built straight from the model, for domain tests that need no files."""

from __future__ import annotations

from pathlib import Path

from srt_tui.content.model import Chapter, Clip, ContentPack, Exercise, Guidance, Module, Question


def make_exercise(exercise_id: str, module: str, order: int, questions: int = 2,
                  clips: tuple[Clip, ...] = ()) -> Exercise:
    return Exercise(
        id=exercise_id,
        title=f"Exercise {exercise_id}",
        module=module,
        order=order,
        minutes=10,
        aim=f"Aim of {exercise_id}.",
        key_points=("One point.", "Another point."),
        guidance=Guidance("Introduce it gently.", ("What did you notice?",), ("Minimising.",)),
        questions=tuple(Question(f"q{n}", f"Question {n} of {exercise_id}?") for n in range(1, questions + 1)),
        task=f"Task for {exercise_id}.",
        tags=("jealousy",),
        clips=clips,
    )


def tiny_pack(root: Path = Path("/nonexistent-pack")) -> ContentPack:
    """Two modules: foundation (F1, F2) first, then relationships (R1)."""
    clip = Clip(root / "clips" / "F1.mp4", 8.0, (Chapter(0.0, "Start"), Chapter(4.0, "Middle")),
                subtitles=root / "clips" / "F1.srt")
    return ContentPack(
        root=root,
        title="Tiny pack",
        version="1",
        variants=("partner-female", "partner-male"),
        modules=(Module("foundation", "Foundation", 1), Module("relationships", "Relationships", 2)),
        exercises=(
            make_exercise("F1", "foundation", 1, clips=(clip,)),
            make_exercise("F2", "foundation", 2),
            make_exercise("R1", "relationships", 3, questions=1),
        ),
    )
