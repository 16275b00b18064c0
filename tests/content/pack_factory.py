"""Small content packs written to a temporary folder: a valid one, and ways to break it."""

from __future__ import annotations

from pathlib import Path

VALID_MANIFEST = '''\
[pack]
title = "Test toolkit"
version = "1.0"
variants = ["partner-female", "partner-male"]

[[modules]]
id = "foundation"
title = "Foundation"
order = 1
description = "Start here."

[[modules]]
id = "thinking"
title = "Thinking"
order = 2

[[exercises]]
id = "F01"
title = "What is a healthy relationship?"
module = "foundation"
order = 2
minutes = 10
aim = "Name what a healthy relationship looks like."
key_points = ["Respect", "Trust"]
task = "Notice one kind act."
tags = ["jealousy"]

[exercises.guidance]
introduce = "Introduce gently."
prompts = ["What did you notice?"]
watch_for = ["Minimising"]

[[exercises.questions]]
id = "q1"
text = "What matters most?"

[[exercises.questions]]
id = "q2"
text = "Why does it matter?"

[[exercises.clips]]
file = "clips/F01-female.mp4"
duration = 8.0
subtitles = "clips/F01-female.srt"
variant = "partner-female"
chapters = [
  { start = 0.0, label = "Opening" },
  { start = 3.5, label = "Argument" },
  { start = 6.0, label = "Repair" },
]

[[exercises.clips]]
file = "clips/F01-male.mp4"
duration = 9
variant = "partner-male"

[[exercises]]
id = "F02"
title = "Warning signs"
module = "foundation"
order = 1
minutes = 15
aim = "Spot early warning signs."
key_points = ["Control", "Isolation"]
task = "Write down one warning sign."

[[exercises]]
id = "T01"
title = "Thoughts and feelings"
module = "thinking"
order = 3
minutes = 20
aim = "Link a thought to a feeling."
key_points = ["Thoughts are not facts"]
task = "Catch one thought."

[[exercises.questions]]
id = "q1"
text = "What were you thinking?"

[[exercises.clips]]
file = "clips/T01.mp4"
duration = 12.5
'''

CLIP_FILES = ("clips/F01-female.mp4", "clips/F01-female.srt", "clips/F01-male.mp4", "clips/T01.mp4")


def write_pack(root: Path, manifest: str = VALID_MANIFEST, *, skip: tuple[str, ...] = ()) -> Path:
    """Write ``manifest`` as root/toolkit.toml plus tiny stand-ins for the clip files
    (the loader only checks that they exist), leaving out those in ``skip``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "toolkit.toml").write_text(manifest, encoding="utf-8")
    for name in CLIP_FILES:
        if name not in skip:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(b"\x00\x00\x00\x18ftypmp42")
    return root


def edit(old: str, new: str, manifest: str = VALID_MANIFEST) -> str:
    """``manifest`` with its one occurrence of ``old`` replaced (fails loudly if not one)."""
    assert manifest.count(old) == 1, f"{old!r} occurs {manifest.count(old)} times"
    return manifest.replace(old, new)


def line_of(needle: str, manifest: str = VALID_MANIFEST) -> int:
    """The number of the one line of ``manifest`` that contains ``needle``."""
    found = [n for n, line in enumerate(manifest.splitlines(), start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]
