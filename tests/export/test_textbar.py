"""The shell's progress bar and Ctrl+C handling for long jobs."""

from __future__ import annotations

import io
import signal

from srt_tui.export.textbar import TextProgress, stop_on_ctrl_c


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_ascii_line_per_item() -> None:
    stream = io.StringIO()
    bar = TextProgress(stream, "exporting")
    bar.update(1, 4, "CRN-1")
    bar.update(4, 4, "Zoë-\x1b[31m" + "y" * 60)
    bar.finish()
    lines = stream.getvalue().split("\n")
    assert lines[0] == "exporting [######------------------] 1/4  CRN-1"
    assert lines[1].startswith("exporting [########################] 4/4  Zo?-y")
    assert lines[1].endswith("...") and len(lines[1].split("  ", 1)[1]) == 40
    assert lines[2] == "" and stream.getvalue().isascii()


def test_a_terminal_gets_one_line_redrawn_in_place() -> None:
    stream = _Terminal()
    bar = TextProgress(stream, "exporting")
    bar.update(1, 2, "A-LONGER-REFERENCE")
    bar.update(2, 2, "B")
    bar.finish()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    first, second = text.rstrip("\n").split("\r")[1:]
    assert len(second) == len(first)  # padded over the longer line before it
    assert "\x1b" not in text


def test_the_first_ctrl_c_asks_to_stop_and_the_second_interrupts() -> None:
    before = signal.getsignal(signal.SIGINT)
    with stop_on_ctrl_c() as stop:
        assert not stop.is_set()
        signal.raise_signal(signal.SIGINT)
        assert stop.is_set()
        assert signal.getsignal(signal.SIGINT) is before  # a second Ctrl+C interrupts as usual
    assert signal.getsignal(signal.SIGINT) is before
