"""`srt-tui --demo` from the command line, with the app itself replaced by a stand-in that
uses the records as a trainer would. The real terminal run is in test_demo_terminal.py."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from srt_tui import cli
from srt_tui.app import SrtApp
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from tests.demo.listing import fingerprint
from tests.test_cli import run_cli


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where tempfile.mkdtemp puts the demo folder in these tests."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def real_records(isolated_data_dir: Path) -> Path:
    """The user's records (SRT_TUI_DATA_DIR points here), with one case in them."""
    store = RecordStore(isolated_data_dir)
    store.create_case(Case(ref="REAL-1", alias="R.R.", referral_date=date(2026, 1, 5)))
    store.close()
    return isolated_data_dir


class Trainer:
    """Stands in for ``SrtApp.run``: starts a session, writes an export, remembers the app."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, crash: bool = False) -> None:
        self.app: SrtApp | None = None
        self.cases: list[str] = []
        self.crash = crash
        monkeypatch.setattr(SrtApp, "run", lambda app: self.run(app))

    def run(self, app: SrtApp) -> None:
        self.app = app
        self.cases = [summary.ref for summary in app.store.list_cases()]
        app.store.start_session("demo-001")
        app.export_dir.mkdir(parents=True, exist_ok=True)
        (app.export_dir / "case-DEMO-001.html").write_text("<p>demo</p>", encoding="utf-8")
        if self.crash:
            raise RuntimeError("the app crashed")


@pytest.fixture
def trainer(monkeypatch: pytest.MonkeyPatch) -> Trainer:
    return Trainer(monkeypatch)


def test_demo_uses_a_temporary_folder_and_removes_it(trainer: Trainer, temp_root: Path, real_records: Path,
                                                    tmp_path: Path) -> None:
    other = tmp_path / "other-records"
    RecordStore(other).create_case(Case(ref="OTHER-1", alias="O.O.", referral_date=date(2026, 2, 2)))
    before = fingerprint(real_records), fingerprint(other)

    assert cli.main(["--demo", "--data-dir", str(other)]) == 0

    app = trainer.app
    assert app is not None and app.demo is not None
    assert app.store.data_dir.is_relative_to(temp_root)  # neither --data-dir nor SRT_TUI_DATA_DIR
    assert app.export_dir == app.demo.workspace.exports_dir
    assert trainer.cases[:2] == ["DEMO-001", "DEMO-002"] and len(trainer.cases) == 12
    assert (fingerprint(real_records), fingerprint(other)) == before
    assert list(temp_root.iterdir()) == []  # the demo folder, exports and all, is gone


def test_keep_demo_keeps_the_folder_and_prints_where(trainer: Trainer, temp_root: Path, real_records: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(real_records)
    assert cli.main(["--demo", "--keep-demo"]) == 0
    assert trainer.app is not None
    kept = trainer.app.demo.workspace.root  # type: ignore[union-attr]
    assert str(kept) in capsys.readouterr().out
    assert kept.parent == temp_root
    assert (kept / "exports" / "case-DEMO-001.html").is_file()
    assert RecordStore(kept / "records").open_session("demo-001") is not None  # what was done is there
    assert fingerprint(real_records) == before


def test_export_dir_flag_still_chooses_where_exports_go(trainer: Trainer, temp_root: Path, tmp_path: Path) -> None:
    exports = tmp_path / "my-exports"
    assert cli.main(["--demo", "--export-dir", str(exports)]) == 0
    assert (exports / "case-DEMO-001.html").is_file()
    assert list(temp_root.iterdir()) == []


def test_a_crash_still_removes_the_demo_and_never_touches_real_records(
        monkeypatch: pytest.MonkeyPatch, temp_root: Path, real_records: Path) -> None:
    crashing = Trainer(monkeypatch, crash=True)
    before = fingerprint(real_records)
    with pytest.raises(RuntimeError, match="crashed"):
        cli.main(["--demo"])
    assert crashing.app is not None
    assert fingerprint(real_records) == before
    assert list(temp_root.iterdir()) == []


def test_demo_reads_the_saved_theme_but_never_writes_preferences(
        trainer: Trainer, temp_root: Path, isolated_config_dir: Path) -> None:
    settings = isolated_config_dir / "settings.json"
    settings.write_text('{"theme": "nord"}', encoding="utf-8")
    before = fingerprint(isolated_config_dir)
    assert cli.main(["--demo"]) == 0
    assert trainer.app is not None
    assert trainer.app.theme == "nord"
    assert trainer.app.settings is not None and not trainer.app.settings.writable
    assert fingerprint(isolated_config_dir) == before


def test_keep_demo_alone_is_a_usage_error() -> None:
    result = run_cli("--keep-demo")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--demo" in result.stderr


def test_demo_with_a_shell_command_is_a_usage_error() -> None:
    result = run_cli("--demo", "export", "DEMO-001")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
