"""Render a :class:`CaseSummary` as one self-contained HTML page that reads well on screen
and prints cleanly to A4.

The page carries its own CSS and nothing else: no scripts, no links, no images, and a
Content-Security-Policy that forbids loading or running anything, as a second line of
defence behind the escaping. Every value passes through ``html.escape(..., quote=True)``; text the practitioner
typed keeps its line breaks (``white-space: pre-wrap``).
"""

from __future__ import annotations

from html import escape

from srt_tui.export.summary import (
    HANDLING,
    MARKING,
    NONE_RECORDED,
    AmendmentView,
    CaseSummary,
    Detail,
    ExerciseView,
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
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d5d5d5; vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-bottom: none; border-top: 2px solid #1b1b1b; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: #e3e8ef; border-radius: .3rem;
       vertical-align: middle; overflow: hidden;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar span { display: block; float: left; height: 100%; }
.bar .done { background: #1d4f91; }
.bar .skipped { background: #8fa9cc; }
td.covered { white-space: nowrap; }
table + .meta { margin-top: .4rem; }
.category { font-size: 1rem; margin: 0 0 .6rem; }
.category strong { display: inline-block; padding: .05rem .5rem; border-radius: .25rem;
                   background: #e3e8ef; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.session { border: 1px solid #c9ced6; border-radius: .4rem; padding: .9rem 1rem 1rem; margin: 0 0 1.25rem;
           break-inside: avoid; page-break-inside: avoid; }
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
  .session { border-color: #999; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _e(value: str) -> str:
    return escape(value, quote=True)


def _text(value: str, tag: str = "div") -> str:
    """User text in a block that keeps its line breaks; empty text says so."""
    if not value.strip():
        return f'<{tag} class="text none">{_e(NONE_RECORDED)}</{tag}>'
    return f'<{tag} class="text">{_e(value.strip(chr(10)))}</{tag}>'


def render_html(summary: CaseSummary) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(summary.title)} — case summary</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        _marking("top"),
        "<header>",
        f"<h1>{_e(summary.title)}</h1>",
        f'<p class="meta">Case summary exported {_e(summary.exported_at)} by srt-tui '
        f"{_e(summary.app_version)}. Content: {_e(summary.pack)}.</p>",
        f'<p class="meta">{_e(summary.timezone_note)}</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="details">',
        '<h2 id="details">Case details</h2>',
        _details(summary.details),
        "</section>",
        _progress(summary),
        '<section aria-labelledby="sessions">',
        '<h2 id="sessions">Sessions</h2>',
    ]
    if not summary.sessions:
        parts.append('<p class="none">No sessions recorded.</p>')
    parts += [_session(session) for session in summary.sessions]
    parts += [
        "</section>",
        "</main>",
        _marking("bottom"),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _marking(where: str) -> str:
    return (
        f'<div class="marking {where}" role="note"><strong>{_e(MARKING)}</strong>'
        f"{_e(HANDLING)}</div>"
    )


def _details(details: tuple[Detail, ...]) -> str:
    rows = "".join(f"<dt>{_e(d.label)}</dt><dd>{_text(d.value)}</dd>" for d in details)
    return f'<dl class="details">{rows}</dl>'


def _progress(summary: CaseSummary) -> str:
    rows = []
    for row in summary.modules:
        rows.append(
            f"<tr><td>{_e(row.title)}</td>"
            f'<td class="num">{row.done}</td><td class="num">{row.total}</td>'
            f'<td class="num">{row.not_relevant}</td>'
            f'<td class="covered"><span class="bar" aria-hidden="true">'
            f'<span class="done" style="width: {row.percent(row.done)}%"></span>'
            f'<span class="skipped" style="width: {row.percent(row.not_relevant)}%"></span>'
            f"</span> {row.covered} of {row.total}</td></tr>"
        )
    rows.append(
        f'<tr class="total"><td>All modules</td><td class="num">{summary.done}</td>'
        f'<td class="num">{summary.total}</td><td class="num">{summary.not_relevant}</td>'
        f'<td class="covered">{summary.done + summary.not_relevant} of {summary.total}</td></tr>'
    )
    return (
        '<section aria-labelledby="progress">'
        '<h2 id="progress">Progress</h2>'
        f'<p class="category">Category: <strong>{_e(summary.category)}</strong></p>'
        "<table><thead><tr><th>Module</th><th class=\"num\">Done</th><th class=\"num\">Total</th>"
        '<th class="num">Not relevant</th><th>Complete</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        '<p class="meta">Complete counts exercises done (dark in the bar) or skipped as not '
        "relevant (light).</p>"
        "</section>"
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
        rows.append(("Exercise notes", exercise.notes))
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


__all__ = ["CSP", "render_html"]
