"""No socket to any network, seen by the operating system: a whole session in a real
terminal under ``strace -f``, the VLC child process and everything libvlc does included.

tests/durability/test_no_network.py guards Python's socket module inside the app; it cannot
see the player's child process nor C code such as libvlc. Here strace follows every process
and thread of the real app (``python -m srt_tui`` in tmux) through a session: create a case,
start a session, pick an exercise, answer the worksheet, play its clip with F4 to the end
(libvlc with dummy outputs, as in test_playback.py), write session notes, end the session,
export the case as HTML and PDF, save the caseload report as HTML and CSV, quit.
:mod:`tests.e2e.syscall_trace` then reads the trace; what counts as the network, and why
the local sockets that do appear are allowed, is in its docstring. In short, the app shows
only ``AF_UNIX`` sockets: asyncio's wake-up socket pair, and glibc asking nscd for the
user's name (no nscd runs in CI, so that connect fails); the VLC process (with dummy
outputs) makes no socket call at all. No ``AF_INET``, ``AF_INET6``, ``AF_PACKET`` or
netlink socket and no name lookup in either process.

The check is shown to be live first, with the same strace options and the same reader: a
grandchild that opens an ``AF_INET`` socket, an IPv6 send, a name lookup and a netlink
socket are each caught, and local sockets are not. ``./dev.sh test`` installs strace; if it
is missing, or cannot trace here, the tests fail and say so.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from srt_tui.content.loader import load_pack
from srt_tui.paths import demo_pack_dir
from tests.e2e.syscall_trace import executions, network_use, opened, process_of, traced
from tests.e2e.tmux import TmuxApp, create_case, wait_for_file_text

LIMIT = 60.0  # seconds for any one step: strace slows the app down
ANSWER = "Ask what she needs first"
NOTES = "Talked about the weekend"


def trace_python(tmp_path: Path, code: str) -> tuple[str, dict[int, str]]:
    """Run ``code`` in a Python under strace; return the trace and the programs started."""
    trace_file = tmp_path / "trace"
    result = subprocess.run(traced(trace_file, [sys.executable, "-c", code]), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"strace could not run Python here:\n{result.stderr}"
    trace = trace_file.read_text(encoding="utf-8")
    return trace, executions(trace)


# -- the check is live ----------------------------------------------------------------------


def test_an_internet_socket_in_a_grandchild_is_caught(tmp_path: Path) -> None:
    grandchild = ("import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
                  "s.sendto(b'x', ('127.0.0.1', 9))")  # loopback, a port nothing listens on
    trace, started = trace_python(tmp_path, f"import subprocess, sys; subprocess.run([sys.executable, '-c', "
                                            f"{grandchild!r}], check=True)")
    [top, child] = sorted(started, key=lambda pid: "subprocess" not in started[pid])
    found = network_use(trace)
    assert any(line.startswith(f"{child}: socket of family AF_INET:") for line in found), found
    assert any(line.startswith(f"{child}: address of family AF_INET:") for line in found), found
    assert not any(line.startswith(f"{top}:") for line in found)


@pytest.mark.parametrize(("code", "sign"), [
    ("import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b'x', ('::1', 9))",
     "socket of family AF_INET6"),
    ("import socket; socket.getaddrinfo('localhost', 9)", "name lookup"),
    ("import socket; socket.socket(socket.AF_NETLINK, socket.SOCK_RAW)", "socket of family AF_NETLINK"),
], ids=["ipv6", "name-lookup", "netlink"])
def test_each_sign_of_the_network_is_caught(tmp_path: Path, code: str, sign: str) -> None:
    trace, _started = trace_python(tmp_path, code)
    assert any(sign in line for line in network_use(trace)), trace[-3000:]


def test_local_sockets_and_user_lookups_are_not_flagged(tmp_path: Path) -> None:
    path = str(tmp_path / "sock")
    code = ("import os, pwd, socket; socket.socketpair(); server = socket.socket(socket.AF_UNIX); "
            f"server.bind({path!r}); server.listen(); socket.socket(socket.AF_UNIX).connect({path!r}); "
            "pwd.getpwuid(os.getuid())")
    trace, _started = trace_python(tmp_path, code)
    assert "socketpair(AF_UNIX" in trace and f'sun_path="{path}"' in trace and "/etc/passwd" in trace
    assert network_use(trace) == []  # all of it traced, none of it flagged


NSCD = "/var/run/nscd/socket"
NSCD_CONNECT = f'200 connect(7<UNIX-STREAM:[86066]>, {{sa_family=AF_UNIX, sun_path="{NSCD}"}}, 110) = 0'
NSCD_FD = "7<UNIX-STREAM:[86066->86067]>"


def test_nscd_may_say_who_the_user_is_but_not_where_a_host_is() -> None:
    # An nscd request starts with two ints: version 2, then the type. glibc first asks to map
    # nscd's cache: GETFDPW (11, \v as strace writes it) for users, GETFDHST (13) for hosts;
    # GETAI (14, \16) is getaddrinfo.
    users = (f'{NSCD_CONNECT}\n200 writev({NSCD_FD}, [{{iov_base="\\2\\0\\0\\0\\v\\0\\0\\0\\7\\0\\0\\0", '
             'iov_len=12}, {iov_base="passwd\\0", iov_len=7}], 2) = 19')
    hosts = (f'{NSCD_CONNECT}\n200 sendto({NSCD_FD}, "\\2\\0\\0\\0\\16\\0\\0\\0\\f\\0\\0\\0example.org\\0", '
             '24, MSG_NOSIGNAL, NULL, 0) = 24')
    assert network_use(users) == []
    [found] = network_use(hosts)
    assert found.startswith("200: a host name lookup through nscd")


def test_systemd_resolved_and_io_uring_are_caught() -> None:
    resolved = ('300 connect(5<UNIX-STREAM:[1234]>, {sa_family=AF_UNIX, '
                'sun_path="/run/systemd/resolve/io.systemd.Resolve"}, 42) = 0')
    ring = "300 io_uring_setup(8, {flags=0, sq_thread_cpu=0, sq_thread_idle=0}) = 3"
    found = network_use(f"{resolved}\n{ring}")
    assert [line.split(": ")[1] for line in found] == [
        "a name lookup (connect to /run/systemd/resolve/io.systemd.Resolve)", "io_uring, which can open sockets unseen"]


# -- a whole session --------------------------------------------------------------------------


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[TmuxApp, Path]]:
    trace_file = tmp_path / "trace"
    command = traced(trace_file, [sys.executable, "-m", "srt_tui", "--data-dir", str(tmp_path / "records"),
                                  "--export-dir", str(tmp_path / "exports"),
                                  "--player-args", "--vout=dummy --aout=dummy"])
    terminal = TmuxApp(command, env={"HOME": str(tmp_path)})
    yield terminal, trace_file
    terminal.close()


def styled_screen(app: TmuxApp) -> str:
    """The screen with its colours and styles as escape sequences."""
    return app.tmux("capture-pane", "-p", "-e", "-t", app.name)


def wait_for_focused_button(app: TmuxApp, label: str) -> None:
    """Wait until the button ``label`` has focus (Textual draws it bold and reversed), so
    that Enter or Tab goes to it and is not dropped by a dialog still taking focus."""
    focused = re.compile(r"\x1b\[1;7m(?:\x1b\[[0-9;]*m)* *" + re.escape(label))
    deadline = time.monotonic() + LIMIT
    while not focused.search(screen := styled_screen(app)):
        assert time.monotonic() < deadline, f"the button {label!r} never had focus:\n{screen}"
        time.sleep(0.2)


def wait_for_file(app: TmuxApp, folder: Path, pattern: str) -> Path:
    deadline = time.monotonic() + LIMIT
    while not (found := sorted(folder.glob(pattern))):
        assert time.monotonic() < deadline, f"no {pattern} appeared in {folder}:\n{app.screen()}"
        time.sleep(0.2)
    return found[0]


def test_a_whole_session_with_the_clip_and_exports_opens_no_network_socket(
    session: tuple[TmuxApp, Path], tmp_path: Path
) -> None:
    app, trace_file = session
    records, exports = tmp_path / "records", tmp_path / "exports"
    question = load_pack(demo_pack_dir()).exercise("R06").questions[0].text
    app.wait_for("No cases yet", LIMIT)  # else the screen shows what strace said
    create_case(app, "NET-001", "N.T.", LIMIT)

    app.keys("s")
    app.wait_for("Session time", LIMIT)
    app.keys("End", "Enter")  # R06: a 9 s clip with subtitles and three chapters
    app.wait_for("Key points", LIMIT)  # its panel is in (the footer says "Worksheet" from the start)
    app.focus_with("F5", question[:40], below=1, limit=LIMIT)  # the first answer box
    app.type(ANSWER)
    wait_for_file_text(records, ANSWER, LIMIT)
    app.keys("F4")
    app.wait_for("Playing", LIMIT)
    app.wait_for("Clip finished", LIMIT)
    app.keys("F3")
    app.wait_for("Last task reviewed", LIMIT)
    app.focus_with("Tab", "Session notes", below=1, limit=LIMIT)  # from the last task reviewed
    app.type(NOTES)
    wait_for_file_text(records, NOTES, LIMIT)
    app.keys("F8")
    app.wait_for("End this session?", LIMIT)
    wait_for_focused_button(app, "End session")
    app.keys("Enter")
    app.wait_for("Session ended and saved", LIMIT)

    app.keys("x")
    wait_for_focused_button(app, "HTML")
    app.keys("Enter")
    html = wait_for_file(app, exports, "case-NET-001*.html")
    app.keys("x")
    wait_for_focused_button(app, "HTML")
    app.keys("Tab")
    wait_for_focused_button(app, "PDF")
    app.keys("Enter")
    pdf = wait_for_file(app, exports, "case-NET-001*.pdf")
    app.keys("Escape")
    app.wait_for("Filter by case reference", LIMIT)
    app.keys("C-r")
    app.wait_for("F6 saves HTML", LIMIT)
    app.keys("F6")
    report = wait_for_file(app, exports, "caseload-*.html")
    app.keys("F7")
    report_csv = wait_for_file(app, exports, "caseload-*.csv")
    app.keys("C-q")
    deadline = time.monotonic() + LIMIT
    while not app.dead():  # strace ends when the app and its player have both ended
        assert time.monotonic() < deadline, f"the app did not quit:\n{app.screen()}"
        time.sleep(0.2)

    trace = trace_file.read_text(encoding="utf-8")
    found = network_use(trace)
    assert found == [], "the session reached for the network:\n" + "\n".join(found[:20])

    # Both processes were traced, and did their work under the trace.
    started = executions(trace)
    [app_pid] = [pid for pid, argv in started.items() if '"-m", "srt_tui",' in argv]
    [child_pid] = [pid for pid, argv in started.items() if '"-m", "srt_tui.player.vlc_child"' in argv]
    assert child_pid in process_of(trace, app_pid)
    child_files = opened(trace, process_of(trace, child_pid))
    assert any("libvlc.so" in path for path in child_files)
    assert any(path.endswith("clips/R06.mp4") for path in child_files)
    assert any(path.endswith("clips/R06.srt") for path in child_files)
    scripts = [path for path in child_files if "vlc/lua/" in path or path.endswith((".lua", ".luac"))]
    assert scripts == []  # --no-lua: not one of VLC's Lua scripts (art fetchers...) was even looked for
    app_files = opened(trace, process_of(trace, app_pid) - process_of(trace, child_pid))
    for written in (html, pdf, report, report_csv):  # the file, or the temporary it was written through
        assert any(path.startswith(str(exports)) and written.name in path for path in app_files), written
