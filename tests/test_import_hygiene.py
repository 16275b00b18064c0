"""What each path imports, checked in a fresh interpreter: the shell jobs never load Textual,
and the app imports nothing before its first screen that only later work needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from srt_tui.cli import main
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore


def modules_after(code: str) -> set[str]:
    """The modules a new interpreter has loaded after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def textual_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    store = RecordStore(tmp_path / "data")
    store.create_case(Case(ref="CRN-001", alias="A.B.", referral_date=date(2026, 1, 5)))
    store.close()
    return tmp_path / "data"


def test_the_shell_jobs_load_no_textual(data_dir: Path, tmp_path: Path, demo_pack_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["--data-dir", str(data_dir), "export", "CRN-001", "--format", "json", "--out", str(out)]) == 0
    [bundle] = out.glob("*.json")
    jobs = {
        "content check": ["content", "check", str(demo_pack_path)],
        "export": ["--data-dir", str(data_dir), "export", "CRN-001", "--format", "md", "--out", str(out)],
        "import": ["--data-dir", str(tmp_path / "other"), "import", str(bundle)],
        "doctor": ["--data-dir", str(data_dir), "doctor"],
        "delete (what it would do)": ["--data-dir", str(data_dir), "delete", "CRN-001"],
    }
    for job, args in jobs.items():
        modules = modules_after(f"from srt_tui.cli import main\ncode = main({args!r})")
        assert "srt_tui.cli" in modules, job
        assert textual_in(modules) == [], job


def test_opening_the_records_and_listing_them_loads_no_backup_machinery_tinydb_nor_model(data_dir: Path) -> None:
    modules = modules_after(
        "from srt_tui.records.store import RecordStore\n"
        f"store = RecordStore({str(data_dir)!r})\n"
        "store.claim()\n"
        "assert [case.ref for case in store.list_cases()] == ['CRN-001']"
    )
    later = {"srt_tui.records.backup", "srt_tui.records.audit", "zipfile", "tinydb",  # TinyDB: first write
             "srt_tui.records.model", "srt_tui.records.targets"}  # listing reads index rows, not case files
    if os.name == "posix":
        later.add("filelock")  # flock is taken directly (Windows uses filelock)
    assert later.isdisjoint(modules), sorted(later & modules)


def test_the_app_imports_only_what_its_first_screen_needs() -> None:
    modules = modules_after("import srt_tui.app")
    later = {"srt_tui.commands", "srt_tui.screens.help", "srt_tui.player.api", "srt_tui.records.backup",
             "srt_tui.records.doctor", "srt_tui.content.build", "srt_tui.content.model", "tomllib",
             "srt_tui.records.model", "textual.widgets._footer"}
    assert later.isdisjoint(modules), sorted(later & modules)
    assert "srt_tui.screens.case_list" in modules


def test_the_app_takes_an_unchanged_pack_without_importing_the_pack_reader_or_its_model() -> None:
    start = "from srt_tui.content.cache import open_pack\nfrom srt_tui.paths import demo_pack_dir\n" \
            "pack = open_pack(demo_pack_dir())\nassert pack.title\n"
    reader = {"srt_tui.content.loader", "srt_tui.content.build", "tomllib"}
    model = "srt_tui.content.model"  # its dataclasses are made as it is imported: 7-10 ms
    assert reader <= modules_after(start)  # the first start reads the pack (and keeps it)
    assert (reader | {model}).isdisjoint(modules_after(start))  # the next takes the title only
    used = modules_after(start + "assert pack.get().exercises")
    assert model in used and reader.isdisjoint(used)
