"""Encryption at rest: the optional passphrase that keeps the records useless to a thief.

With a passphrase set, ``data_dir/keyfile.json`` exists and every records file (the index, the
case files, and so the backups, which copy their bytes) is sealed with AES-256-GCM:
``MAGIC + 12-byte random nonce + ciphertext and tag``, a fresh nonce on every write.

Keys: a random 256-bit *data key* encrypts the records; the keyfile holds it wrapped
(AES-GCM) under a key derived from the passphrase with scrypt (n=2**17, r=8, p=1, OWASP's
minimum) and a random 16-byte salt. The wrapped key is the verifier: a wrong passphrase
fails its authentication tag, so it is refused before anything is written. Changing the
passphrase rewrites only the keyfile (one atomic write), never the records.

Unlocking keeps the data key in this process (:func:`unlock`), per records folder, so the
store, backups and doctor read and write encrypted files without being handed a key. A
folder with a keyfile that has not been unlocked refuses to read sealed files or to write
at all (:class:`PassphraseNeeded`). Plain files are still read in a folder with a keyfile:
that is what makes turning encryption on or off resumable after a crash
(:mod:`srt_tui.records.encryption`).

Domain code: imports nothing from Textual, and ``cryptography`` only once records are
encrypted (so plain records start no slower). The passphrase is never stored or logged.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path
from typing import Any, NamedTuple

from srt_tui.atomic import atomic_write_text
from srt_tui.records.storage import RecordError, os_reason

KEYFILE_NAME = "keyfile.json"
MAGIC = b"SRT-TUI-AES256GCM-1\n"
FORMAT = 1
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
_NONCE = 12
_WRAP_AAD = b"srt-tui data key v1"
_MAX_KEYFILE = 64 * 1024

_KEYS: dict[str, bytes] = {}
_KEYS_GUARD = threading.Lock()


class PassphraseNeeded(RecordError):
    """The records are encrypted and this process has not been given the passphrase."""


class WrongPassphrase(RecordError):
    """The passphrase given does not open the records."""


class Sealer(NamedTuple):
    """Seals and opens the bytes of the records files of one folder."""

    key: bytes | None  # the data key; None when plain or not unlocked
    encrypted: bool  # the folder has a keyfile

    def __repr__(self) -> str:  # the data key stays out of tracebacks and logs
        return f"Sealer(key={'...' if self.key else None}, encrypted={self.encrypted})"

    def seal(self, data: bytes) -> bytes:
        if not self.encrypted:
            return data
        if self.key is None:
            raise PassphraseNeeded(_NEEDED)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(_NONCE)
        return MAGIC + nonce + AESGCM(self.key).encrypt(nonce, data, MAGIC)

    def open(self, data: bytes) -> bytes:
        """The plain bytes of a file; ValueError if a sealed one fails its tag (damaged)."""
        if not is_sealed(data):
            return data
        if self.key is None:
            raise PassphraseNeeded(_NEEDED)
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        body = data[len(MAGIC):]
        try:
            return AESGCM(self.key).decrypt(body[:_NONCE], body[_NONCE:], MAGIC)
        except (InvalidTag, ValueError):
            raise ValueError("it cannot be decrypted: changed or cut short") from None


_NEEDED = "These records are encrypted: start srt-tui and give the passphrase to open them."


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def keyfile_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEYFILE_NAME


def is_encrypted(data_dir: Path) -> bool:
    return keyfile_path(data_dir).exists()


def sealer_for(data_dir: Path) -> Sealer:
    """How the records in ``data_dir`` are sealed right now in this process."""
    if not is_encrypted(data_dir):
        return Sealer(None, False)
    with _KEYS_GUARD:
        return Sealer(_KEYS.get(_folder_key(data_dir)), True)


def require_key(data_dir: Path) -> None:
    """Raise :class:`PassphraseNeeded` if the records are encrypted and still locked."""
    sealer = sealer_for(data_dir)
    if sealer.encrypted and sealer.key is None:
        raise PassphraseNeeded(_NEEDED)


def records_folder(path: Path) -> Path:
    """The records folder a records file belongs to (``index.json`` or ``cases/<id>.json``)."""
    parent = Path(path).parent
    return parent.parent if parent.name == "cases" else parent


def unlock(data_dir: Path, passphrase: str) -> None:
    """Check ``passphrase`` against the keyfile and keep the data key for this process.

    Raises :class:`WrongPassphrase` (and changes nothing) if it does not fit.
    """
    key = open_keyfile(data_dir, passphrase)
    with _KEYS_GUARD:
        _KEYS[_folder_key(data_dir)] = key


def forget(data_dir: Path) -> None:
    """Drop the data key held for ``data_dir`` (tests; after the passphrase is removed)."""
    with _KEYS_GUARD:
        _KEYS.pop(_folder_key(data_dir), None)


def check_passphrase(data_dir: Path, passphrase: str) -> bool:
    """True if ``passphrase`` opens the records (or none is set); reads only the keyfile."""
    if not is_encrypted(data_dir):
        return True
    try:
        open_keyfile(data_dir, passphrase)
    except WrongPassphrase:
        return False
    return True


def open_keyfile(data_dir: Path, passphrase: str) -> bytes:
    """The data key the keyfile wraps under ``passphrase``."""
    fields = _read_keyfile(data_dir)
    try:
        salt = base64.b64decode(fields["salt"], validate=True)
        wrapped = base64.b64decode(fields["wrapped_key"], validate=True)
        params = {name: int(fields["kdf"][name]) for name in ("n", "r", "p")}
    except (KeyError, TypeError, ValueError):
        raise RecordError(f"The key file {keyfile_path(data_dir)} is damaged: the records cannot be opened.") from None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = derive(passphrase, salt, params)
    try:
        return AESGCM(kek).decrypt(wrapped[:_NONCE], wrapped[_NONCE:], _WRAP_AAD)
    except (InvalidTag, ValueError):
        raise WrongPassphrase("That passphrase does not open these records; nothing was changed.") from None


def write_keyfile(data_dir: Path, passphrase: str, data_key: bytes) -> None:
    """Write (atomically) a keyfile wrapping ``data_key`` under ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    validate_passphrase(passphrase)
    salt = os.urandom(16)
    kek = derive(passphrase, salt, SCRYPT)
    nonce = os.urandom(_NONCE)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, data_key, _WRAP_AAD)
    fields = {
        "format": FORMAT,
        "cipher": "AES-256-GCM",
        "kdf": {"name": "scrypt", **SCRYPT},
        "salt": base64.b64encode(salt).decode("ascii"),
        "wrapped_key": base64.b64encode(wrapped).decode("ascii"),
    }
    try:
        atomic_write_text(keyfile_path(data_dir), json.dumps(fields, indent=1) + "\n")
    except OSError as error:
        raise RecordError(f"Could not write the key file in {data_dir}: {os_reason(error)}.") from None


def new_data_key() -> bytes:
    return os.urandom(32)  # AES-256


def validate_passphrase(passphrase: str) -> None:
    if len(passphrase) < 8:
        raise RecordError("A passphrase needs at least 8 characters.")


def derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    """The key-encryption key (scrypt; about a third of a second on a laptop)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    try:
        return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(
            passphrase.encode("utf-8", "surrogatepass"))
    except (ValueError, MemoryError) as error:
        raise RecordError(f"The key file's settings cannot be used ({error}).") from None


def _read_keyfile(data_dir: Path) -> dict[str, Any]:
    path = keyfile_path(data_dir)
    try:
        raw = path.read_bytes()[:_MAX_KEYFILE + 1]
    except FileNotFoundError:
        raise RecordError(f"These records have no passphrase ({path} does not exist).") from None
    except OSError as error:
        raise RecordError(f"Cannot read the key file {path}: {os_reason(error)}.") from None
    try:
        fields = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        fields = None
    if not isinstance(fields, dict) or fields.get("format") != FORMAT:
        raise RecordError(f"The key file {path} is damaged or from a newer srt-tui: the records cannot be opened.")
    return fields


def _folder_key(folder: Path) -> str:
    return os.path.normcase(str(Path(folder).resolve()))
