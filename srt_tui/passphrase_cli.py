"""The passphrase on the command line: asking for it, and ``srt-tui passphrase set|change|remove``.

Asked with :func:`getpass.getpass` (never echoed) before Textual starts, or read one per line
from standard input with ``--passphrase-stdin`` (scripts, tests). Never printed or logged.
Imports no Textual, and ``cryptography`` only once records turn out to be encrypted.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

TRIES = 3


class PassphraseSource:
    """Where passphrases come from: the terminal (hidden) or stdin, one per line."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def ask(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise EOFError
        return getpass.getpass(prompt)

    @property
    def tries(self) -> int:
        return 1 if self.from_stdin else TRIES


def unlock_records(data_dir: Path, source: PassphraseSource) -> str | None:
    """Unlock ``data_dir`` if its records are encrypted; None when ready, else one line."""
    from srt_tui.records import crypto

    if not crypto.is_encrypted(data_dir):
        return None
    return _ask_until_right(data_dir, source, "Passphrase for the records: ",
                            lambda p: crypto.unlock(data_dir, p))[1]


def run(args: argparse.Namespace, data_dir: Path, fail: Callable[[str], int]) -> int:
    """``srt-tui passphrase set|change|remove``."""
    from srt_tui.records import crypto, encryption
    from srt_tui.records.store import RecordError, RecordStore

    source = PassphraseSource(args.passphrase_stdin)
    store = RecordStore(data_dir)
    try:
        store.claim()  # nothing else writes while files are converted
        action = args.passphrase_command
        encrypted = crypto.is_encrypted(data_dir)
        if action != "set" and not encrypted:
            return fail(f"the records in {data_dir} have no passphrase.")
        current = ""
        if encrypted:
            current, problem = _ask_until_right(data_dir, source, "Current passphrase: ",
                                                lambda p: crypto.open_keyfile(data_dir, p))
            if problem:
                return fail(problem)
        if action == "remove":
            result = encryption.remove_passphrase(data_dir, current)
            print(f"srt-tui: the passphrase is removed; {len(result.converted)} file(s) decrypted.")
            return 0
        if action == "set" and encrypted:  # an earlier set was cut short: finish it
            result = encryption.set_passphrase(data_dir, current)
            print(f"srt-tui: finished encrypting; {len(result.converted)} more file(s) encrypted.")
            return 0
        new = source.ask("New passphrase (8 characters or more): ")
        if source.ask("The same again: ") != new:
            return fail("the two passphrases differ; nothing was changed.")
        if action == "change":
            encryption.change_passphrase(data_dir, current, new)
            print("srt-tui: the passphrase is changed.")
            return 0
        result = encryption.set_passphrase(data_dir, new)
        print(f"srt-tui: the records are encrypted; {len(result.converted)} file(s) encrypted.")
        for path in result.left_plain:
            print(f"srt-tui: {path} is a damaged copy kept aside and is NOT encrypted: delete it once "
                  "it is no longer needed.", file=sys.stderr)
        print("srt-tui: keep the passphrase safe: without it the records cannot be read.")
        return 0
    except EOFError:
        return fail("no passphrase given (use a terminal, or --passphrase-stdin); nothing was changed.")
    except RecordError as error:
        return fail(str(error))
    finally:
        store.close()


def _ask_until_right(data_dir: Path, source: PassphraseSource, prompt: str,
                     check: Callable[[str], object]) -> tuple[str, str | None]:
    """Ask until ``check`` accepts the passphrase: (it, None), or ("", why not)."""
    from srt_tui.records.crypto import WrongPassphrase

    problem = ""
    for _ in range(source.tries):
        try:
            passphrase = source.ask(prompt)
        except EOFError:
            return "", (f"the records in {data_dir} are encrypted: give the passphrase in a terminal "
                        "or with --passphrase-stdin.")
        try:
            check(passphrase)
        except WrongPassphrase as error:
            problem = str(error)
            if not source.from_stdin:
                print(f"srt-tui: {error}", file=sys.stderr)
            continue
        return passphrase, None
    return "", problem
