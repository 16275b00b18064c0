"""Run a command under ``strace -f`` and read the trace for any sign of the network.

The operating system sees every socket, whatever opened it: Python, libvlc's C code, the
libraries under it, a child process or a thread. :func:`network_use` reads a trace made
by :func:`traced` and lists each line that counts as reaching for a network:

* a socket (``socket``/``socketpair``) of any family but ``AF_UNIX``: ``AF_INET``,
  ``AF_INET6``, ``AF_PACKET``, ``AF_BLUETOOTH``... and ``AF_NETLINK`` too. Netlink talks
  only to the kernel, but glibc's name lookup opens a ``NETLINK_ROUTE`` socket to list the
  interfaces, and nothing in a session needs one, so one showing up is worth a look;
* any address of a family other than ``AF_UNIX`` (a ``connect``, ``bind``, ``sendto`` or
  ``sendmsg`` to it), and any use of a descriptor strace names as a network socket
  (``TCP``, ``UDP``, ``RAW``, ``PACKET``, ``NETLINK``...), inherited ones included;
* a name lookup: opening ``/etc/hosts``, ``/etc/resolv.conf``, ``/etc/host.conf`` or
  ``/etc/gai.conf`` (what glibc reads to resolve a host name; a DNS query then needs an
  ``AF_INET`` socket, which is caught as well), connecting to systemd-resolved's or
  Avahi's socket, or asking nscd for a host (nscd answers user and group lookups too,
  which are allowed: see below);
* ``io_uring_setup``: io_uring can open sockets without the ``socket`` system call.

What is allowed, and why: ``AF_UNIX`` sockets stay on the machine. In a session the app
shows two kinds: asyncio's wake-up pair (a ``socketpair``) and glibc asking nscd who the
user is (``getpass.getuser`` for the audit log; no nscd runs in CI, so that connect
fails). The VLC process, with dummy outputs, makes no socket call at all. With real
outputs it would also use ``AF_UNIX`` for PulseAudio, X11 and D-Bus (screen saver); those
are the desktop's own local services, named by the environment, not by srt-tui. User and
group lookups through nscd, systemd-userdb or sssd are local too.
"""

from __future__ import annotations

import codecs
import re
import shutil
import struct
from collections.abc import Iterable
from pathlib import Path

# What to trace: every socket call, file opens (for name lookups and to see what each
# process did), process starts, threads and children (to tell processes apart).
SYSCALLS = "%network,execve,open,openat,openat2,writev,io_uring_setup,clone,clone3,fork,vfork"
NAME_FILES = ("/etc/hosts", "/etc/resolv.conf", "/etc/host.conf", "/etc/gai.conf")
# systemd-resolved's sockets and the resolv.conf files it writes; Avahi's socket (nss-mdns).
NAME_SERVICE_PATHS = ("/run/systemd/resolve/", "/var/run/systemd/resolve/", "/run/avahi-daemon/",
                      "/var/run/avahi-daemon/")
NSCD_SOCKETS = ("/run/nscd/socket", "/var/run/nscd/socket")
# nscd request types about hosts (glibc nscd/nscd-client.h): GETHOSTBYNAME(v6),
# GETHOSTBYADDR(v6), GETFDHST (map the hosts cache), GETAI (getaddrinfo).
NSCD_HOST_REQUESTS = {4, 5, 6, 7, 13, 14}

TEXT = r'(?:[^"\\]|\\.)*'  # the inside of a string as strace writes it (C escapes)
LINE = re.compile(r"^(?P<pid>\d+)\s+(?P<call>.*)$")
NETWORK_SOCKET = re.compile(r"^socket(?:pair)?\((?!AF_UNIX\b|AF_LOCAL\b)(?P<family>\w+)")
NETWORK_ADDRESS = re.compile(r"sa_family=(?!AF_UNIX\b|AF_LOCAL\b)(?P<family>\w+)")
NETWORK_FD = re.compile(r"\d+<(?P<kind>(?:TCP|UDP|UDPLITE|RAW|PACKET|NETLINK|SCTP|MPTCP|DCCP|L2TP)(?:v6)?):\[")
OPENED = re.compile(rf'^open(?:at2?)?\((?:[^,]*, )?"(?P<path>{TEXT})"')
UNIX_FD = rf'\d+<UNIX[-A-Z]*:\[(?P<inode>\d+)(?:[^\]"]|"{TEXT}")*\]>'  # -yy: 7<UNIX-STREAM:[123->456]>
UNIX_CONNECT = re.compile(rf'^connect\({UNIX_FD}, \{{sa_family=AF_UNIX, sun_path=@?"(?P<path>{TEXT})"')
SENT = re.compile(rf'^(?:sendto|sendmsg|writev)\({UNIX_FD}, [^"]*"(?P<data>{TEXT})"')
EXECVE = re.compile(rf'^execve\("(?P<path>{TEXT})", \[(?P<argv>(?:"{TEXT}"(?:, )?)*)')
SPAWNED = re.compile(r"^(?:<\.\.\. )?(?:clone3?|fork|vfork)\b.*= (?P<child>\d+)$")


