"""The app's side of VLC playback: a :class:`~srt_tui.player.api.Player` that drives
libvlc in a child process (see :mod:`srt_tui.player.vlc_child` for why).

Nothing here waits on the child. Commands go into a queue that a sender thread writes to
the child's standard input; a reader thread takes the child's reports and keeps the
latest. :meth:`VlcPlayer.status` combines that report with the commands the child has
not confirmed yet (so a second press of ``c`` toggles back, and a seek shows at once) and
with a :class:`PositionClock` (so the position bar moves smoothly between reports).

The child is a plain ``subprocess`` running ``python -m srt_tui.player.vlc_child``, not
a ``multiprocessing`` process: its standard error is the log file from its first
instruction (on Windows too, where libvlc's C runtime writes to the process's standard
handles), it has no console or controlling terminal, and nothing about it depends on
the app's own ``sys.stderr``, which Textual replaces while it runs (multiprocessing's
``spawn`` on Linux fails there: it hands that stream's descriptor, -1, to a helper).
"""

from __future__ import annotations

import json
import os
import queue
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from srt_tui.content.model import Clip
from srt_tui.player.api import PlayerFactory, PlayerState, PlayerStatus
from srt_tui.player.clock import PositionClock

STOP_WAIT = 3.0  # seconds a closing child gets to quit before it is killed
LOST = "The player stopped unexpectedly; press F4 to start it again."
LOG_LIMIT = 1_000_000  # bytes
LOG_FILE = Path("logs") / "vlc.log"  # in the records folder


def split_player_args(text: str, windows: bool = os.name == "nt") -> list[str]:
    """Split ``--player-args`` like a shell would. On Windows backslashes are path
    separators, not escapes, so only quotes group words there. Raises ValueError."""
    if not windows:
        return shlex.split(text)
    lexer = shlex.shlex(text, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.escape = ""  # keep C:\Users\... intact
    return list(lexer)


def vlc_player_factory(data_dir: Path, vlc_args: Sequence[str] = ()) -> PlayerFactory:
    """Players that log VLC's messages to ``<data_dir>/logs/vlc.log``, with ``vlc_args``."""
    return partial(VlcPlayer, data_dir / LOG_FILE, tuple(vlc_args))


class _Child:
    """One running player process and the two threads that talk to it."""

    def __init__(self, player: VlcPlayer, log_file: Path, vlc_args: list[str]) -> None:
        self.outbox: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        self.alive = True
        self._player = player
        self._log_file = log_file
        self._vlc_args = vlc_args
        threading.Thread(target=self._run, name="srt-tui-player-send", daemon=True).start()

    def _run(self) -> None:
        try:
            process = self._spawn()
        except OSError as error:
            self.alive = False
            self._player._lost(f"The player could not be started: {error.strerror or error}.")
            return
        threading.Thread(target=self._receive, args=(process.stdout,), name="srt-tui-player-receive",
                         daemon=True).start()
        while (command := self.outbox.get()) is not None:
            try:
                process.stdin.write(json.dumps(command).encode("utf-8") + b"\n")
                process.stdin.flush()
            except (OSError, ValueError):
                break  # the child has gone; the receiver says so
        self._finish(process)

    def _spawn(self) -> subprocess.Popen[bytes]:
        log = _open_log(self._log_file)
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                          os.environ.get("PYTHONPATH")]))}
        detach: dict[str, Any] = (
            {"creationflags": subprocess.CREATE_NO_WINDOW} if sys.platform == "win32"  # type: ignore[attr-defined]
            else {"start_new_session": True}  # no controlling terminal, no ctrl+c
        )
        try:
            return subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
                [sys.executable, "-m", "srt_tui.player.vlc_child", *self._vlc_args],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, **detach,
            )
        finally:
            log.close()

    def _receive(self, reports: Any) -> None:
        for line in reports:
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not ours: something wrote to the pipe before it was moved aside
            if isinstance(message, dict):
                self._player._received(message)
        if self.alive:
            self.alive = False
            self._player._lost(LOST)
        self.outbox.put(None)

    @staticmethod
    def _finish(process: subprocess.Popen[bytes]) -> None:
        """Closing its input tells the child to quit; make sure it does."""
        try:
            process.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            process.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_WAIT)

    def close(self) -> None:
        self.alive = False
        self.outbox.put(None)


