"""A short document of headed sections (a participant handout, a session plan) rendered to
HTML, PDF and Markdown from one plain model, so the formats say the same thing.

Every string in a :class:`Leaflet` is already cleaned (:func:`srt_tui.records.validation.clean_text`);
the renderers only lay it out and escape it: ``html.escape`` for HTML (with the same
no-scripts Content-Security-Policy as the case summary), :func:`escape_md` for Markdown, and
plain strings for fpdf2, in the bundled DejaVu Sans. ``large`` sets large print (a handout
read by a participant); ``marked`` adds the OFFICIAL-SENSITIVE marking (a plan that quotes
the practitioner's notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from srt_tui.export.html import CSP, marking
from srt_tui.export.markdown import escape_md
from srt_tui.export.summary import HANDLING, MARKING

FORMATS: dict[str, str] = {"html": ".html", "pdf": ".pdf", "md": ".md"}


@dataclass(frozen=True)
class Item:
    """One bullet: a bold lead (may be empty) and text that keeps its line breaks."""

    lead: str
    text: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...] = ()
    empty: str = ""  # shown when there are no items


@dataclass(frozen=True)
class Leaflet:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footer: str
    large: bool = False
    marked: bool = False


def render_leaflet(leaflet: Leaflet, fmt: str) -> bytes:
    """The leaflet as the bytes of its file; ``fmt`` is a key of :data:`FORMATS`."""
    if fmt == "html":
        return leaflet_html(leaflet).encode("utf-8")
    if fmt == "md":
        return leaflet_markdown(leaflet).encode("utf-8")
    if fmt == "pdf":
        from srt_tui.export.leaflet_pdf import leaflet_pdf

        return leaflet_pdf(leaflet)
    raise ValueError(f"unknown leaflet format {fmt!r}")


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1.5rem 1.5rem 2rem; max-width: 46rem; color: #111; background: #fff;
       font: %(size)s/1.55 "Segoe UI", system-ui, -apple-system, Roboto, Arial, sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.6em; margin: 0 0 .3rem; line-height: 1.2; }
.subtitle { font-size: .95em; color: #333; margin: 0 0 1rem; }
h2 { font-size: 1.2em; margin: 1.6rem 0 .5rem; padding-bottom: .15rem; border-bottom: 3px solid #1d4f91; color: #1d4f91; }
ul { margin: 0; padding-left: 1.4em; }
li { margin: 0 0 .55rem; break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-wrap; unicode-bidi: plaintext; }
.none { color: #444; font-style: italic; margin: 0; }
footer { margin-top: 2rem; font-size: .85em; color: #333; }
.marking { border: 2px solid #111; background: #fff4d6; padding: .3rem .6rem; margin: 0 0 1rem; text-align: center;
           font-size: .8em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.marking strong { letter-spacing: .06em; margin-right: .5rem; }
.marking.bottom { margin: 1.5rem 0 0; }
@page { size: A4; margin: 15mm; }
@media print { body { max-width: none; padding: 0; font-size: %(print)s; } h2 { break-after: avoid; } }
""".strip()


def _e(value: str) -> str:
    return escape(value, quote=True)


def leaflet_html(leaflet: Leaflet) -> str:
    css = _CSS % ({"size": "22px", "print": "16pt"} if leaflet.large else {"size": "15px", "print": "10.5pt"})
    parts = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(leaflet.title)}</title>", f"<style>\n{css}\n</style>", "</head>", "<body>",
    ]
    if leaflet.marked:
        parts.append(marking("top"))
    parts += ["<header>", f"<h1>{_e(leaflet.title)}</h1>", f'<p class="subtitle">{_e(leaflet.subtitle)}</p>',
              "</header>", "<main>"]
    for number, section in enumerate(leaflet.sections, start=1):
        parts.append(f'<section aria-labelledby="s{number}"><h2 id="s{number}">{_e(section.heading)}</h2>')
        if section.items:
            parts.append("<ul>" + "".join(_html_item(item) for item in section.items) + "</ul>")
        else:
            parts.append(f'<p class="none">{_e(section.empty)}</p>')
        parts.append("</section>")
    parts += ["</main>", f"<footer>{_e(leaflet.footer)}</footer>"]
    if leaflet.marked:
        parts.append(marking("bottom"))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html_item(item: Item) -> str:
    lead = f"<strong>{_e(item.lead)}</strong>" if item.lead else ""
    sep = "<br>" if item.lead and item.text else ""
    text = f'<span class="text" dir="auto">{_e(item.text.strip(chr(10)))}</span>' if item.text else ""
    return f"<li>{lead}{sep}{text}</li>"


def leaflet_markdown(leaflet: Leaflet) -> str:
    out: list[str] = []
    if leaflet.marked:
        out += [f"> **{MARKING}** — {HANDLING}", ""]
    out += [f"# {_one(leaflet.title)}", "", _one(leaflet.subtitle), ""]
    for section in leaflet.sections:
        out += [f"## {_one(section.heading)}", ""]
        for item in section.items:
            out += _md_item(item)
        if not section.items:
            out.append(f"_{_one(section.empty)}_")
        out.append("")
    out += ["---", "", _one(leaflet.footer), ""]
    return "\n".join(out)


def _one(text: str) -> str:
    return escape_md(" ".join(text.split()), line_start=False)


def _md_item(item: Item) -> list[str]:
    lines = escape_md(item.text.strip("\n")).split("\n") if item.text.strip() else []
    body = [f"  {line}" if line.strip() else "" for line in lines]
    body = [line + ("  " if index < len(body) - 1 and line else "") for index, line in enumerate(body)]
    if item.lead:
        return [f"- **{_one(item.lead)}**" + ("  " if body else ""), *body]
    first = body[0].removeprefix("  ") if body else ""
    return [f"- {first}", *body[1:]]


__all__ = ["FORMATS", "Item", "Leaflet", "Section", "leaflet_html", "leaflet_markdown", "render_leaflet"]
