"""How a records file's tables are written: JSON that reads back exactly, one row to a line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from srt_tui.records.storage import decode_tables, encode_tables
from tests.records.test_properties import JSON_VALUE, TEXT

ROW = st.dictionaries(st.one_of(TEXT, st.text(max_size=8)), st.one_of(JSON_VALUE, TEXT), max_size=5)
TABLES = st.dictionaries(st.text(max_size=10), st.dictionaries(st.integers(1, 999).map(str), ROW, max_size=4),
                         max_size=3)


@settings(max_examples=150, deadline=None, database=None)
@given(tables=TABLES)
def test_tables_read_back_as_json_dumps_would_give_them(tables: dict[str, dict[str, Any]]) -> None:
    encoded = encode_tables(tables)
    assert decode_tables(encoded) == json.loads(json.dumps(tables, ensure_ascii=True))
    encoded.decode("ascii")  # every character escaped: any text, lone surrogates too, survives


def test_each_row_is_one_line() -> None:
    tables = {"case": {"1": {"notes": "two\nlines", "n": [1, {"x": None}]}}, "sessions": {"1": {}, "2": {"a": 1}},
              "empty": {}}
    lines = encode_tables(tables).decode("ascii").splitlines()
    assert lines == ["{", '"case": {', '"1": {"notes": "two\\nlines", "n": [1, {"x": null}]}', "},",
                     '"sessions": {', '"1": {},', '"2": {"a": 1}', "},", '"empty": {', "", "}", "}"]
    assert encode_tables({}) == b"{\n\n}\n" and decode_tables(encode_tables({})) == {}
