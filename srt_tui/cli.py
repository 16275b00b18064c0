"""Command line: start the app, or run one job in the shell (content check, export, import,
report).

Only ``run`` imports Textual, so the shell jobs start fast and work without a terminal UI.
Every failure a user can cause ends in one clear line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from srt_tui import __version__
from srt_tui.paths import default_data_dir, default_export_dir, demo_pack_dir

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away
EXPORT_FORMATS = ("html", "pdf", "md", "csv", "json")  # srt_tui.export.FORMATS, kept light here
CASE_STATES = ("referred", "active", "paused", "completed", "discontinued", "breached")  # CaseState values


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line (no usage dump) and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"srt-tui: {message} (see srt-tui --help)\n")


def _player_args(text: str) -> list[str]:
    from srt_tui.player.vlc_player import split_player_args

    try:
        return split_player_args(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"cannot read the VLC options {text!r}: {error}") from None


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``commands``, only the options of starting the app
    (and no --help, which lists the commands)."""
    parser = _Parser(prog="srt-tui", description=" ".join(__doc__.split("\n\n")[0].split()), add_help=commands)
    parser.add_argument("--version", action="version", version=f"srt-tui {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="folder for the records (default: your user data folder)"
    )
    parser.add_argument(
        "--content", type=Path, help="content pack folder (default: the bundled demo toolkit)"
    )
    parser.add_argument(
        "--export-dir", type=Path, metavar="DIR", help="where the app writes exports (default: exports/)"
    )
    parser.add_argument(
        "--read-only", action="store_true",
        help="open the records without changing them (e.g. a supervisor's folder of imported cases)",
    )
    parser.add_argument(
        "--player-args", type=_player_args, default=[], metavar='"OPTIONS"',
        help='extra VLC options for playing clips, in quotes, e.g. --player-args="--fullscreen"',
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="start on a throwaway fictional caseload in a temporary folder (your records are not used)",
    )
    parser.add_argument(
        "--keep-demo", action="store_true", help="with --demo: keep the demo folder on exit and print where it is"
    )
    parser.add_argument(
        "--passphrase-stdin", action="store_true",
        help="read the records passphrase from standard input, one per line, instead of asking",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    _add_commands(parser.add_subparsers(dest="command", parser_class=_Parser))
    return parser


def _add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]

    passphrase = commands.add_parser("passphrase", help="encrypt the records with a passphrase, change or remove it")
    passphrase.add_argument("passphrase_command", choices=("set", "change", "remove"))

    content = commands.add_parser("content", help="work with content packs")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate a content pack")
    check.add_argument("pack", type=Path, metavar="DIR")

    export = commands.add_parser("export", help="export one case summary, or every case with --all")
    export.add_argument("case_ref", metavar="CASE_REF", nargs="?")
    export.add_argument("--all", action="store_true", help="export every case into a new folder")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="html")
    export.add_argument("--out", type=Path, metavar="DIR", help="folder (default: exports/)")

    report = commands.add_parser("report", help="write a caseload report (HTML or CSV)")
    report.add_argument("--out", type=Path, metavar="DIR", help="folder (default: exports/)")
    report.add_argument("--format", choices=("html", "csv"), default="html")
    report.add_argument("--practitioner", metavar="NAME", help="only this practitioner's cases")
    report.add_argument("--from", dest="referred_from", type=_day, metavar="DATE",
                        help="only cases referred on or after DATE (YYYY-MM-DD)")
    report.add_argument("--to", dest="referred_to", type=_day, metavar="DATE",
                        help="only cases referred on or before DATE (YYYY-MM-DD)")
    report.add_argument("--state", choices=CASE_STATES, help="only cases in this state")

    for name, what in (("handout", "the participant handout of a case's latest session (large print)"),
                       ("plan", "the one-page plan of a case's next session")):
        paper = commands.add_parser(name, help=f"write {what}")
        paper.add_argument("case_ref", metavar="CASE_REF")
        paper.add_argument("--format", choices=("html", "pdf", "md"), default="html")
        paper.add_argument("--out", type=Path, metavar="DIR", help="folder (default: exports/)")

    imports = commands.add_parser("import", help="read a case bundle (JSON export) into the records")
    imports.add_argument("bundle", type=Path, metavar="FILE")

    doctor = commands.add_parser("doctor", help="check the records folder and the content pack")
    doctor.add_argument("--restore", action="store_true",
                        help="put damaged or missing case files back from the newest good backup")

    delete = commands.add_parser("delete", help="delete a case and its sessions (retention)")
    delete.add_argument("case_ref", metavar="CASE_REF")
    delete.add_argument("--from-backups", action="store_true", help="also remove it from every backup")
    delete.add_argument("--yes", action="store_true", help="delete it (without this, only say what would go)")


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The parser and what it read from ``argv``.

    Starting the app (no command) is the usual line, and it is on the way to the first
    screen: the commands' parsers take 5-9 ms to build, so they are built only when the line
    holds something the app's own options do not take (a command, --help, or a mistake,
    which the full parser then reports).
    """
    quick = build_parser(commands=False)
    args, rest = quick.parse_known_args(argv)
    if not rest:
        return quick, args
    parser = build_parser()
    return parser, parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; output piped to a reader that stops early (``| head``) ends quietly."""
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # a reader gone shows up here, not as Python exits
    except BrokenPipeError:
        # Point stdout at nothing, or Python reports the pipe again as it flushes on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED


