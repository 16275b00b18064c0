"""The libvlc side of the player. It runs as a process of its own
(``python -m srt_tui.player.vlc_child [VLC OPTIONS...]``), started by
:class:`srt_tui.player.vlc_player.VlcPlayer`.

Why a separate process:

* libvlc and the audio and video libraries beneath it (ALSA, PulseAudio, X11) write to
  the process's standard output and error. Textual draws the screen there, so their lines
  would land on top of the interface. This process is started with its standard error
  already pointing at the log file, and points its standard output there too before
  libvlc is loaded.
* A crash inside libvlc takes down this process only; the session and its records stay.
* libvlc is not re-entrant: its event callbacks must not call back into it. Here they only
  put the event in a queue, and one thread makes every libvlc call.

The protocol is JSON, one message a line. Standard input brings commands
``[seq, name, *args]``; closing it means quit. The original standard output carries
reports: ``{"kind": "status", ...}`` after anything changes (``ack`` is the ``seq`` of the
last command handled), or one ``{"kind": "unavailable", "message": ...}`` when VLC cannot
be loaded, after which the process exits.

libvlc 3 quirks designed for: it says Playing at time 0 until a start time takes effect
(the target is reported instead); a stop within ~0.3 s of starting can block for up to
6 s while the subtitle decoder waits for the video output it lost (so quitting skips the
stop and just exits); volume and mute only apply once audio exists (settings are applied
again on every Playing).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from srt_tui.player.api import PlayerState
from srt_tui.player.meter import PlayMeter

POLL = 0.1  # seconds between looks at libvlc while a clip is open
IDLE_WAIT = 1.0  # seconds between looks when nothing is open
BASE_ARGS = ("--no-video-title-show",)  # no file name painted over the clip
# Offline: never fetch art or metadata from the internet. Off by default in libvlc 3 (which
# reads no vlcrc, so a choice made in VLC's own window does not reach it); pinned here.
OFFLINE_ARGS = ("--no-metadata-network-access",)
# No Lua: VLC's Lua scripts are its art and metadata fetchers (MusicBrainz, Last.fm...), its
# web playlist parsers and whatever a user has dropped into VLC's lua folder; a local clip
# with its subtitles needs none of them. The option belongs to the Lua plugin, and libvlc
# refuses an option it does not know, so a libvlc built without that plugin starts without it.
NO_LUA = ("--no-lua",)
EVENTS = ("MediaPlayerPlaying", "MediaPlayerPaused", "MediaPlayerStopped", "MediaPlayerEndReached",
          "MediaPlayerEncounteredError", "MediaPlayerTimeChanged", "MediaPlayerLengthChanged")


class Unavailable(Exception):
    """VLC cannot be used here; the message is one line for the practitioner."""


def install_hint(platform: str = sys.platform) -> str:
    """How to get VLC on this operating system."""
    if platform.startswith("win"):
        return "install VLC for Windows from videolan.org (the official installer), then try again"
    if platform == "darwin":
        return "install VLC for macOS from videolan.org into Applications, then try again"
    return "install it with your package manager (e.g. sudo apt install vlc), then try again"


def main(vlc_args: Sequence[str]) -> None:
    """Serve the parent until it closes our standard input."""
    commands, reports = _protocol_streams()
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the app's to handle
    print(f"--- srt-tui player started {time.strftime('%Y-%m-%d %H:%M:%S')}", flush=True)

    def send(message: dict[str, Any]) -> None:
        reports.write(json.dumps(message) + "\n")
        reports.flush()

    inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
    threading.Thread(target=_read_commands, args=(commands, inbox), daemon=True).start()
    try:
        engine = VlcEngine(load_vlc(), list(vlc_args), inbox.put)
    except Unavailable as error:
        print(f"srt-tui: {error}", file=sys.stderr, flush=True)
        send({"kind": "unavailable", "message": str(error)})
        return
    try:
        engine.serve(inbox, send)
    except (OSError, ValueError):
        pass  # the parent has gone
    # Leave without stopping libvlc: stopped within a moment of starting, libvlc 3 waits up
    # to 6 s for a video output its subtitle decoder has lost. The system frees it all.
    print("--- srt-tui player stopped", flush=True)
    os._exit(0)


def load_vlc() -> Any:
    """Import python-vlc, turning every way it fails into :class:`Unavailable`.

    python-vlc raises OSError or ImportError when libvlc is missing, NotImplementedError
    on an unknown platform, and calls ``sys.exit`` when PYTHON_VLC_LIB_PATH or
    PYTHON_VLC_MODULE_PATH point at something that does not load.
    """
    try:
        import vlc  # noqa: PLC0415 - only this process ever loads libvlc
    except (OSError, ImportError, NotImplementedError, SystemExit, AttributeError) as error:
        print(f"python-vlc could not load libvlc: {error!r}", file=sys.stderr, flush=True)
        raise Unavailable(f"VLC was not found: {install_hint()}.") from None
    return vlc


def _protocol_streams() -> tuple[TextIO, TextIO]:
    """Take the pipes to the parent off file descriptors 0 and 1, and point 1 at the log
    (2 already is): libvlc and the libraries under it write to the descriptors, not to
    Python's objects, and must never write into the protocol."""
    commands = os.fdopen(os.dup(0), "r", encoding="utf-8")
    reports = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115
    if sys.platform == "win32":
        _point_windows_handles_at_fds()
    return commands, reports


