"""Property tests: hostile content packs and import bundles end in a clear message, never in
a traceback or a half-written case.

Packs: random text as ``toolkit.toml``, and the valid manifest with random values (any TOML
type) put in place of its own, so the loader meets every wrong shape. ``check_pack`` must
return problems (one line each), never raise.

Bundles: random JSON, and a valid bundle with random values in its fields. ``import_bundle``
must either import a readable case or raise ExportError / RecordError, leaving the records
exactly as they were.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srt_tui.content.check import check_pack
from srt_tui.export import ExportError, import_bundle
from srt_tui.export.bundle import dumps_bundle
from srt_tui.records.model import Case, Session
from srt_tui.records.store import RecordError, RecordStore
from tests.content.pack_factory import VALID_MANIFEST, write_pack
from tests.factories import tiny_pack

FIXTURES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["[bold]x[/]", "\x1b[31m", "\x00", "\ud800", "../../etc/passwd", "/abs/path", "x" * 5000]),
)
TOML_SCALAR = st.one_of(
    st.integers(min_value=-2**63, max_value=2**63 - 1).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1979-05-27T07:32:00Z", "'literal'", '"""multi\nline"""']),
    st.booleans().map(lambda b: "true" if b else "false"),
    HOSTILE_TEXT.map(json.dumps),
    st.dates().map(lambda d: d.isoformat()),
)
TOML_VALUE = st.recursive(
    TOML_SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["id", "file", "start", "label", "text", "x"]), inner, max_size=3)
        .map(lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"),
    ),
    max_leaves=8,
)
_ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.+)$")
_VALUE_LINES = [n for n, line in enumerate(VALID_MANIFEST.splitlines()) if _ASSIGNMENT.match(line)]


def fresh(root: Path) -> Path:
    folder = root / uuid.uuid4().hex
    folder.mkdir()
    return folder


@FIXTURES
@given(text=st.text(max_size=400))
def test_random_text_as_a_manifest_gives_problems(tmp_path: Path, text: str) -> None:
    pack = write_pack(fresh(tmp_path) / "pack", text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    problems = check_pack(pack)
    assert problems and all("\n" not in str(problem) for problem in problems)


@FIXTURES
@given(data=st.data())
def test_random_values_in_a_manifest_give_problems_or_a_valid_pack(tmp_path: Path, data: st.DataObject) -> None:
    lines = VALID_MANIFEST.splitlines()
    for number in data.draw(st.lists(st.sampled_from(_VALUE_LINES), min_size=1, max_size=6, unique=True)):
        match = _ASSIGNMENT.match(lines[number])
        assert match is not None
        lines[number] = match[1] + data.draw(TOML_VALUE)
    dropped = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=4))
    manifest = "\n".join(line for n, line in enumerate(lines) if n not in dropped) + "\n"
    pack = write_pack(fresh(tmp_path) / "pack", manifest)
    problems = check_pack(pack)  # never raises
    assert all(isinstance(str(problem), str) and "\n" not in str(problem) for problem in problems)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def valid_bundle() -> dict[str, Any]:
    case = Case(ref="IMP-1", alias="A.B.", referral_date=date(2026, 1, 5))
    session = Session(case_id=case.id, date=date(2026, 1, 12))
    session.notes = "Imported notes"
    return json.loads(dumps_bundle(tiny_pack(), case, [session]))


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, as a path of keys and indexes."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, (*prefix, index))
    return found


def put(value: Any, path: tuple[Any, ...], new: Any) -> None:
    for step in path[:-1]:
        value = value[step]
    value[path[-1]] = new


def records(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "audit.log" and "backups" not in p.parts}


def try_import(folder: Path, bundle_text: str) -> None:
    store = RecordStore(folder / "data")
    store.create_case(Case(ref="EXISTING", alias="E.", referral_date=date(2026, 1, 1)))
    before = records(folder / "data")
    path = folder / "bundle.json"
    path.write_text(bundle_text, encoding="utf-8", errors="surrogatepass")
    try:
        case = import_bundle(store, path)
    except (ExportError, RecordError) as error:
        assert "\n" not in str(error)
        assert records(folder / "data") == before  # nothing half written
        assert [c.ref for c in RecordStore(folder / "data").list_cases()] == ["EXISTING"]
        return
    reopened = RecordStore(folder / "data")
    assert reopened.get_case(case.id).ref == case.ref
    reopened.sessions(case.id)
    assert sorted(c.ref for c in reopened.list_cases()) == sorted(["EXISTING", case.ref])


@FIXTURES
@given(value=JSON_VALUE)
def test_random_json_bundles_are_refused_cleanly(tmp_path: Path, value: Any) -> None:
    try_import(fresh(tmp_path), json.dumps(value))


@FIXTURES
@given(data=st.data())
def test_valid_bundles_with_random_values_import_or_are_refused_cleanly(
        tmp_path: Path, data: st.DataObject) -> None:
    bundle = valid_bundle()
    places = paths_in(bundle)
    for place in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique=True)):
        try:
            put(bundle, place, data.draw(JSON_VALUE))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container this place was in
    try_import(fresh(tmp_path), json.dumps(bundle))


@FIXTURES
@given(raw=st.binary(max_size=300))
def test_random_bytes_as_a_bundle_are_refused_cleanly(tmp_path: Path, raw: bytes) -> None:
    folder = fresh(tmp_path)
    store = RecordStore(folder / "data")
    before = records(folder / "data") if (folder / "data").exists() else {}
    (folder / "bundle.json").write_bytes(raw)
    try:
        import_bundle(store, folder / "bundle.json")
    except (ExportError, RecordError) as error:
        assert "\n" not in str(error)
    assert not (folder / "data").exists() or records(folder / "data") == before
