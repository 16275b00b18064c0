"""Reading the index rows the case list is made of."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from srt_tui.records.casefile import INDEX_TABLE, CaseSummary, summaries_from_tables
from srt_tui.records.model import CaseState
from srt_tui.records.storage import DamagedFileError

ROW = {"id": "c1", "ref": "CRN-1", "alias": "A.B.", "state": "active", "referral_date": "2026-01-05",
       "last_session": "2026-02-01"}


@pytest.mark.parametrize("last", ["2026-02-01", None])
def test_a_row_reads_as_the_summary_it_was_made_from(last: str | None) -> None:
    made = CaseSummary("c1", "CRN-1", "A.B.", CaseState.ACTIVE, date(2026, 1, 5),
                       date.fromisoformat(last) if last else None)
    read = CaseSummary.from_row(made.to_row())
    assert read == made and hash(read) == hash(made)
    assert read._asdict() == made._asdict()  # every field, and only the fields
    assert read.to_row() == made.to_row()
    with pytest.raises(AttributeError):
        read.ref = "other"  # type: ignore[misc]


@pytest.mark.parametrize("row", [
    ROW | {"state": "lost"}, ROW | {"state": ["active"]}, ROW | {"state": None},
    ROW | {"referral_date": "5 Jan"}, ROW | {"referral_date": 20260105}, ROW | {"last_session": "yesterday"},
    {key: value for key, value in ROW.items() if key != "ref"},
])
def test_a_row_with_a_wrong_or_missing_value_is_a_damaged_index(row: dict[str, Any]) -> None:
    with pytest.raises(DamagedFileError, match="a case row is incomplete"):
        summaries_from_tables({INDEX_TABLE: {"1": row}}, Path("index.json"))