def _point_windows_handles_at_fds() -> None:
    """On Windows, libvlc's C runtime writes to the process's standard handles, not to
    Python's file descriptors: point those at the log and at nothing as well."""
    import ctypes  # noqa: PLC0415
    import msvcrt  # noqa: PLC0415

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    for fd, handle_id in ((0, -10), (1, -11)):  # STD_INPUT_HANDLE, STD_OUTPUT_HANDLE
        kernel32.SetStdHandle(handle_id, msvcrt.get_osfhandle(fd))


def _read_commands(commands: TextIO, inbox: queue.Queue[tuple[Any, ...]]) -> None:
    """Move the parent's commands into ``inbox``; quit when the parent closes the pipe."""
    try:
        for line in commands:
            try:
                command = json.loads(line)
            except ValueError:
                print(f"not a command: {line!r}", file=sys.stderr, flush=True)
                continue
            inbox.put(("command", *command))
    except (OSError, ValueError):
        pass
    inbox.put(("quit",))


def new_instance(vlc: Any, extra_args: Sequence[str]) -> Any:
    """A libvlc instance kept off the network, with ``extra_args`` last (the practitioner's
    ``--player-args`` win); None when libvlc will not start."""
    for offline in ((*OFFLINE_ARGS, *NO_LUA), OFFLINE_ARGS):
        args = [*BASE_ARGS, *offline, *extra_args]
        try:
            instance = vlc.Instance(args)
        except Exception as error:  # noqa: BLE001 - any failure inside libvlc means "cannot start"
            print(f"libvlc_new failed: {error!r}", file=sys.stderr, flush=True)
            instance = None
        if instance is not None:
            return instance
        print(f"libvlc_new refused the options {args}", file=sys.stderr, flush=True)
    return None


