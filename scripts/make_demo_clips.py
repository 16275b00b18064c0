#!/usr/bin/env python3
"""Generate the demo pack's clips and subtitles from its manifest.

The demo pack (``data/``) is fictional. Its clips are simple title cards, one per
chapter, showing the exercise title and the chapter label, with a spoken narration line
per chapter (espeak-ng; a soft tone when espeak-ng is missing) and a matching ``.srt``
subtitle file.

Sources of truth:

* ``data/toolkit.toml``: which clips exist, their duration, chapters, subtitle file
  and variant. The script builds every clip to exactly that duration, so the chapter
  starts in the manifest are exact.
* ``data/narration.toml``: the narration line of every chapter, keyed by clip file
  (the app never reads it; the manifest schema has no place for it).

Nothing in either file is rewritten. The output is deterministic (single-threaded
x264, bit-exact muxing), so running the script again reproduces the same files.
After encoding, each clip is probed with ffprobe; a clip whose duration is off by more
than 0.15 s, or which lacks a video or audio stream, makes the script exit 1.

Usage::

    python scripts/make_demo_clips.py                 # build every clip in data/
    python scripts/make_demo_clips.py --only R04 F01  # build some exercises' clips
    python scripts/make_demo_clips.py --check         # only verify existing files

Needs ffmpeg/ffprobe with libx264, the DejaVu fonts and, ideally, espeak-ng
(Debian: ``apt-get install ffmpeg fonts-dejavu-core espeak-ng``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PACK = ROOT / "data"
NARRATION_NAME = "narration.toml"

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

WIDTH, HEIGHT, FPS = 426, 240, 10
SAMPLE_RATE = 22050
LEAD_IN = 0.2  # seconds of silence before each narration line
TAIL = 0.1  # seconds of silence, at least, after it
SPEECH_RATES = (160, 170, 180, 190, 200)  # words per minute, tried in turn until a line fits;
# capped at 200 so the narration stays easy to follow
VOICE = "en-gb"
TOLERANCE = 0.15  # seconds allowed between probed and declared duration

BACKGROUNDS = {
    "foundation": "0x1d3557",
    "thinking": "0x2a5f46",
    "emotions": "0x5b3a70",
    "relationships": "0x1f5a66",
}
DEFAULT_BACKGROUND = "0x333333"

_SAFE_PATH = re.compile(r"[A-Za-z0-9_./-]+")


class BuildError(Exception):
    """Something about the pack or a generated clip is wrong; the message says what."""


@dataclass(frozen=True)
class ClipJob:
    """One clip to build, with everything the manifest and narration say about it."""

    exercise: str
    title: str
    module: str
    file: str  # as written in the manifest, relative to the pack folder
    duration: float
    starts: tuple[float, ...]
    labels: tuple[str, ...]
    lines: tuple[str, ...]  # narration, one per chapter
    subtitles: str | None
    variant: str | None

    def spans(self) -> list[tuple[float, float]]:
        """(start, end) of every chapter; the last one ends with the clip."""
        ends = (*self.starts[1:], self.duration)
        return list(zip(self.starts, ends, strict=True))


# ---------------------------------------------------------------- reading the pack


def load_jobs(pack: Path) -> list[ClipJob]:
    """Every clip in the manifest, checked against the narration file."""
    manifest = tomllib.loads((pack / "toolkit.toml").read_text(encoding="utf-8"))
    narration = tomllib.loads((pack / NARRATION_NAME).read_text(encoding="utf-8")).get("clips", {})
    problems: list[str] = []
    jobs: list[ClipJob] = []
    for exercise in manifest.get("exercises", []):
        for index, clip in enumerate(exercise.get("clips", [])):
            where = f"exercise {exercise['id']} clips[{index}]"
            name = clip["file"]
            chapters = clip.get("chapters", [])
            starts = tuple(float(c["start"]) for c in chapters)
            labels = tuple(str(c["label"]) for c in chapters)
            duration = float(clip["duration"])
            lines = tuple(narration.get(name, ()))
            if not chapters:
                problems.append(f"{where}: {name} has no chapters")
            elif starts[0] != 0.0:
                problems.append(f"{where}: the first chapter must start at 0.0")
            if any(b <= a for a, b in zip(starts, starts[1:])):
                problems.append(f"{where}: chapter starts must ascend")
            if starts and starts[-1] >= duration:
                problems.append(f"{where}: chapter at {starts[-1]} s starts after the clip ends")
            for start in (*starts, duration):
                if abs(start * FPS - round(start * FPS)) > 1e-9:
                    problems.append(f"{where}: {start} s is not on a frame boundary at {FPS} fps")
            if name not in narration:
                problems.append(f"{where}: {NARRATION_NAME} has no lines for {name}")
            elif len(lines) != len(chapters):
                problems.append(
                    f"{where}: {NARRATION_NAME} has {len(lines)} lines for {name}, "
                    f"but it has {len(chapters)} chapters"
                )
            for path in (name, clip.get("subtitles")):
                if path is not None and not _SAFE_PATH.fullmatch(path):
                    problems.append(f"{where}: {path!r}: use only letters, digits, '_', '-', '.', '/'")
            jobs.append(
                ClipJob(
                    exercise=exercise["id"],
                    title=exercise["title"],
                    module=exercise["module"],
                    file=name,
                    duration=duration,
                    starts=starts,
                    labels=labels,
                    lines=lines,
                    subtitles=clip.get("subtitles"),
                    variant=clip.get("variant"),
                )
            )
    unused = sorted(set(narration) - {job.file for job in jobs})
    problems += [f"{NARRATION_NAME}: {name} is not a clip in toolkit.toml" for name in unused]
    if problems:
        raise BuildError("\n".join(problems))
    return jobs


# ---------------------------------------------------------------- narration audio


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def speak(espeak: str, text: str, out: Path, room: float) -> int:
    """Speak ``text`` into ``out``, as slowly as fits in ``room`` seconds; return the rate."""
    for rate in SPEECH_RATES:
        subprocess.run(
            [espeak, "-v", VOICE, "-s", str(rate), "-w", str(out), "--stdin"],
            input=text.encode("utf-8"),
            check=True,
            capture_output=True,
        )
        if wav_seconds(out) <= room:
            return rate
    raise BuildError(
        f"narration {text!r} takes {wav_seconds(out):.2f} s even at {SPEECH_RATES[-1]} wpm; "
        f"its chapter leaves {room:.2f} s. Shorten the line or lengthen the chapter."
    )


# ---------------------------------------------------------------- the ffmpeg command


def _text_file(folder: Path, name: str, text: str) -> str:
    """Write drawtext's text to a file (so it needs no escaping) and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return _filter_path(path)