def traced(trace_file: Path, command: list[str]) -> list[str]:
    """``command`` run under strace, writing the trace to ``trace_file``.

    ``-I1``: strace given ``-o FILE`` blocks SIGHUP and SIGTERM by default, so closing the
    terminal would leave it, and the app it runs, going on their own; with ``-I1`` they end.
    """
    if shutil.which("strace") is None:
        raise AssertionError("strace is not installed: ./dev.sh test installs it (apt-get install strace)")
    return ["strace", "-f", "-q", "-I1", "--seccomp-bpf", "-yy", "-s", "512", "-e", f"trace={SYSCALLS}",
            "-e", "signal=none", "-o", str(trace_file), *command]


def calls(trace: str) -> Iterable[tuple[int, str]]:
    """(pid, call) for each line of a trace; the pid is the thread's id."""
    for line in trace.splitlines():
        if found := LINE.match(line):
            yield int(found["pid"]), found["call"]


def network_use(trace: str) -> list[str]:
    """One line per sign of the network in ``trace`` (see the module docstring)."""
    found: list[str] = []
    nscd: set[str] = set()  # socket inodes connected to nscd
    for pid, call in calls(trace):
        if match := NETWORK_SOCKET.match(call):
            found.append(f"{pid}: socket of family {match['family']}: {call}")
        elif match := NETWORK_ADDRESS.search(call):
            found.append(f"{pid}: address of family {match['family']}: {call}")
        elif match := NETWORK_FD.search(call):
            found.append(f"{pid}: {match['kind']} socket in use: {call}")
        elif call.startswith("io_uring_setup("):
            found.append(f"{pid}: io_uring, which can open sockets unseen: {call}")
        elif (match := OPENED.match(call)) and _is_name_file(match["path"]):
            found.append(f"{pid}: a name lookup (read {match['path']}): {call}")
        elif match := UNIX_CONNECT.match(call):
            path = match["path"]
            if path.startswith(NAME_SERVICE_PATHS):
                found.append(f"{pid}: a name lookup (connect to {path}): {call}")
            elif path in NSCD_SOCKETS:
                nscd.add(match["inode"])
        elif (match := SENT.match(call)) and match["inode"] in nscd and _nscd_asks_for_a_host(match["data"]):
            found.append(f"{pid}: a host name lookup through nscd: {call}")
    return found


def _is_name_file(path: str) -> bool:
    return path in NAME_FILES or path.startswith(NAME_SERVICE_PATHS)


def _nscd_asks_for_a_host(data: str) -> bool:
    """Whether the start of an nscd request (version, type: two native ints) is about hosts."""
    raw = codecs.escape_decode(data.encode("ascii", "backslashreplace"))[0]
    if len(raw) < 8:
        return False
    _version, request = struct.unpack("=ii", raw[:8])
    return request in NSCD_HOST_REQUESTS


def executions(trace: str) -> dict[int, str]:
    """pid -> the argument list of each program started (as strace wrote it)."""
    return {pid: match["argv"] for pid, call in calls(trace) if (match := EXECVE.match(call))}


def process_of(trace: str, pid: int) -> set[int]:
    """``pid`` and every thread and process started under it."""
    children: dict[int, list[int]] = {}
    for parent, call in calls(trace):
        if match := SPAWNED.match(call):
            children.setdefault(parent, []).append(int(match["child"]))
    family, todo = set(), [pid]
    while todo:
        current = todo.pop()
        if current not in family:
            family.add(current)
            todo.extend(children.get(current, []))
    return family


def opened(trace: str, pids: set[int]) -> list[str]:
    """The paths that the threads ``pids`` opened (or tried to)."""
    return [match["path"] for pid, call in calls(trace) if pid in pids and (match := OPENED.match(call))]