class VlcEngine:
    """One libvlc media player, driven from a single thread."""

    def __init__(self, vlc: Any, extra_args: list[str], post: Callable[[tuple[Any, ...]], None]) -> None:
        self.vlc = vlc
        instance = new_instance(vlc, extra_args)
        if instance is None:
            options = f" with the options {' '.join(extra_args)}" if extra_args else ""
            raise Unavailable(f"VLC could not start{options}; see {_log_name()}.")
        self.instance = instance
        self.player = instance.media_player_new()
        events = self.player.event_manager()
        for name in EVENTS:
            # Only queue the event: calling libvlc from its own callback can deadlock.
            events.event_attach(getattr(vlc.EventType, name), lambda _event, name=name: post(("event", name)))
        self.ack = 0  # the last command handled
        self.seq = 0  # the command being handled
        self.load = 0  # the seq of the load command of the open clip
        self.file: str | None = None
        self.subtitles: str | None = None
        self.duration = 0.0
        self.target = 0.0  # where playback was last sent: shown while it opens
        self.opening = False  # opened, and libvlc has not reported a time yet
        self.finished = False
        self.missing = False
        self.message = ""
        self.settings: dict[str, Any] = {"volume": 100, "muted": False, "captions": True, "fullscreen": False}
        self.meter = PlayMeter()

    # -- the loop --------------------------------------------------------------------

    def serve(self, inbox: queue.Queue[tuple[Any, ...]], send: Callable[[dict[str, Any]], None]) -> None:
        last: dict[str, Any] | None = None
        while True:
            status = self.report()
            if status != last:
                send(status)
                last = status
            busy = status["state"] in (PlayerState.LOADING, PlayerState.PLAYING)
            try:
                item = inbox.get(timeout=POLL if busy else IDLE_WAIT)
            except queue.Empty:
                continue
            if item[0] == "quit":
                return
            if item[0] == "command":
                self._command(*item[1:])
            else:
                self._event(item[1])

    def _command(self, seq: int, name: str, *args: Any) -> None:
        handler = getattr(self, f"do_{name}", None)
        self.seq = seq
        try:
            if handler is None:
                raise ValueError(f"unknown player command {name!r}")
            handler(*args)
        except Exception as error:  # noqa: BLE001 - one bad command must not end playback for the session
            print(f"command {name}{args!r} failed: {error!r}", file=sys.stderr, flush=True)
            self.message = f"The player could not {name.replace('_', ' ')} ({error})."
        self.ack = seq

    def _event(self, name: str) -> None:
        if name == "MediaPlayerPlaying":
            self._apply_settings()  # the audio and subtitle tracks exist only now
        elif name == "MediaPlayerEndReached":
            self.finished = True
            self.meter.ended(self._duration())
        elif name == "MediaPlayerEncounteredError":
            self.message = f"VLC could not play {Path(self.file or '').name}; see {_log_name()}."

    # -- commands --------------------------------------------------------------------

    def do_load(self, file: str, subtitles: str | None, start: float, duration: float) -> None:
        self.file, self.subtitles, self.duration, self.load = file, subtitles, duration, self.seq
        self.message = ""
        self.missing = not Path(file).is_file()
        if self.missing:
            self.message = f"The clip file {Path(file).name} is missing from the content pack."
            return
        self.meter.start(start, time.monotonic())
        self._open(start)

    def do_play(self) -> None:
        state = self.player.get_state()
        if state == self.vlc.State.Paused:
            self.player.set_pause(0)
        elif self.file and not self.missing and state not in (
                self.vlc.State.Playing, self.vlc.State.Opening, self.vlc.State.Buffering):
            self.meter.jumped(0.0, time.monotonic())
            self._open(0.0)  # after a stop, the end or an error: from the start

    def do_pause(self) -> None:
        if self.player.get_state() == self.vlc.State.Playing:
            self.player.set_pause(1)

    def do_stop(self) -> None:
        self.player.stop()
        self.finished = False
        self.target = 0.0

    def do_seek(self, seconds: float) -> None:
        if not self.file or self.missing:
            return
        target = min(max(0.0, seconds), self._duration())
        self.meter.jumped(target, time.monotonic())
        if self.player.get_state() in (self.vlc.State.Playing, self.vlc.State.Paused):
            self.player.set_time(int(target * 1000))
            self.target = target
        else:
            self._open(target)  # stopped, finished or still opening: play from there

    def do_setting(self, name: str, value: Any) -> None:
        if name not in self.settings:
            raise ValueError(f"unknown setting {name!r}")
        self.settings[name] = value
        self._apply_settings()

    # -- libvlc ----------------------------------------------------------------------

    def _open(self, start: float) -> None:
        media = self.instance.media_new_path(self.file)
        media.add_option(f":start-time={start:.3f}")
        if self.subtitles:
            media.add_option(f":sub-file={self.subtitles}")
        self.player.set_media(media)
        media.release()  # the player holds its own reference
        self.finished = False
        self.target = start
        self.opening = True
        if self.player.play() == -1:
            self.message = f"VLC could not play {Path(self.file or '').name}; see {_log_name()}."

    def _apply_settings(self) -> None:
        player, settings = self.player, self.settings
        player.audio_set_volume(int(settings["volume"]))
        player.audio_set_mute(bool(settings["muted"]))
        if bool(player.get_fullscreen()) != settings["fullscreen"]:
            player.set_fullscreen(bool(settings["fullscreen"]))
        current = player.video_get_spu()
        if not settings["captions"]:
            if current >= 0:
                player.video_set_spu(-1)
            return
        tracks = [track for track, _name in player.video_get_spu_description() or [] if track >= 0]
        if tracks and current < 0:
            player.video_set_spu(tracks[0])

    def _duration(self) -> float:
        length = self.player.get_length()
        return length / 1000 if length > 0 else self.duration

    def _state(self) -> PlayerState:
        if self.missing:
            return PlayerState.ERROR
        vlc_state = self.player.get_state()
        states = self.vlc.State
        if self.finished or vlc_state == states.Ended:
            return PlayerState.ENDED
        if vlc_state == states.Error:
            return PlayerState.ERROR
        return {
            states.Opening: PlayerState.LOADING,
            states.Buffering: PlayerState.LOADING,
            states.Playing: PlayerState.PLAYING,
            states.Paused: PlayerState.PAUSED,
            states.Stopped: PlayerState.STOPPED,
        }.get(vlc_state, PlayerState.STOPPED if self.file else PlayerState.READY)

    def report(self) -> dict[str, Any]:
        """The status to send: libvlc's state read now (the meter counts what played)."""
        state = self._state()
        duration = self._duration()
        position = 0.0
        if state in (PlayerState.PLAYING, PlayerState.PAUSED):
            reported = self.player.get_time()
            if reported > 0:
                self.opening = False
            # Opened at a start time, libvlc says Playing at 0 until it gets there.
            position = self.target if self.opening or reported < 0 else reported / 1000
            self.meter.reading(position, time.monotonic())
        elif state is PlayerState.LOADING:
            position = self.target
        elif state is PlayerState.ENDED:
            position = duration
        captions = self.settings["captions"]
        if state in (PlayerState.PLAYING, PlayerState.PAUSED) and self.subtitles:
            captions = self.player.video_get_spu() >= 0  # what libvlc really shows
        return {
            "kind": "status", "ack": self.ack, "state": state.value, "clip": self.file, "load": self.load,
            "position": round(position, 3), "duration": round(duration, 3),
            "played": round(self.meter.played, 3), "furthest": round(self.meter.furthest, 3),
            "volume": self.settings["volume"], "muted": self.settings["muted"], "captions": captions,
            "fullscreen": self.settings["fullscreen"], "message": self.message,
        }


def _log_name() -> str:
    return "the player log (logs/vlc.log in the data folder)"


if __name__ == "__main__":
    main(sys.argv[1:])
