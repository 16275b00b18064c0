"""Render a :class:`CaseloadReport` as one CSV file laid out like the HTML report: a few
title lines, then three tables one below the other (cases per category, cases, exercise
use), each under a line naming it and its own header row, with an empty line between.

The cases table is the one to sort and filter in a spreadsheet: one row per case with its
progress per module. Cells are neutralised and the file is UTF-8 with a BOM
(:mod:`srt_tui.export.csvsafe`).
"""

from __future__ import annotations

from collections.abc import Iterator

from srt_tui.export.caseload import NO_FEEDBACK, CaseloadReport
from srt_tui.export.csvsafe import Cell, csv_bytes


def _cases_header(report: CaseloadReport) -> list[str]:
    modules = report.cases[0].modules if report.cases else ()
    columns = ["Case reference", "Alias", "Practitioner", "Referral date", "State", "Category",
               "Exercises done", "Not relevant", "Exercises total", "Sessions", "Last seen"]
    for module in modules:
        columns += [f"{module.title}: done", f"{module.title}: not relevant", f"{module.title}: total"]
    return columns


def _lines(report: CaseloadReport) -> Iterator[list[Cell]]:
    yield [report.title, f"Made {report.generated_at} by srt-tui {report.app_version}"]
    yield ["Content", report.pack]
    for detail in report.filters:
        yield [detail.label, detail.value]
    yield ["Cases", report.total]
    for problem in report.problems:
        yield ["Could not be read", problem]
    yield []
    yield ["Cases per category"]
    yield ["Category", "Cases", "Of which breached"]
    for count in report.counts:
        yield [count.category, count.cases, count.breached]
    yield ["All cases", report.total, report.breached]
    yield []
    yield ["Cases"]
    yield list(_cases_header(report))
    for row in report.cases:
        cells: list[Cell] = [row.ref, row.alias, row.practitioner, row.referral_date, row.state,
                             row.category, row.done, row.not_relevant, row.total, row.sessions,
                             row.last_seen]
        for module in row.modules:
            cells += [module.done, module.not_relevant, module.total]
        yield cells
    yield []
    yield ["Exercise use"]
    yield ["Exercise", "Exercise title", "Module", "Chosen (sessions)", "Completed (cases)",
           "Not relevant (cases)", "Feedback responses", "Mean relatable (1-5)", "Mean helpful (1-5)",
           "Participants' comments"]
    for use in report.exercises:
        fb = use.feedback
        yield [use.id, use.title, use.module, use.chosen, use.completed, use.not_relevant, fb.responses,
               _mean(fb.relatable), _mean(fb.helpful), "\n".join(fb.comments)]


def _mean(value: float | None) -> Cell:
    return NO_FEEDBACK if value is None else f"{value:.2f}"


def render_caseload_csv(report: CaseloadReport) -> bytes:
    lines = _lines(report)
    return csv_bytes(next(lines), lines)


__all__ = ["render_caseload_csv"]
