"""Render a :class:`CaseloadReport` as one self-contained HTML page (same head, CSS, CSP and
marking as the case summary; charts as inline SVG).

On a phone the wide tables become one card per row (each value labelled by its column), and
in print every table repeats its header on each A4 page and never cuts a row in two.
"""

from __future__ import annotations

from html import escape

from srt_tui.export.caseload import CaseloadReport, CaseRow, CategoryCount, ExerciseUse
from srt_tui.export.charts import BREACHED, DONE, Bar, bar_chart_svg
from srt_tui.export.html import details_list, page_end, page_start

REPORT_CSS = """
body { max-width: 64rem; }
td.nowrap { white-space: nowrap; }
table.rows th { font-size: .72rem; }
.problems { color: #8a4b00; }
h2 + .meta { margin-top: -.3rem; margin-bottom: .6rem; }
@media (max-width: 40rem) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid #c9ced6; border-radius: .4rem; margin: 0 0 .75rem; padding: .35rem .6rem; }
  table.cards td { border: none; padding: .15rem 0; text-align: left; white-space: normal;
                   display: grid; grid-template-columns: 8.5rem 1fr; gap: .5rem; }
  table.cards td.num { text-align: left; }
  table.cards td::before { content: attr(data-label); font-weight: 600; color: #333; }
}
@media print {
  h2 { break-before: auto; }
  section.exercises { break-before: page; page-break-before: always; }
}
""".strip()

CASE_COLUMNS = ("Case", "Alias", "Practitioner", "Referred", "State", "Category",
                "Foundation", "All modules", "Sessions", "Last seen")
COUNT_COLUMNS = ("Category", "Cases", "Of which breached")
EXERCISE_COLUMNS = ("Exercise", "Module", "Chosen (sessions)", "Completed (cases)",
                    "Not relevant (cases)", "Participants' feedback")
NOWRAP = {"Case", "Referred", "Last seen"}  # references and dates read badly when broken
NUMERIC = {"Sessions", "Cases", "Of which breached", "Chosen (sessions)", "Completed (cases)",
           "Not relevant (cases)"}


def _e(value: str) -> str:
    return escape(value, quote=True)


def _num(column: str) -> str:
    if column in NUMERIC:
        return ' class="num"'
    return ' class="nowrap"' if column in NOWRAP else ""


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]], total: tuple[str, ...] | None = None,
           cards: bool = True) -> str:
    """A table; with ``cards`` (wide tables) each row becomes a labelled card on a phone."""
    head = "".join(f'<th{_num(c)} scope="col">{_e(c)}</th>' for c in columns)

    def row(values: tuple[str, ...], css: str = "") -> str:
        cells = "".join(
            f'<td{_num(c)} data-label="{_e(c)}" dir="auto">{_e(v)}</td>' for c, v in zip(columns, values)
        )
        return f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>"

    body = "".join(row(values) for values in rows)
    if total is not None:
        body += row(total, "total")
    return (
        f'<div class="table-wrap"><table class="rows{" cards" if cards else ""}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _covered(done: int, not_relevant: int, total: int) -> str:
    extra = f" + {not_relevant} not relevant" if not_relevant else ""
    return f"{done}{extra} of {total}"


def _case(row: CaseRow) -> tuple[str, ...]:
    foundation = row.modules[0] if row.modules else None
    return (
        row.ref, row.alias, row.practitioner or "—", row.referral_date, row.state, row.category,
        _covered(foundation.done, foundation.not_relevant, foundation.total) if foundation else "—",
        _covered(row.done, row.not_relevant, row.total), str(row.sessions), row.last_seen,
    )


def _count(count: CategoryCount) -> tuple[str, ...]:
    return (count.category, str(count.cases), str(count.breached))


def _exercise(use: ExerciseUse) -> tuple[str, ...]:
    return (f"{use.id} {use.title}", use.module or "—", str(use.chosen), str(use.completed),
            str(use.not_relevant), use.feedback_text)


def _comments(report: CaseloadReport) -> str:
    """Participants' comments, under the exercise they were about; each escaped, kept as typed."""
    blocks = [
        f'<h4>{_e(use.id)} {_e(use.title)}</h4><ul class="comments">'
        + "".join(f'<li class="text" dir="auto">{_e(comment)}</li>' for comment in use.feedback.comments)
        + "</ul>"
        for use in report.exercises if use.feedback.comments
    ]
    return "\n".join(blocks) or '<p class="none">No comments recorded.</p>'


def category_chart(report: CaseloadReport) -> str:
    scale = max((count.cases for count in report.counts), default=0) or 1
    bars = [
        Bar(count.category, ((count.cases - count.breached, DONE), (count.breached, BREACHED)), scale,
            f"{count.cases}" + (f" ({count.breached} breached)" if count.breached else ""))
        for count in report.counts
    ]
    return bar_chart_svg("Cases per category", bars)


def render_caseload_html(report: CaseloadReport) -> str:
    noun = "case" if report.total == 1 else "cases"
    parts = [
        *page_start(f"{report.title} — {report.generated_at}", REPORT_CSS),
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="meta">Made {_e(report.generated_at)} by srt-tui {_e(report.app_version)}. '
        f"Content: {_e(report.pack)}. {report.total} {noun}.</p>",
        details_list(report.filters),
        "</header>",
        "<main>",
        '<section aria-labelledby="counts">',
        '<h2 id="counts">Cases per category</h2>',
        '<p class="meta">The categories a project board counts; each case is in exactly one.</p>',
        category_chart(report),
        f'<p class="key"><span class="swatch" style="background: {DONE}"></span>cases'
        f'<span class="swatch" style="background: {BREACHED}"></span>of which breached</p>',
        _table(COUNT_COLUMNS, [_count(c) for c in report.counts],
               ("All cases", str(report.total), str(report.breached)), cards=False),
        f'<p class="meta">Breached: {report.breached} of {report.total} {noun}.</p>',
        "</section>",
        '<section aria-labelledby="cases">',
        '<h2 id="cases">Cases</h2>',
    ]
    if report.cases:
        parts.append(_table(CASE_COLUMNS, [_case(row) for row in report.cases]))
    else:
        parts.append('<p class="none">No case matches these filters.</p>')
    parts += [
        "</section>",
        '<section class="exercises" aria-labelledby="exercises">',
        '<h2 id="exercises">Exercise use</h2>',
        '<p class="meta">Chosen: sessions it was chosen in. Completed and not relevant: cases, by '
        "the progress rules. Participants' feedback: responses about the exercise's clips and the "
        "mean of each 1-5 rating given; — where none is recorded.</p>",
        _table(EXERCISE_COLUMNS, [_exercise(use) for use in report.exercises]),
        '<h3 id="comments">Participants\' comments</h3>',
        _comments(report),
        "</section>",
    ]
    if report.problems:
        items = "".join(f"<li>{_e(problem)}</li>" for problem in report.problems)
        parts += [
            '<section aria-labelledby="problems">',
            '<h2 id="problems">Records that could not be read</h2>',
            f'<ul class="problems">{items}</ul>',
            "</section>",
        ]
    parts += ["</main>", *page_end()]
    return "\n".join(parts)


__all__ = ["render_caseload_html"]
