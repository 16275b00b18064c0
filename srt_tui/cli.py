"""Command line: start the app, or run one job in the shell (content check, export, import).

Only ``run`` imports Textual, so the shell jobs start fast and work without a terminal UI.
Every failure a user can cause ends in one clear line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from srt_tui import __version__
from srt_tui.paths import default_data_dir, default_export_dir, demo_pack_dir

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line (no usage dump) and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"srt-tui: {message} (see srt-tui --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="srt-tui", description=__doc__.splitlines()[0])
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
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    content = commands.add_parser("content", help="work with content packs")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser("check", help="validate a content pack")
    check.add_argument("pack", type=Path, metavar="DIR")

    export = commands.add_parser("export", help="export one case summary")
    export.add_argument("case_ref", metavar="CASE_REF")
    export.add_argument("--format", choices=("md", "html", "json"), default="html")
    export.add_argument("--out", type=Path, metavar="DIR", help="folder (default: exports/)")

    imports = commands.add_parser("import", help="read a case bundle (JSON export) into the records")
    imports.add_argument("bundle", type=Path, metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "content":
            return _content_check(args.pack)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            return _import(args)
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

    return RecordStore(args.data_dir or default_data_dir())


def _load_pack(args: argparse.Namespace):  # -> ContentPack
    from srt_tui.content.loader import load_pack

    return load_pack(args.content or demo_pack_dir())


def _export(args: argparse.Namespace) -> int:
    from srt_tui.content.loader import PackError
    from srt_tui.export import ExportError, export_case
    from srt_tui.records.store import RecordError

    try:
        path = export_case(
            _open_store(args), _load_pack(args), args.case_ref, args.format,
            args.out or args.export_dir or default_export_dir(),
        )
    except PackError as error:
        print(error, file=sys.stderr)
        return _fail("the content pack has problems (listed above)")
    except (ExportError, RecordError) as error:
        return _fail(str(error))
    print(path)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from srt_tui.export import ExportError, import_bundle
    from srt_tui.records.store import RecordError

    try:
        case = import_bundle(_open_store(args), args.bundle)
    except (ExportError, RecordError) as error:
        return _fail(str(error))
    print(f"imported case {case.ref}")
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    from srt_tui.content.loader import PackError

    try:
        pack = _load_pack(args)
    except PackError as error:
        print(error, file=sys.stderr)
        return _fail("cannot start: the content pack has problems (listed above)")
    from srt_tui.records.store import RecordError

    try:
        store = _open_store(args)
    except (RecordError, OSError) as error:
        return _fail(f"cannot open the records: {error}")
    from srt_tui.app import SrtApp

    SrtApp(store, pack, export_dir=args.export_dir).run()
    return EXIT_OK
