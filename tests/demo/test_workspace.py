"""The throwaway demo folder: filled through the real store, removed completely, and never
anything but a folder the demo made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.demo import DemoWorkspace
from srt_tui.demo import workspace as workspace_module
from srt_tui.records.store import RecordStore
from tests.demo.conftest import DEMO_TODAY


def test_create_fills_a_new_temporary_folder(pack: ContentPack, tmp_path: Path) -> None:
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    assert workspace.root.parent == tmp_path
    assert workspace.root.name.startswith("srt-tui-demo-")
    cases = RecordStore(workspace.records_dir).list_cases()
    assert len(cases) == 12
    assert workspace.exports_dir.parent == workspace.root
    again = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    assert again.root != workspace.root  # two demos at once never share a folder


def test_remove_deletes_everything_the_demo_wrote(pack: ContentPack, tmp_path: Path) -> None:
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    store = RecordStore(workspace.records_dir)
    store.start_session("demo-001")
    workspace.exports_dir.mkdir()
    (workspace.exports_dir / "case-DEMO-001.html").write_text("<p>export</p>", encoding="utf-8")
    store.close()
    workspace.remove()
    assert not workspace.root.exists()
    assert list(tmp_path.iterdir()) == []
    workspace.remove()  # already gone: nothing to do, no error


def test_remove_refuses_a_folder_the_demo_did_not_make(tmp_path: Path) -> None:
    records = tmp_path / "srt-tui-demo-lookalike"
    records.mkdir()
    (records / "index.json").write_text("{}", encoding="utf-8")
    with pytest.raises(OSError, match="not a demo folder"):
        DemoWorkspace(records).remove()
    assert (records / "index.json").exists()
    real = tmp_path / "records"
    real.mkdir()
    (real / ".srt-tui-demo").write_text("", encoding="utf-8")  # the marker alone is not enough
    with pytest.raises(OSError):
        DemoWorkspace(real).remove()
    assert real.exists()


def test_a_failure_while_filling_leaves_nothing_behind(pack: ContentPack, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise OSError("disk full")

    monkeypatch.setattr(workspace_module, "demo_caseload", broken)
    with pytest.raises(OSError, match="disk full"):
        DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_demo_and_settings_are_plain_python_without_textual() -> None:
    code = ("import sys, srt_tui.demo, srt_tui.demo.signals, srt_tui.settings; "
            "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