def _main(argv: Sequence[str] | None) -> int:
    parser, args = parse_args(argv)
    if args.keep_demo and not args.demo:
        parser.error("--keep-demo only works with --demo")
    if args.demo and args.command:
        parser.error(f"--demo starts the app on fictional records; it does not work with {args.command!r}")
    try:
        if args.command == "content":
            return _content_check(args.pack)
        if args.command == "passphrase":
            from srt_tui.passphrase_cli import run

            return run(args, args.data_dir or default_data_dir(), _fail)
        if not args.demo:
            from srt_tui.passphrase_cli import PassphraseSource, unlock_records

            problem = unlock_records(args.data_dir or default_data_dir(), PassphraseSource(args.passphrase_stdin))
            if problem:
                return _fail(problem)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            return _import(args)
        if args.command in ("handout", "plan"):
            return _paper(args)
        if args.command == "report":
            return _report(args)
        if args.command == "doctor":
            return _doctor(args)
        if args.command == "delete":
            return _delete(args)
        return _run_app(args)
    except KeyboardInterrupt:
        return 130


def _fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    print(f"srt-tui: {message}", file=sys.stderr)
    return code


def _content_check(pack: Path) -> int:
    from srt_tui.content.check import check_pack

    problems = check_pack(pack)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {pack}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{pack}: content pack is valid")
    return EXIT_OK


def _open_store(args: argparse.Namespace):  # -> RecordStore
    from srt_tui.records.store import RecordStore

    return RecordStore(args.data_dir or default_data_dir(), read_only=args.read_only)


def _load_pack(args: argparse.Namespace):  # -> ContentPack
    from srt_tui.content.loader import load_pack

    return load_pack(args.content or demo_pack_dir())


def _export(args: argparse.Namespace) -> int:
    if args.all == bool(args.case_ref):
        return _fail("export needs a CASE_REF or --all, not both (see srt-tui export --help)", EXIT_USAGE)
    if args.all:
        from srt_tui.export.shell import run_export_all

        return _write_file(args, lambda store, pack, out: run_export_all(store, pack, args.format, out))
    from srt_tui.export import export_case

    return _write_file(args, lambda store, pack, out: export_case(store, pack, args.case_ref, args.format, out))


def _paper(args: argparse.Namespace) -> int:
    """``handout`` or ``plan``: one leaflet of one case, written to a new file."""
    from srt_tui.export.papers import export_handout, export_plan

    write = export_handout if args.command == "handout" else export_plan
    return _write_file(args, lambda store, pack, out: write(store, pack, args.case_ref, args.format, out))


def _write_file(args: argparse.Namespace, write) -> int:  # write(store, pack, out_dir) -> Path | int
    """Run one export job on the records and pack the arguments name; print the file it wrote.

    A job that reports its own outcome (the batch export) returns an exit code instead."""
    from srt_tui.content.loader import PackError
    from srt_tui.export import ExportError
    from srt_tui.records.store import RecordError

    try:
        result = write(_open_store(args), _load_pack(args), args.out or args.export_dir or default_export_dir())
    except PackError as error:
        print(error, file=sys.stderr)
        return _fail("the content pack has problems (listed above)")
    except (ExportError, RecordError) as error:
        return _fail(str(error))
    if isinstance(result, int):
        return result
    print(result)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from srt_tui.content.loader import PackError
    from srt_tui.export import ExportError
    from srt_tui.export.caseload import Filters
    from srt_tui.export.shell import run_report
    from srt_tui.records.model import CaseState
    from srt_tui.records.store import RecordError

    filters = Filters(args.practitioner, args.referred_from, args.referred_to,
                      CaseState(args.state) if args.state else None)
    try:
        return run_report(_open_store(args), _load_pack(args), filters, args.format,
                          args.out or args.export_dir or default_export_dir())
    except PackError as error:
        print(error, file=sys.stderr)
        return _fail("the content pack has problems (listed above)")
    except (ExportError, RecordError) as error:
        return _fail(str(error))