def _filter_path(path: Path) -> str:
    text = str(path)
    if not _SAFE_PATH.fullmatch(text):  # keeps ':', ',', quotes and the like out of the graph
        raise BuildError(f"unsafe path for an ffmpeg filter: {text!r}")
    return text


def _drawtext(textfile: str, *, size: int, y: str, bold: bool = False, colour: str = "white",
              enable: str | None = None) -> str:
    font = FONT_BOLD if bold and FONT_BOLD.is_file() else FONT
    options = [
        f"fontfile={_filter_path(font)}",
        f"textfile={textfile}",
        "expansion=none",
        f"fontsize={size}",
        f"fontcolor={colour}",
        "x=(w-text_w)/2",
        f"y={y}",
    ]
    if enable:
        options.append(f"enable='{enable}'")
    return "drawtext=" + ":".join(options)


def video_filter(job: ClipJob, tmp: Path) -> str:
    """Title cards: the title throughout, one label card per chapter, a progress bar."""
    half_frame = 0.5 / FPS
    steps = []
    title_lines = textwrap.wrap(job.title, 30)
    for n, line in enumerate(title_lines):
        steps.append(_drawtext(_text_file(tmp, f"title{n}.txt", line), size=20, bold=True,
                               y=str(16 + 26 * n)))
    if job.variant:
        variant = "Version: " + job.variant.replace("-", " ")
        steps.append(_drawtext(_text_file(tmp, "variant.txt", variant), size=13,
                               colour="0xdddddd", y=str(20 + 26 * len(title_lines))))
    count = len(job.spans())
    for n, (start, end) in enumerate(job.spans()):
        enable = f"gte(t,{start - half_frame:.3f})*lt(t,{end - half_frame:.3f})"
        steps.append(_drawtext(_text_file(tmp, f"label{n}.txt", job.labels[n]), size=28,
                               bold=True, colour="0xffd166", y="(h-text_h)/2+8", enable=enable))
        steps.append(_drawtext(_text_file(tmp, f"part{n}.txt", f"Part {n + 1} of {count}"),
                               size=14, colour="0xdddddd", y="160", enable=enable))
        width = round(WIDTH * (n + 1) / count)
        steps.append(f"drawbox=x=0:y={HEIGHT - 6}:w={width}:h=6:color=0xffd166:t=fill:"
                     f"enable='{enable}'")
    steps.append(_drawtext(_text_file(tmp, "footer.txt", f"{job.exercise} - fictional demo clip"),
                           size=11, colour="0xbbbbbb", y=f"{HEIGHT - 24}"))
    return "[0:v]" + ",".join(steps) + ",format=yuv420p[v]"


