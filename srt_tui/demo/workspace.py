"""A throwaway folder holding the demo caseload, and the demo mode the app runs in.

``DemoWorkspace.create`` makes a fresh temporary folder (``tempfile.mkdtemp``), marks it as
ours and writes the caseload through the real :class:`RecordStore`. The app is then given
only this folder: the user's records folder (``--data-dir``, ``SRT_TUI_DATA_DIR``, the
platform default) is never looked up, so nothing done in the demo can reach it.

``remove`` deletes the folder, and only a folder this module made (the name prefix and
the marker file must both be there), so a bug can never turn it on real records.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from srt_tui.atomic import atomic_write_text
from srt_tui.content.model import ContentPack
from srt_tui.demo.caseload import DEMO_SEED, demo_caseload
from srt_tui.records.store import RecordStore

PREFIX = "srt-tui-demo-"
MARKER = ".srt-tui-demo"


@dataclass(frozen=True)
class DemoWorkspace:
    root: Path

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @classmethod
    def create(cls, pack: ContentPack, *, today: date | None = None, seed: int = DEMO_SEED,
               parent: Path | None = None) -> DemoWorkspace:
        """A new folder filled with the demo caseload. On any failure nothing is left behind.

        Raises ``OSError`` or ``RecordError`` if the folder cannot be made or filled.
        """
        workspace = cls(Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent)))
        try:
            atomic_write_text(workspace.root / MARKER, "srt-tui demo records: deleted when the demo ends\n")
            store = RecordStore(workspace.records_dir)
            try:
                for demo in demo_caseload(pack, today or date.today(), seed):
                    store.import_case(demo.case, demo.sessions)
            finally:
                store.close()  # the folder's writer lock: the app takes it again when it writes
        except BaseException:
            workspace.remove()
            raise
        return workspace

    def remove(self) -> None:
        """Delete the folder and everything in it. Raises ``OSError`` if that fails, or if
        the folder is not one this module made. Close the stores on it first (Windows does
        not delete a file that is still open)."""
        if not self.root.exists():
            return
        ours = self.root.name.startswith(PREFIX) and (
            (self.root / MARKER).is_file() or not any(self.root.iterdir())
        )
        if not ours:
            raise OSError(f"{self.root} is not a demo folder, so it was not deleted")
        shutil.rmtree(self.root)


@dataclass(frozen=True)
class DemoMode:
    """What the app needs to know to say, on every screen, that this is a demo."""

    workspace: DemoWorkspace
    keep: bool = False  # --keep-demo: leave the folder in place on exit

    @property
    def banner(self) -> str:
        return "fictional records, kept after exit" if self.keep else "fictional records, deleted on exit"

    @property
    def explanation(self) -> str:
        ending = ("They are kept when you quit: the folder is printed then." if self.keep
                  else "They are all deleted when you quit.")
        return (f"Demo mode: every case here is fictional, in a temporary folder, apart from your real "
                f"records. Try anything. {ending}")


__all__ = ["DemoMode", "DemoWorkspace", "MARKER", "PREFIX"]
