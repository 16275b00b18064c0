"""The HTML export in a real browser: headless Chromium loads the exported file, and the DOM
it builds, a screenshot and a printed PDF are checked.

Chromium is a test requirement (``./dev.sh test`` installs it): without it these tests fail,
they do not skip, so a missing browser can never pass for a passing export.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from srt_tui.content.model import ContentPack
from srt_tui.export import export_case
from srt_tui.records.model import Case, Session
from tests.export.samples import HOSTILE_SHOWN, PLAIN, FakeStore

BROWSERS = ("chromium", "chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
TIMEOUT = 120


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Chromium is not on PATH (looked for: " + ", ".join(BROWSERS) + "). The HTML export is "
        "tested in a real browser: install it with `sudo apt-get install chromium` or run "
        "`./dev.sh test`, which installs it.",
        pytrace=False,
    )


def _run(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [_browser(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium did not finish within {TIMEOUT}s: {' '.join(command)}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(
            f"Chromium exited with {result.returncode}: {' '.join(command)}\n{result.stderr[-2000:]}",
            pytrace=False,
        )
    return result


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


@pytest.fixture
def page(tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]) -> Path:
    return export_case(FakeStore(case, sessions, tmp_path / "data"), pack, case.ref, "html", tmp_path / "exports")


def test_the_dom_shows_hostile_text_as_text_and_runs_nothing(tmp_path: Path, page: Path) -> None:
    dom_html = _run(tmp_path, page, "--dump-dom").stdout
    assert "<body" in dom_html, "Chromium printed no DOM"
    dom = _Dom()
    dom.feed(dom_html)
    dom.close()
    assert "script" not in dom.tags
    assert not {"img", "iframe", "object", "embed", "link", "a", "form"} & set(dom.tags)
    text = "".join(dom.text)
    for shown in HOSTILE_SHOWN.values():
        assert shown in text, shown
    for key, value in PLAIN.items():
        assert value in text, key
    assert "OFFICIAL-SENSITIVE" in text


def _png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    offset, width, height, idat = 8, 0, 0, b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def test_a_screenshot_of_the_page_has_content(tmp_path: Path, page: Path) -> None:
    shot = tmp_path / "page.png"
    _run(tmp_path, page, f"--screenshot={shot}", "--window-size=1000,1400", "--hide-scrollbars")
    assert shot.is_file(), "Chromium wrote no screenshot"
    data = shot.read_bytes()
    width, height, pixels = _png_size_and_pixels(data)
    assert (width, height) == (1000, 1400)
    assert len(data) > 20_000, "the screenshot is suspiciously small: is the page blank?"
    assert len(set(pixels)) > 64, "the screenshot has almost no distinct pixel values: blank page?"


def test_the_page_prints_to_pdf(tmp_path: Path, page: Path) -> None:
    pdf = tmp_path / "page.pdf"
    _run(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.is_file(), "Chromium wrote no PDF"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert pages >= 1, "the PDF has no pages"
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes, "the PDF has no page size"
    for width, height in boxes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2, (width, height)
    # Each session starts a printed page of its own: before its heading on that page there is
    # only the page's marking and number.
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(data)).pages]
    first = next(n for n, text in enumerate(pages) if "Session 1 —" in text)
    second = next(n for n, text in enumerate(pages) if "Session 2 —" in text)
    assert 0 < first < second and "Overview" in pages[0]
    for number, page in ((1, pages[first]), (2, pages[second])):
        before = page.split(f"Session {number} —")[0]
        assert re.fullmatch(r"(OFFICIAL-SENSITIVE|—|page|of|\d+|\s)*", before), before


@pytest.fixture
def report_page(tmp_path: Path, pack: ContentPack) -> Path:
    from datetime import date

    from srt_tui.export.caseload import Filters, build_caseload
    from srt_tui.export.report import write_report
    from tests.export.caseload_seed import seed_caseload

    report = build_caseload(seed_caseload(tmp_path / "data"), pack)
    return write_report(report, "html", tmp_path / "exports", Filters(), date(2026, 3, 9))


def test_the_caseload_report_renders_in_the_browser(tmp_path: Path, report_page: Path) -> None:
    dom_html = _run(tmp_path, report_page, "--dump-dom").stdout
    dom = _Dom()
    dom.feed(dom_html)
    dom.close()
    assert "script" not in dom.tags and "svg" in dom.tags and "rect" in dom.tags
    text = "".join(dom.text)
    for part in ("Caseload report", "Cases per category", "Discontinued before completing the foundation",
                 "CRN-007", "A. Adams", "B. Brown", "Exercise use"):
        assert part in text, part


@pytest.mark.parametrize("size", ["1100,1400", "390,1400"])  # a laptop, and a phone held upright
def test_a_screenshot_of_the_caseload_report_has_content(tmp_path: Path, report_page: Path, size: str) -> None:
    shot = tmp_path / "report.png"
    _run(tmp_path, report_page, f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars")
    width, height, pixels = _png_size_and_pixels(shot.read_bytes())
    assert f"{width},{height}" == size
    assert len(set(pixels)) > 64, "the screenshot has almost no distinct pixel values: blank page?"


def test_the_caseload_report_prints_to_a4(tmp_path: Path, report_page: Path) -> None:
    pdf = tmp_path / "report.pdf"
    _run(tmp_path, report_page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)


@pytest.fixture
def handout_page(tmp_path: Path, pack: ContentPack, case: Case, sessions: list[Session]) -> Path:
    from srt_tui.export.papers import export_handout

    return export_handout(FakeStore(case, sessions, tmp_path / "data"), pack, case.ref, "html",  # type: ignore[arg-type]
                          tmp_path / "exports")


def test_the_handout_renders_in_the_browser_without_private_text(tmp_path: Path, handout_page: Path) -> None:
    dom = _Dom()
    dom.feed(_run(tmp_path, handout_page, "--dump-dom").stdout)
    dom.close()
    assert "script" not in dom.tags
    text = "".join(dom.text)
    for part in ("What we talked about", "Warning signs", "A point.", PLAIN["task_set"], "J.S."):
        assert part in text, part
    for key in ("notes_after", "reflections", "responsivity", "exercise_notes", "plan_next"):
        assert PLAIN[key] not in text, key


def test_a_screenshot_of_the_handout_has_content(tmp_path: Path, handout_page: Path) -> None:
    shot = tmp_path / "handout.png"
    _run(tmp_path, handout_page, f"--screenshot={shot}", "--window-size=900,1200", "--hide-scrollbars")
    width, height, pixels = _png_size_and_pixels(shot.read_bytes())
    assert (width, height) == (900, 1200)
    assert len(set(pixels)) > 64, "the screenshot has almost no distinct pixel values: blank page?"


def test_the_handout_prints_to_a4(tmp_path: Path, handout_page: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    _run(tmp_path, handout_page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    assert "Your task before next time" in " ".join((PdfReader(BytesIO(data)).pages[0].extract_text() or "").split())
