"""Read the facts a case summary states back out of each rendered format, the way a reader
would find them (visible text, table cells, spreadsheet rows), so a test can compare formats.

The facts: case reference and alias, state, category, sessions held, last seen, open task,
progress per module, exercises skipped as not relevant with reasons, the outcome of each
exercise in each session, each session's clips watched and feedback, and who may see each
note (the session's, and each exercise's that has any).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pypdf import PdfReader

from srt_tui.records.targets import SESSION_FIELD_LABELS

FIELD_LABELS = set(SESSION_FIELD_LABELS.values()) | {f"{v} (amended)" for v in SESSION_FIELD_LABELS.values()}
# A notes heading says who may see them: "Session notes (shared with the participant, amended)".
NOTES_LABEL = re.compile(r"(Session|Exercise) notes \((practitioner only|shared with the participant)(, amended)?\)")


def _visibility(label: str) -> str | None:
    """"Practitioner only" or "Shared with the participant" from a notes heading, else None."""
    match = NOTES_LABEL.fullmatch(label.strip().rstrip(":"))
    return match.group(2).capitalize() if match else None


@dataclass
class Facts:
    ref: str = ""
    alias: str = ""
    state: str = ""
    category: str = ""
    sessions_held: str = ""
    last_seen: str = ""
    open_task: str = ""
    modules: list[tuple[str, int, int, int]] = field(default_factory=list)  # title, done, not relevant, total
    skips: list[tuple[str, str]] = field(default_factory=list)  # "F02 Title", reason
    outcomes: list[tuple[int, str, str]] = field(default_factory=list)  # session number, exercise id, outcome
    clips: list[tuple[int, str]] = field(default_factory=list)  # session number, the clip's line
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # session, "session" or exercise id, who sees


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- JSON: the summary part of the bundle -------------------------------------------------------


def from_json(data: bytes) -> Facts:
    summary = json.loads(data.decode("utf-8"))["summary"]
    overview = summary["overview"]
    return Facts(
        ref=summary["ref"],
        alias=summary["alias"],
        state=overview["state"],
        category=overview["category"],
        sessions_held=str(overview["sessions_held"]),
        last_seen=overview["last_seen"],
        open_task=_flat(overview["open_task"]) or "None recorded.",
        modules=[(m["title"], m["done"], m["not_relevant"], m["total"]) for m in summary["modules"]],
        skips=[(s["exercise"], _flat(s["reason"])) for s in overview["skips"]],
        outcomes=[
            (s["number"], e["id"], e["outcome"]) for s in summary["sessions"] for e in s["exercises"]
        ],
        clips=[
            (s["number"], _flat(f"{c['exercise']}, {c['clip']}: {c['watched']}; {c['feedback']}"))
            for s in summary["sessions"] for c in s["clips"]
        ],
        notes=[
            note for s in summary["sessions"] for note in [
                (s["number"], "session", s["notes_visibility"]),
                *[(s["number"], e["id"], e["notes_visibility"]) for e in s["exercises"] if e["notes"]],
            ]
        ],
    )


# -- CSV: one row per exercise outcome per session ----------------------------------------------


def _cell(value: str) -> str:
    """A cell as the typist wrote it: the formula-guarding quote taken off again."""
    return value[1:] if value.startswith("'") else value


def from_csv(data: bytes) -> Facts:
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    first = {key: _cell(value) for key, value in rows[0].items()}
    titles = [key.removesuffix(": done") for key in first if key.endswith(": done") and key != "Exercises done"]
    facts = Facts(
        ref=first["Case reference"],
        alias=first["Alias"],
        state=first["State"],
        category=first["Category"],
        sessions_held=first["Sessions held"],
        last_seen=first["Last seen"],
        open_task=_flat(first["Open task"]) or "None recorded.",
        modules=[
            (t, int(first[f"{t}: done"]), int(first[f"{t}: not relevant"]), int(first[f"{t}: total"]))
            for t in titles
        ],
    )
    # Skips, by the progress rules: ever completed (or revisited) wins, else the latest outcome.
    latest: dict[str, tuple[str, str]] = {}
    done: set[str] = set()
    clips_seen: set[int] = set()
    for row in rows:
        if row["Session"] and int(row["Session"]) not in clips_seen:
            clips_seen.add(int(row["Session"]))
            lines = _cell(row["Clips watched and feedback"])
            facts.clips += [(int(row["Session"]), _flat(line)) for line in lines.split("\n") if line]
            facts.notes.append((int(row["Session"]), "session", row["Session notes: who may see them"]))
        if not row["Exercise"]:
            continue
        if row["Exercise notes"]:
            facts.notes.append((int(row["Session"]), _cell(row["Exercise"]), row["Exercise notes: who may see them"]))
        outcome = _cell(row["Outcome"])
        facts.outcomes.append((int(row["Session"]), _cell(row["Exercise"]), outcome))
        name = f"{_cell(row['Exercise'])} {_cell(row['Exercise title'])}"
        latest[name] = (outcome, _flat(_cell(row["Reason for skipping"])) or "None recorded.")
        if outcome.startswith(("Completed", "Revisited")):
            done.add(name)
    facts.skips = [
        (name, reason) for name, (outcome, reason) in latest.items()
        if name not in done and outcome.startswith("Skipped: not relevant")
    ]
    return facts


# -- Markdown -----------------------------------------------------------------------------------

_ESCAPED = re.compile(r"\\([\\`*_\[\]<>&|~!#+=\-.)])")


def _md(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def from_markdown(text: str) -> Facts:
    lines = text.split("\n")
    overview = lines[lines.index("## Overview") + 1 : lines.index("### Progress per module")]
    items: dict[str, str] = {}
    label = ""
    for line in overview:
        match = re.match(r"- \*\*(.+?):\*\* (.*)", line)
        if match:
            label = match.group(1)
            items[label] = match.group(2)
        elif line.startswith("  ") and label:
            items[label] += "\n" + line.strip()
    title = re.search(r"^# Case (.+) \((.+)\)$", _md(text), re.M)
    assert title
    facts = Facts(
        ref=title.group(1),
        alias=title.group(2),
        state=_md(items["State"]),
        category=_md(items["Category"]),
        sessions_held=items["Sessions held"],
        last_seen=_md(items["Last seen"]),
        open_task=_flat(_md(items["Open task"]).replace("_", "")),
    )
    for line in lines:
        row = re.match(r"\| (?!\*\*)(.+?) \| `[█▒░]+` \| (\d+) \| (\d+) \| (\d+) \|$", line)
        if row:
            facts.modules.append((_md(row.group(1)), int(row.group(2)), int(row.group(3)), int(row.group(4))))
    skips = lines[lines.index("### Skipped as not relevant") + 2 : lines.index("## Case details")]
    for line in skips:
        skip = re.match(r"- \*\*(.+?)\*\*(?: \(.+?\))?: (.*)", line)
        if skip:
            facts.skips.append((_md(skip.group(1)), _flat(_md(skip.group(2)))))
    session, in_exercises, in_clips = 0, False, False
    for line in lines:
        heading = re.match(r"### Session (\d+) — ", line)
        if heading:
            session = int(heading.group(1))
        if line.startswith("#### "):
            in_exercises = line == "#### Exercises"
            in_clips = line == "#### Clips watched and feedback"
        elif in_clips and line.startswith("- "):
            facts.clips.append((session, _flat(_md(line[2:]))))
        exercise = re.match(r"\*\*(\S+) .+?\*\*(?: \(.+?\))? — (.+)$", line)
        if exercise and session and in_exercises:
            facts.outcomes.append((session, _md(exercise.group(1)), _md(exercise.group(2))))
        heading = line.removeprefix("#### ") if line.startswith("#### ") else ""
        item = re.match(r"- \*\*(.+?):\*\*", line) if in_exercises else None
        for label, owner in ((heading, "session"), (item.group(1) if item else "", "exercise")):
            if (seen := _visibility(_md(label))) is not None:
                facts.notes.append((session, facts.outcomes[-1][1] if owner == "exercise" else owner, seen))
    return facts


# -- HTML: the text a browser shows, element by element ------------------------------------------


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str, cls: str | None = None) -> list[_Node]:
        found = []
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag and (cls is None or cls in (child.attrs.get("class") or "").split()):
                    found.append(child)
                found += child.find_all(tag, cls)
        return found

    def by_id(self, wanted: str) -> _Node | None:
        for child in self.children:
            if isinstance(child, _Node):
                if child.attrs.get("id") == wanted:
                    return child
                deeper = child.by_id(wanted)
                if deeper:
                    return deeper
        return None


_VOID = {"meta", "br", "img", "link", "rect", "hr", "input"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.node = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in _VOID:
            self.node = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.node.children.append(_Node(tag, dict(attrs), self.node))

    def handle_endtag(self, tag: str) -> None:
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data: str) -> None:
        self.node.children.append(data)


def parse_html(text: str) -> _Node:
    tree = _Tree()
    tree.feed(text)
    tree.close()
    return tree.root


def from_html(text: str) -> Facts:
    root = parse_html(text)
    title = re.fullmatch(r"Case (.+) \((.+)\)", root.find_all("h1")[0].text())
    assert title
    overview = root.by_id("overview").parent  # the <section> the heading opens
    dl = overview.find_all("dl")[0]
    pairs = dict(zip([dt.text() for dt in dl.find_all("dt")], [dd.text() for dd in dl.find_all("dd")]))
    facts = Facts(
        ref=title.group(1), alias=title.group(2), state=pairs["State"], category=pairs["Category"],
        sessions_held=pairs["Sessions held"], last_seen=pairs["Last seen"], open_task=_flat(pairs["Open task"]),
    )
    for row in overview.find_all("table")[0].find_all("tr")[1:]:
        cells = [td.text() for td in row.find_all("td")]
        if cells[0] != "All modules":
            facts.modules.append((cells[0], int(cells[1]), int(cells[2]), int(cells[3])))
    for item in overview.find_all("li"):
        facts.skips.append((item.find_all("strong")[0].text(), _flat(item.find_all("span", "reason")[0].text())))
    for number, session in enumerate(root.find_all("section", "session"), start=1):
        heading = session.find_all("h3")[0].text()
        assert heading.startswith(f"Session {number} — ")
        for exercise in session.find_all("p", "exercise-title"):
            outcome = exercise.find_all("span", "outcome")[0].text()
            facts.outcomes.append((number, exercise.text().split(" ", 1)[0], outcome))
        facts.clips += [(number, _flat(item.text())) for item in session.find_all("li", "clip")]
        for heading in session.find_all("h4"):
            if (seen := _visibility(heading.text())) is not None:
                facts.notes.append((number, "session", seen))
        for exercise in session.find_all("div", "exercise"):
            exercise_id = exercise.find_all("p", "exercise-title")[0].text().split(" ", 1)[0]
            facts.notes += [(number, exercise_id, seen) for dt in exercise.find_all("dt")
                            if (seen := _visibility(dt.text())) is not None]
    return facts


# -- PDF: the text a PDF reader extracts ---------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def from_pdf(data: bytes) -> Facts:
    text = pdf_text(data)
    lines = [line.strip() for line in text.split("\n")]
    title = re.search(r"^Case (.+) \((.+)\)$", text, re.M)
    assert title

    def after(label: str) -> str:
        match = re.search(rf"^{label}: ?(.*)$", text, re.M)
        assert match, label
        return match.group(1).strip()

    start = lines.index(next(line for line in lines if line.startswith("Open task:")))
    end = lines.index("Progress per module")
    facts = Facts(
        ref=title.group(1), alias=title.group(2), state=after("State"), category=after("Category"),
        sessions_held=after("Sessions held"), last_seen=after("Last seen"),
        open_task=_flat(" ".join(lines[start:end]).removeprefix("Open task:")),
    )
    for line in lines[end + 1 :]:
        row = re.fullmatch(r"(.+?) ?(\d+) done, (\d+) not relevant, of (\d+)", line)
        if not row:
            break
        facts.modules.append((row.group(1), int(row.group(2)), int(row.group(3)), int(row.group(4))))
    skip_lines = lines[lines.index("Skipped as not relevant") + 1 : lines.index("Case details")]
    joined = " ".join(skip_lines).split("• ")[1:]
    for item in joined:
        skip = re.fullmatch(r"(.+?)(?: \(.+?\))?: (.*)", item.strip())
        assert skip, item
        facts.skips.append((skip.group(1), _flat(skip.group(2))))
    session, in_exercises, in_clips, clip_lines = 0, False, False, []
    for line in lines:
        heading = re.match(r"Session (\d+) — ", line)
        if heading:
            session = int(heading.group(1))
        seen = _visibility(line)
        if seen is not None:
            facts.notes.append((session, "session" if line.startswith("Session") else facts.outcomes[-1][1], seen))
        field_heading = line in FIELD_LABELS or (seen is not None and line.startswith("Session"))
        if line == "Exercises" or field_heading or line == "Clips watched and feedback":
            in_exercises = line == "Exercises"
            if in_clips:
                facts.clips += [(session, _flat(item)) for item in " ".join(clip_lines).split("• ")[1:]]
            in_clips, clip_lines = line == "Clips watched and feedback", []
            continue
        if in_clips:
            clip_lines.append(line)
        exercise = re.fullmatch(r"([A-Z]+\d+) .+? — (.+)", line)
        if exercise and session and in_exercises:
            facts.outcomes.append((session, exercise.group(1), exercise.group(2)))
    return facts