def _day(text: str) -> date:
    """An argparse type: a date as YYYY-MM-DD, or one clear usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None


def _import(args: argparse.Namespace) -> int:
    from srt_tui.export import ExportError, import_bundle
    from srt_tui.records.store import RecordError

    try:
        case = import_bundle(_open_store(args), args.bundle)
    except (ExportError, RecordError) as error:
        return _fail(str(error))
    print(f"imported case {case.ref}")
    return EXIT_OK


def _doctor(args: argparse.Namespace) -> int:
    from srt_tui.records.doctor import check, restore
    from srt_tui.records.store import RecordError

    data_dir = args.data_dir or default_data_dir()
    if args.restore:
        try:
            restored = restore(data_dir)
        except RecordError as error:
            return _fail(f"nothing was restored: {error}")
        print("\n".join(restored.render()), end="\n\n")
    report = check(data_dir, args.content or demo_pack_dir())
    print("\n".join(report.render()))
    if report.problems:
        return _fail(f"{report.problems} problem(s) found in {data_dir}")
    print("No problems found.")
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    from srt_tui.records.store import RecordError
    from srt_tui.records.validation import one_line as line

    store = _open_store(args)
    wanted = args.case_ref.strip().casefold()
    try:
        summary = next((s for s in store.list_cases() if s.ref.casefold() == wanted), None)
        if summary is None:
            return _fail(f"no case with reference {line(args.case_ref)}; nothing was deleted")
        if not args.yes:
            try:
                sessions = f"its {len(store.sessions(summary.id))} session(s)"
            except RecordError:
                sessions = "its sessions (its file is damaged)"
            where = "the records and every backup" if args.from_backups else "the records (not the backups)"
            print(f"This would delete case {line(summary.ref)} ({line(summary.alias)}) and {sessions} "
                  f"from {where}.")
            return _fail("nothing was deleted: run again with --yes to delete it")
        deletion = store.delete_case(summary.id, from_backups=args.from_backups)
    except RecordError as error:
        return _fail(str(error))
    for removed in deletion.removed:
        print(f"deleted: {line(removed)}")
    for left in deletion.left:
        print(f"not deleted: {line(left)}")
    print("Exports written earlier are not touched: delete any you no longer need yourself.")
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    from srt_tui.heap import pause_collection, resume_collection

    pause_collection()  # until the first screen shows its cases (srt_tui/heap.py)
    try:
        return _start_app(args)
    finally:
        resume_collection()  # if the app never got that far


def _lazy_vlc(data_dir: Path, player_args: list[str]):  # -> PlayerFactory
    """VLC players as :func:`vlc_player_factory` makes them, imported when the first session
    opens one rather than as the app starts."""

    def make():  # -> Player
        from srt_tui.player.vlc_player import vlc_player_factory

        return vlc_player_factory(data_dir, player_args)()

    return make


def _start_app(args: argparse.Namespace) -> int:
    from srt_tui.content import PackError
    from srt_tui.content.cache import load_pack_fast, open_pack  # the pack as last loaded, if it has not changed

    root = args.content or demo_pack_dir()
    try:
        # The demo needs the pack itself at once (for its caseload) and leaves no trace; the app
        # takes one found unchanged in the cache still pickled, and unpickles it when it needs it.
        pack = load_pack_fast(root, keep=False) if args.demo else open_pack(root)
    except PackError as error:
        print(error, file=sys.stderr)
        return _fail("cannot start: the content pack has problems (listed above)")
    if args.demo:
        return _run_demo(args, pack)
    from srt_tui.records.store import LockedError, RecordError

    try:
        store = _open_store(args)
        if not store.read_only:
            store.claim()  # one writer: a second window is refused here, before any screen
    except LockedError as error:
        return _fail(f"cannot start: {error}")
    except (RecordError, OSError) as error:
        return _fail(f"cannot open the records: {error}")
    from srt_tui.app import SrtApp
    from srt_tui.settings import SettingsFile, default_settings_path

    app = SrtApp(store, pack, export_dir=args.export_dir, settings=SettingsFile(default_settings_path()),
                 player=_lazy_vlc(store.data_dir, args.player_args))
    app.run()
    return app.return_code or EXIT_OK  # 1 if the pack could not be used after all (SrtApp.pack)


def _run_demo(args: argparse.Namespace, pack) -> int:  # pack: ContentPack
    """The app on a fresh fictional caseload in a temporary folder, removed on exit unless
    --keep-demo. --data-dir and SRT_TUI_DATA_DIR are never looked at, so the real records
    cannot be reached; exports go to the demo folder unless --export-dir says otherwise."""
    from srt_tui.demo import DemoMode, DemoWorkspace
    from srt_tui.records.store import RecordError, RecordStore

    try:
        workspace = DemoWorkspace.create(pack)
    except (RecordError, OSError) as error:
        return _fail(f"cannot set up the demo records: {error}")
    try:
        from srt_tui.app import SrtApp
        from srt_tui.settings import SettingsFile, default_settings_path

        demo = DemoMode(workspace, keep=args.keep_demo)
        settings = SettingsFile(default_settings_path(), writable=False)  # the saved theme, never saved to
        SrtApp(RecordStore(workspace.records_dir), pack, export_dir=args.export_dir or workspace.exports_dir,
               settings=settings, demo=demo, player=_lazy_vlc(workspace.records_dir, args.player_args)).run()
    finally:
        RecordStore(workspace.records_dir).close()  # Windows cannot delete a locked file
        if args.keep_demo:
            print(f"srt-tui: the demo records are kept in {workspace.root}")
        else:
            try:
                workspace.remove()
            except OSError as error:
                print(f"srt-tui: could not delete the demo folder {workspace.root}: {error}", file=sys.stderr)
    return EXIT_OK
