"""Demo mode: a fictional caseload in a throwaway folder, for trainers and first-time users.

Plain Python (no Textual): the app only receives a :class:`DemoMode` to show the banner.
"""

from srt_tui.demo.caseload import DEMO_SEED, DemoCase, demo_caseload
from srt_tui.demo.workspace import DemoMode, DemoWorkspace

__all__ = ["DEMO_SEED", "DemoCase", "DemoMode", "DemoWorkspace", "demo_caseload"]