def audio_inputs(job: ClipJob, tmp: Path, espeak: str | None) -> tuple[list[str], str, str]:
    """ffmpeg input arguments and filter for the soundtrack (one padded segment per chapter),
    and a note of the speech rates used."""
    args: list[str] = []
    rates: list[str] = []
    parts: list[str] = []
    for n, ((start, end), line) in enumerate(zip(job.spans(), job.lines, strict=True)):
        if espeak:
            wav = tmp / f"line{n}.wav"
            rates.append(str(speak(espeak, line, wav, end - start - LEAD_IN - TAIL)))
            args += ["-i", str(wav)]
            source = f"[{n + 1}:a]volume=0.8,"  # a little headroom for the AAC encoder
        else:  # a soft chime instead of speech
            args += ["-f", "lavfi", "-i", f"sine=frequency=523:sample_rate={SAMPLE_RATE}:duration=0.4"]
            source = f"[{n + 1}:a]volume=0.15,"
        samples = round((end - start) * SAMPLE_RATE)
        parts.append(
            f"{source}aresample={SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=mono,"
            f"adelay=delays={round(LEAD_IN * 1000)}:all=1,apad=whole_len={samples},"
            f"atrim=end_sample={samples},asetpts=N/SR/TB[a{n}]"
        )
    joined = "".join(f"[a{n}]" for n in range(len(parts)))
    parts.append(f"{joined}concat=n={len(parts)}:v=0:a=1[a]")
    note = f"narration at {'/'.join(rates)} wpm" if rates else "tones, no narration"
    return args, ";".join(parts), note


def encode(job: ClipJob, pack: Path, tmp: Path, espeak: str | None) -> str:
    """Build one clip; return a note on its soundtrack."""
    background = BACKGROUNDS.get(job.module, DEFAULT_BACKGROUND)
    audio_args, audio_graph, note = audio_inputs(job, tmp, espeak)
    graph = video_filter(job, tmp) + ";" + audio_graph
    keyframes = ",".join(f"{start:.1f}" for start in job.starts)
    out = pack / job.file
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", f"color=c={background}:s={WIDTH}x{HEIGHT}:r={FPS}:d={job.duration}",
        *audio_args,
        "-filter_complex", graph,
        "-map", "[v]", "-map", "[a]",
        "-c:v", "libx264", "-preset", "veryslow", "-tune", "stillimage", "-crf", "30",
        "-pix_fmt", "yuv420p", "-r", str(FPS), "-threads", "1", "-force_key_frames", keyframes,
        "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-ar", str(SAMPLE_RATE),
        "-t", f"{job.duration}",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-flags:a", "+bitexact", "-movflags", "+faststart",
        str(out),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"ffmpeg failed for {job.file}:\n{result.stderr.strip()}")
    return note


