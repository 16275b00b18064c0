"""Render a :class:`CaseSummary` as one self-contained HTML page that reads well on screen
and prints cleanly to A4.

The page opens with an overview a supervisor reads in a minute (state, category, progress
per module as an inline SVG chart, sessions held, last seen, open task, exercises skipped as
not relevant with reasons), then the case details and the session-by-session record.

The page carries its own CSS and nothing else: no scripts, no links, no images, and a
Content-Security-Policy that forbids loading or running anything, as a second line of
defence behind the escaping. Every value passes through ``html.escape(..., quote=True)``;
text the practitioner typed keeps its line breaks (``white-space: pre-wrap``) and its own
writing direction (``dir="auto"``, so right-to-left notes read right). In print each session
starts on a new A4 page and no table row or exercise is cut across pages.
"""

from __future__ import annotations

from html import escape

from srt_tui.export.charts import DONE, SKIPPED, Bar, bar_chart_svg
from srt_tui.export.summary import (
    CLIPS_HEADING,
    HANDLING,
    MARKING,
    NO_CLIPS,
    NONE_RECORDED,
    AmendmentView,
    CaseSummary,
    Detail,
    ExerciseView,
    ModuleRow,
    SessionView,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 1.25rem 1.5rem 2rem; max-width: 54rem;
  font: 15px/1.5 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1b1b; background: #fff;
  overflow-wrap: anywhere;
}
.marking {
  border: 2px solid #1b1b1b; background: #fff4d6; padding: .35rem .75rem; margin: 0 0 1.25rem;
  text-align: center; font-size: .9rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.marking strong { letter-spacing: .06em; margin-right: .5rem; }
.marking.bottom { margin: 2rem 0 0; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #1d4f91; color: #1d4f91; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .8rem; margin: 1rem 0 .3rem; text-transform: uppercase; letter-spacing: .05em; color: #4a4a4a; }
.meta { color: #4a4a4a; font-size: .88rem; margin: 0; }
.text { white-space: pre-wrap; margin: 0; }
.none { color: #6b6b6b; font-style: italic; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: 0; }
dl.details dt { font-weight: 600; color: #333; }
dl.details dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d5d5d5; vertical-align: top;
         overflow-wrap: break-word; }
thead th { border-bottom: 2px solid #1b1b1b; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-bottom: none; border-top: 2px solid #1b1b1b; }
tr, .skips li { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
table + .meta { margin-top: .4rem; }
.table-wrap { overflow-x: auto; }
svg.chart { display: block; width: 100%; max-width: 34rem; height: auto; margin: .5rem 0;
            font-family: inherit; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.key { font-size: .85rem; color: #4a4a4a; margin: 0 0 .5rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem; vertical-align: -.1rem;
          margin: 0 .25rem 0 .6rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
#overview ~ h3 { margin-top: 1.25rem; }
.skips { margin: .25rem 0 0; padding-left: 1.25rem; }
.skips li { margin: 0 0 .35rem; }
.clips { margin: .25rem 0 0; padding-left: 1.25rem; }
.session { border: 1px solid #c9ced6; border-radius: .4rem; padding: .9rem 1rem 1rem; margin: 0 0 1.25rem;
           break-inside: avoid; page-break-inside: avoid; }
.text, .skips .reason { unicode-bidi: plaintext; }
.session.open { border-style: dashed; }
.warning { color: #8a4b00; font-weight: 600; margin: 0 0 .5rem; }
.exercise { border-left: 4px solid #1d4f91; padding: .2rem 0 .2rem .75rem; margin: 0 0 .8rem;
            break-inside: avoid; page-break-inside: avoid; }
.exercise.skipped { border-left-color: #9a9a9a; }
.exercise-title { font-weight: 700; margin: 0; }
.exercise-title .module { font-weight: 400; color: #4a4a4a; }
.outcome { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .45rem; border-radius: .2rem;
           background: #e3e8ef; margin-left: .35rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
dl.qa { margin: .35rem 0 0; }
dl.qa dt { font-weight: 600; margin-top: .35rem; }
dl.qa dd { margin: .1rem 0 0 1rem; }
.amendment { background: #f6f7f9; border: 1px solid #d5d9e0; border-radius: .3rem; padding: .5rem .75rem;
             margin: 0 0 .6rem; break-inside: avoid; page-break-inside: avoid;
             -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.amendment p { margin: 0 0 .3rem; }
.change { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; margin-top: .35rem; }
.change > div { background: #fff; border: 1px solid #d5d9e0; border-left-width: 4px; padding: .3rem .5rem; }
.change > div.before { border-left-color: #9a9a9a; }
.change > div.after { border-left-color: #1d4f91; }
.change .label { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: #4a4a4a; display: block; }
@media (max-width: 40rem) {
  dl.details, .change { grid-template-columns: 1fr; }
}
@page {
  size: A4; margin: 16mm 14mm 18mm;
  @top-center { content: "OFFICIAL-SENSITIVE"; font: 700 9pt sans-serif; }
  @bottom-center { content: "OFFICIAL-SENSITIVE \\2014  page " counter(page) " of " counter(pages); font: 9pt sans-serif; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  .session { border-color: #999; break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _e(value: str) -> str:
    return escape(value, quote=True)


def _text(value: str, tag: str = "div") -> str:
    """User text in a block that keeps its line breaks; empty text says so."""
    if not value.strip():
        return f'<{tag} class="text none">{_e(NONE_RECORDED)}</{tag}>'
    return f'<{tag} class="text" dir="auto">{_e(value.strip(chr(10)))}</{tag}>'


def page_start(title: str, extra_css: str = "") -> list[str]:
    """The head of a self-contained page and the opening marking; ``title`` is escaped here."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{CSS}\n{extra_css}\n</style>",
        "</head>",
        "<body>",
        marking("top"),
    ]


def page_end() -> list[str]:
    return [marking("bottom"), "</body>", "</html>", ""]


def render_html(summary: CaseSummary) -> str:
    parts = [
        *page_start(f"{summary.title} — case summary"),
        "<header>",
        f"<h1>{_e(summary.title)}</h1>",
        f'<p class="meta">Case summary exported {_e(summary.exported_at)} by srt-tui '
        f"{_e(summary.app_version)}. Content: {_e(summary.pack)}.</p>",
        f'<p class="meta">{_e(summary.timezone_note)}</p>',
        "</header>",
        "<main>",
        _overview(summary),
        '<section aria-labelledby="details">',
        '<h2 id="details">Case details</h2>',
        details_list(summary.details),
        "</section>",
        '<section aria-labelledby="sessions">',
        '<h2 id="sessions">Sessions</h2>',
    ]
    if not summary.sessions:
        parts.append('<p class="none">No sessions recorded.</p>')
    parts += [_session(session) for session in summary.sessions]
    parts += ["</section>", "</main>", *page_end()]
    return "\n".join(parts)


def marking(where: str) -> str:
    return (
        f'<div class="marking {where}" role="note"><strong>{_e(MARKING)}</strong>'
        f"{_e(HANDLING)}</div>"
    )


def details_list(details: tuple[Detail, ...]) -> str:
    rows = "".join(f"<dt>{_e(d.label)}</dt><dd>{_text(d.value)}</dd>" for d in details)
    return f'<dl class="details">{rows}</dl>'


def _overview(summary: CaseSummary) -> str:
    overview = summary.overview
    skips = "".join(
        f'<li><strong>{_e(skip.exercise)}</strong> — <span class="reason" dir="auto">'
        f"{_e(skip.reason)}</span>"
        + (f' <span class="meta">({_e(skip.date)})</span>' if skip.date else "")
        + "</li>"
        for skip in overview.skips
    )
    return (
        '<section aria-labelledby="overview">'
        '<h2 id="overview">Overview</h2>'
        f"{details_list(overview.facts)}"
        '<h3 id="progress">Progress per module</h3>'
        f"{_module_chart(summary.modules)}"
        f'<p class="key"><span class="swatch" style="background: {DONE}"></span>done'
        f'<span class="swatch" style="background: {SKIPPED}"></span>skipped as not relevant</p>'
        f"{_module_table(summary)}"
        '<h3 id="skips">Skipped as not relevant</h3>'
        + (f'<ul class="skips">{skips}</ul>' if skips else '<p class="none">None.</p>')
        + "</section>"
    )


def _module_chart(modules: tuple[ModuleRow, ...]) -> str:
    bars = [
        Bar(row.title, ((row.done, DONE), (row.not_relevant, SKIPPED)), row.total,
            f"{row.done} done, {row.not_relevant} not relevant, of {row.total}")
        for row in modules
    ]
    return bar_chart_svg("Progress per module", bars)


def _module_table(summary: CaseSummary) -> str:
    rows = [
        f"<tr><td>{_e(row.title)}</td><td class=\"num\">{row.done}</td>"
        f'<td class="num">{row.not_relevant}</td><td class="num">{row.total}</td></tr>'
        for row in summary.modules
    ]
    rows.append(
        f'<tr class="total"><td>All modules</td><td class="num">{summary.done}</td>'
        f'<td class="num">{summary.not_relevant}</td><td class="num">{summary.total}</td></tr>'
    )
    return (
        '<div class="table-wrap"><table><thead><tr><th>Module</th><th class="num">Done</th>'
        '<th class="num">Not relevant</th><th class="num">Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _session(session: SessionView) -> str:
    parts = [
        f'<section class="session{"" if session.ended else " open"}">',
        f"<h3>{_e(session.heading)}</h3>",
    ]
    if not session.ended:
        parts.append('<p class="warning">This session has not been ended: its record may still change.</p>')
    parts.append("<h4>Exercises</h4>")
    if not session.exercises:
        parts.append('<p class="none">No exercises recorded.</p>')
    parts += [_exercise(exercise) for exercise in session.exercises]
    parts.append(f"<h4>{_e(CLIPS_HEADING)}</h4>")
    if session.clips:
        items = "".join(f'<li class="clip" dir="auto">{_e(clip.line)}</li>' for clip in session.clips)
        parts.append(f'<ul class="clips">{items}</ul>')
    else:
        parts.append(f'<p class="none">{_e(NO_CLIPS)}</p>')
    for field in session.fields:
        parts += [f"<h4>{_e(field.label)}</h4>", _text(field.value)]
    parts.append("<h4>Amendments</h4>")
    if not session.amendments:
        parts.append('<p class="none">No amendments.</p>')
    parts += [_amendment(n, a) for n, a in enumerate(session.amendments, start=1)]
    parts.append("</section>")
    return "\n".join(parts)


def _exercise(exercise: ExerciseView) -> str:
    module = f' <span class="module">({_e(exercise.module)})</span>' if exercise.module else ""
    parts = [
        f'<div class="exercise{" skipped" if exercise.not_relevant else ""}">',
        f'<p class="exercise-title">{_e(exercise.id)} {_e(exercise.title)}{module}'
        f'<span class="outcome">{_e(exercise.outcome)}</span></p>',
    ]
    rows = []
    if exercise.not_relevant or exercise.skip_reason:
        rows.append(("Reason for skipping", exercise.skip_reason))
    rows += [(a.question, a.answer or "(not answered)") for a in exercise.answers]
    if exercise.notes:
        rows.append((exercise.notes_label, exercise.notes))
    if rows:
        parts.append(
            '<dl class="qa">'
            + "".join(f"<dt>{_e(q)}</dt><dd>{_text(a)}</dd>" for q, a in rows)
            + "</dl>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def _amendment(number: int, amendment: AmendmentView) -> str:
    by = f" by {_e(amendment.by)}" if amendment.by else ""
    return (
        '<div class="amendment">'
        f"<p><strong>Amendment {number}</strong> — {_e(amendment.at)}{by}: "
        f"<strong>{_e(amendment.field)}</strong></p>"
        f"<p>Reason: {_text(amendment.reason, 'span')}</p>"
        '<div class="change">'
        f'<div class="before"><span class="label">Before</span>{_text(amendment.before)}</div>'
        f'<div class="after"><span class="label">After</span>{_text(amendment.after)}</div>'
        "</div></div>"
    )


__all__ = ["CSP", "CSS", "details_list", "marking", "page_end", "page_start", "render_html"]