def _open_log(log_file: Path) -> BinaryIO:
    """The log, appended to; a log over :data:`LOG_LIMIT` bytes is first moved to ``.1``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        if log_file.stat().st_size > LOG_LIMIT:
            os.replace(log_file, log_file.with_name(log_file.name + ".1"))
    except OSError:
        pass
    return open(log_file, "ab")  # noqa: SIM115 - handed to the child, closed right after


class VlcPlayer:
    """Plays clips with libvlc in a child process; its messages go to ``log_file``."""

    def __init__(self, log_file: Path, vlc_args: Sequence[str] = ()) -> None:
        self._log_file = log_file
        self._vlc_args = list(vlc_args)
        self._child: _Child | None = None
        self._lock = threading.Lock()
        self._seq = 0
        self._reported = PlayerStatus()
        self._ack = 0
        self._pending: dict[str, tuple[int, Any]] = {}  # field -> (seq, value) not yet confirmed
        self._timeline = 0  # seq of the last command that moved the position
        self._clock = PositionClock()

    # -- the Player protocol ------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._reported.state is PlayerState.UNAVAILABLE:
                return  # VLC is missing: starting again would only fail again
            if self._child is None or not self._child.alive:
                self._reported = replace(self._reported, state=PlayerState.STARTING, message="")
                self._pending.clear()
                self._ack = self._seq  # whatever the last child did not confirm is gone with it
                self._child = _Child(self, self._log_file, self._vlc_args)

    def load(self, clip: Clip, start: float = 0.0) -> None:
        self.start()
        subtitles = str(clip.subtitles) if clip.subtitles is not None else None
        self._send(("load", str(clip.file), subtitles, start, clip.duration), timeline=start,
                   state=PlayerState.LOADING, clip=str(clip.file), duration=clip.duration,
                   played=0.0, furthest=start, message="", load=None)

    def play(self) -> None:
        status = self.status()
        if status.state is PlayerState.PAUSED:
            self._send(("play",), state=PlayerState.PLAYING)
        elif status.state in (PlayerState.STOPPED, PlayerState.ENDED, PlayerState.ERROR):
            self._send(("play",), timeline=0.0, state=PlayerState.LOADING)

    def pause(self) -> None:
        if self.status().state in (PlayerState.PLAYING, PlayerState.LOADING):
            self._send(("pause",), timeline=self.status().position, state=PlayerState.PAUSED)

    def stop(self) -> None:
        if self.status().state.active:
            self._send(("stop",), timeline=0.0, state=PlayerState.STOPPED)

    def seek(self, seconds: float) -> None:
        status = self.status()
        if status.clip is None or status.state in (PlayerState.ERROR, PlayerState.UNAVAILABLE):
            return
        target = min(max(0.0, seconds), status.duration) if status.duration > 0 else max(0.0, seconds)
        moving = {} if status.state.active else {"state": PlayerState.LOADING}
        self._send(("seek", target), timeline=target, **moving)

    def set_volume(self, percent: int) -> None:
        volume = min(max(0, int(percent)), 100)
        self._send(("setting", "volume", volume), volume=volume)

    def set_muted(self, muted: bool) -> None:
        self._send(("setting", "muted", muted), muted=muted)

    def set_captions(self, on: bool) -> None:
        self._send(("setting", "captions", on), captions=on)

    def set_fullscreen(self, on: bool) -> None:
        self._send(("setting", "fullscreen", on), fullscreen=on)

    def status(self) -> PlayerStatus:
        now = time.monotonic()
        with self._lock:
            overrides = {name: value for name, (_seq, value) in self._pending.items()}
            status = replace(self._reported, **overrides)
            self._clock.set_duration(status.duration)
            position = status.duration if status.state is PlayerState.ENDED else self._clock.position(now)
        return replace(status, position=position)

    def settled(self) -> bool:
        """Whether the child has confirmed every command sent (for tests and benchmarks)."""
        with self._lock:
            return self._ack >= self._seq

    def close(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.close()

    # -- between the threads --------------------------------------------------------------

    def _send(self, command: tuple[Any, ...], timeline: float | None = None, **expected: Any) -> None:
        """Queue ``command`` and show what it will do until the child confirms it."""
        with self._lock:
            child = self._child
            if child is None or not child.alive or self._reported.state is PlayerState.UNAVAILABLE:
                return  # nothing will carry it out (a child without VLC may not have ended yet)
            self._seq += 1
            seq = self._seq
            for name, value in expected.items():
                self._pending[name] = (seq, seq if name == "load" else value)  # a load's id is its seq
            if timeline is not None:
                self._timeline = seq
                self._clock.jump(timeline)
            child.outbox.put((seq, *command))

    def _received(self, message: dict[str, Any]) -> None:
        now = time.monotonic()
        with self._lock:
            if message.get("kind") == "unavailable":
                self._pending.clear()
                self._ack = self._seq  # nothing more will be confirmed
                self._reported = replace(self._reported, state=PlayerState.UNAVAILABLE, message=message["message"])
                return
            if message.get("kind") != "status":
                return
            ack = self._ack = max(self._ack, message["ack"])  # a new child starts again from 0
            self._pending = {name: (seq, value) for name, (seq, value) in self._pending.items() if seq > ack}
            state = PlayerState(message["state"])
            self._reported = PlayerStatus(
                state=state, clip=message["clip"], load=message["load"], position=message["position"],
                duration=message["duration"], played=message["played"], furthest=message["furthest"],
                volume=message["volume"], muted=message["muted"], captions=message["captions"],
                fullscreen=message["fullscreen"], message=message["message"],
            )
            if ack >= self._timeline:
                self._clock.report(message["position"], state is PlayerState.PLAYING, now)

    def _lost(self, message: str) -> None:
        with self._lock:
            self._pending.clear()
            self._ack = self._seq
            if self._reported.state is not PlayerState.UNAVAILABLE:
                self._reported = replace(self._reported, state=PlayerState.ERROR, message=message)