# ---------------------------------------------------------------- subtitles


def srt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{millis:03d}"


def srt_text(job: ClipJob) -> str:
    """One cue per chapter, spanning the chapter, carrying its narration line."""
    cues = []
    for n, ((start, end), line) in enumerate(zip(job.spans(), job.lines, strict=True), 1):
        cues.append(f"{n}\n{srt_time(start)} --> {srt_time(end)}\n{line}\n")
    return "\n".join(cues)


# ---------------------------------------------------------------- checking


def probe(path: Path) -> tuple[float, set[str]]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_type",
         "-of", "json", str(path)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BuildError(f"ffprobe cannot read {path}: {result.stderr.strip()}")
    data = json.loads(result.stdout)
    return float(data["format"]["duration"]), {s["codec_type"] for s in data.get("streams", [])}


def verify(job: ClipJob, pack: Path) -> str:
    """Check one built clip against the manifest; return a one-line report."""
    path = pack / job.file
    if not path.is_file():
        raise BuildError(f"{job.file} does not exist; run without --check to build it")
    duration, kinds = probe(path)
    missing = {"video", "audio"} - kinds
    if missing:
        raise BuildError(f"{job.file} has no {' or '.join(sorted(missing))} stream")
    if abs(duration - job.duration) > TOLERANCE:
        raise BuildError(
            f"{job.file} lasts {duration:.3f} s but toolkit.toml declares {job.duration} s "
            f"(allowed: +/-{TOLERANCE} s)"
        )
    if job.subtitles:
        srt = pack / job.subtitles
        if not srt.is_file() or srt.read_text(encoding="utf-8") != srt_text(job):
            raise BuildError(f"{job.subtitles} is missing or out of date; run without --check")
    return f"{job.file}: {duration:.3f} s, {path.stat().st_size} bytes"


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", nargs="?", type=Path, default=DEFAULT_PACK,
                        help="the pack folder (default: data/ in this checkout)")
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these exercises' clips")
    parser.add_argument("--check", action="store_true", help="verify existing clips; build nothing")
    args = parser.parse_args(argv)
    pack: Path = args.pack.resolve()
    try:
        for tool in ("ffmpeg", "ffprobe"):
            if shutil.which(tool) is None:
                raise BuildError(f"{tool} is not installed")
        jobs = load_jobs(pack)
        if args.only:
            wanted = {name.upper() for name in args.only}
            unknown = wanted - {job.exercise for job in jobs}
            if unknown:
                raise BuildError(f"no clips for exercise(s): {', '.join(sorted(unknown))}")
            jobs = [job for job in jobs if job.exercise in wanted]
        if not args.check:
            espeak = shutil.which("espeak-ng")
            if espeak is None:
                print("espeak-ng not found: using a soft tone instead of narration", file=sys.stderr)
            if not FONT.is_file():
                raise BuildError(f"font {FONT} not found (Debian: fonts-dejavu-core)")
            for job in jobs:
                with tempfile.TemporaryDirectory(prefix="srtclip_") as folder:
                    note = encode(job, pack, Path(folder), espeak)
                print(f"built {job.file} ({note})")
                if job.subtitles:
                    (pack / job.subtitles).write_text(srt_text(job), encoding="utf-8", newline="\n")
        for job in jobs:
            print(verify(job, pack))
    except (BuildError, OSError, subprocess.CalledProcessError, KeyError, tomllib.TOMLDecodeError) as error:
        print(f"make_demo_clips: {error}", file=sys.stderr)
        return 1
    print(f"{len(jobs)} clip(s) OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
