"""Percentiles and the printed table of figures, targets and verdicts."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """The 95th percentile (inclusive method: never beyond the largest sample)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@dataclass(frozen=True)
class Row:
    item: str  # the item number, 1-7
    what: str
    data: str  # which data set
    target: str  # "" when the figure is for information only
    figure: str
    verdict: str  # "pass", "FAIL", "n/a" or "" (information only)


def verdict(value: float, limit: float) -> str:
    return "pass" if value < limit else "FAIL"


def table(rows: list[Row]) -> str:
    header = Row("#", "measure", "data set", "target", "figure", "result")
    columns = list(zip(*[(r.item, r.what, r.data, r.target, r.figure, r.verdict) for r in [header, *rows]]))
    widths = [max(len(cell) for cell in column) for column in columns]
    lines = []
    for number, row in enumerate([header, *rows]):
        cells = (row.item, row.what, row.data, row.target, row.figure, row.verdict)
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
