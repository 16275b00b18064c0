"""Nothing the app does opens a socket: a whole session, then every export format.

Records of criminal offences stay on the laptop. Every way this process could reach a
network is replaced by one that refuses and remembers the attempt: creating any socket
(except wrapping a descriptor that already exists), connecting one made earlier, name
lookups, and the ``create_connection``/``create_server``/``socketpair`` helpers. The guard
is checked first against things that do try (urllib, asyncio). It goes on inside each test,
once the test's event loop (whose wake-up pipe is a local socket pair) is running.
This guard sees Python in this process only; tests/e2e/test_no_network_trace.py checks the
real app and its VLC process (libvlc's C code included) from the operating system, with strace.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select, TextArea

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.dialogs.end_session import EndSessionDialog
from srt_tui.export import FORMATS, export_case
from srt_tui.records.audit import read_events
from srt_tui.records.model import Outcome
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_overview import CaseOverviewScreen
from tests.screens.helpers import create_case, open_session, pick, settle


class NetworkGuard:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        real = socket.socket
        guard = self

        class GuardedSocket(real):  # type: ignore[misc, valid-type]
            def __init__(self, family: Any = -1, type: Any = -1, proto: Any = -1, fileno: Any = None) -> None:
                if fileno is None:
                    guard.refuse(f"socket({family}, {type})")
                super().__init__(family, type, proto, fileno)

        def refusing(name: str):
            def refused(*args: object, **kwargs: object) -> None:
                guard.refuse(f"{name}{args}")
            return refused

        monkeypatch.setattr(socket, "socket", GuardedSocket)
        for name in ("create_connection", "create_server", "socketpair", "getaddrinfo", "gethostbyname",
                     "gethostbyname_ex", "gethostbyaddr"):
            monkeypatch.setattr(socket, name, refusing(name))
        for method in ("connect", "connect_ex", "sendto", "bind"):
            monkeypatch.setattr(real, method, refusing(f"socket.{method}"))

    def refuse(self, what: str) -> None:
        self.attempts.append(what)
        raise OSError(errno.EPERM, f"no network in this test: {what}")


async def test_the_guard_catches_what_does_try(monkeypatch: pytest.MonkeyPatch) -> None:
    guard = NetworkGuard(monkeypatch)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", 9)
    with pytest.raises(OSError):
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    assert len(guard.attempts) == 3


async def test_a_whole_session_and_every_export_open_no_socket(
    tmp_path: Path, pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    guard = NetworkGuard(monkeypatch)
    data, exports = tmp_path / "data", tmp_path / "exports"
    app = SrtApp(RecordStore(data), pack, export_dir=exports)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        case = await create_case(pilot, "NET-1", "A.B.")
        await pilot.app.pop_screen()
        await settle(pilot)
        screen = await open_session(pilot, case.id)
        panel = await pick(pilot, "F01")
        await pilot.press("f5", *"Being listened to")
        panel.query_one("#outcome", Select).value = Outcome.COMPLETED
        await pilot.press("f3")
        screen.query_one("#task_set", TextArea).focus()
        await pilot.press(*"Notice one calm moment")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, EndSessionDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # the first format in the dialog
        await settle(pilot)
    [session] = app.store.sessions(case.id)
    assert session.ended and session.task_set == "Notice one calm moment"
    written = [export_case(app.store, pack, "NET-1", fmt, exports) for fmt in FORMATS]
    assert all(path.stat().st_size > 0 for path in written)
    assert len(list(exports.iterdir())) == len(FORMATS) + 1  # and the one from the screen
    assert {"case_created", "session_started", "session_ended"} <= {e["event"] for e in read_events(data).events}
    assert guard.attempts == []
