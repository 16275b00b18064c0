"""Encryption at rest: sealed files, the passphrase checked before anything is written, and
turning it on or off resumable after a crash part way."""

from __future__ import annotations

import base64
import json
import os
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from srt_tui.records import backup as backups
from srt_tui.records import crypto, encryption
from srt_tui.records.model import Case
from srt_tui.records.storage import DamagedFileError, RecordError
from srt_tui.records.store import RecordStore

PASS = "correct horse battery"
SECRET = "Disclosed the assault on 3 March at the bus station"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at full strength takes ~0.3 s a derivation; the keyfile records the cost used,
    so a cheaper one here exercises the same code (test_real_strength checks the default)."""
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    store = RecordStore(folder)
    for ref in ("ALPHA-REF-101", "BRAVO-REF-202", "CHARLIE-REF-303"):
        case = store.create_case(Case(ref=ref, alias="J.B.", referral_date=date(2026, 1, 5)))
        session = store.start_session(case.id)
        session.notes = f"{SECRET} ({ref})"
        store.save_session(session)
    store.backup("start")
    yield folder
    crypto.forget(folder)


def every_file(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def plain_bytes(folder: Path) -> list[bytes]:
    """Every records file and every backup member, as stored."""
    found = [data for path, data in every_file(folder).items() if path.suffix == ".json"]
    for backup in backups.list_backups(folder):
        with zipfile.ZipFile(backup.path) as archive:
            found += [archive.read(name) for name in archive.namelist()]
    return found


def read_everything(folder: Path) -> list[str]:
    store = RecordStore(folder)
    return sorted(s.notes for case in store.list_cases() for s in store.sessions(case.id))


def restart(folder: Path, passphrase: str | None = PASS) -> None:
    """As a new process would: no key held until the passphrase is given."""
    crypto.forget(folder)
    if passphrase is not None:
        crypto.unlock(folder, passphrase)


def test_round_trip_reads_everything_and_no_file_holds_the_text(data: Path) -> None:
    before = read_everything(data)
    encryption.set_passphrase(data, PASS)
    restart(data)
    assert read_everything(data) == before
    store = RecordStore(data)
    case = store.find_case("BRAVO-REF-202")
    assert case is not None
    store.end_session(store.open_session(case.id))
    session = store.start_session(case.id)
    session.notes = "Second session: " + SECRET
    store.save_session(session)
    store.end_session(session)
    store.backup("session-ended")  # as the app does after it, so the backups are checked too
    for stored in plain_bytes(data):
        assert SECRET.encode() not in stored
        assert b"BRAVO-REF-202" not in stored and b"J.B." not in stored
    assert PASS.encode() not in crypto.keyfile_path(data).read_bytes()
    restart(data)
    assert "Second session: " + SECRET in read_everything(data)


def test_locked_records_are_neither_read_nor_written(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    restart(data, passphrase=None)
    files = every_file(data)
    with pytest.raises(crypto.PassphraseNeeded, match="encrypted"):
        RecordStore(data).list_cases()
    with pytest.raises(RecordError):
        RecordStore(data).create_case(Case(ref="D4", alias="X.", referral_date=date(2026, 1, 5)))
    assert every_file(data) == files


def test_a_wrong_passphrase_is_refused_and_changes_nothing(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    restart(data, passphrase=None)
    files = every_file(data)
    with pytest.raises(crypto.WrongPassphrase, match="does not open"):
        crypto.unlock(data, "wrong horse battery")
    for attempt in (lambda: encryption.set_passphrase(data, "wrong horse battery"),
                    lambda: encryption.remove_passphrase(data, "wrong horse battery"),
                    lambda: encryption.change_passphrase(data, "wrong horse battery", "new passphrase")):
        with pytest.raises(crypto.WrongPassphrase):
            attempt()
    assert every_file(data) == files
    assert not crypto.check_passphrase(data, "wrong horse battery")
    assert crypto.check_passphrase(data, PASS)


def test_every_write_uses_a_fresh_nonce(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    store = RecordStore(data)
    case = store.find_case("ALPHA-REF-101")
    assert case is not None
    path = data / "cases" / f"{case.id}.json"
    session = store.open_session(case.id)
    assert session is not None
    store.save_session(session)
    first = path.read_bytes()
    store.save_session(session)
    second = path.read_bytes()
    assert first != second
    assert first[:len(crypto.MAGIC) + 12] != second[:len(crypto.MAGIC) + 12]


def test_a_changed_sealed_file_is_damaged_not_misread(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    store = RecordStore(data)
    case = store.find_case("ALPHA-REF-101")
    assert case is not None
    path = data / "cases" / f"{case.id}.json"
    sealed = bytearray(path.read_bytes())
    sealed[-1] ^= 1
    path.write_bytes(bytes(sealed))
    with pytest.raises(DamagedFileError, match="cannot be decrypted"):
        store.sessions(case.id)


def test_change_keeps_the_records_and_retires_the_old_passphrase(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    records = {p: b for p, b in every_file(data).items() if p.name != crypto.KEYFILE_NAME}
    encryption.change_passphrase(data, PASS, "a brand new passphrase")
    assert {p: b for p, b in every_file(data).items() if p.name != crypto.KEYFILE_NAME} == records
    restart(data, passphrase=None)
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unlock(data, PASS)
    crypto.unlock(data, "a brand new passphrase")
    assert len(read_everything(data)) == 3


def test_remove_decrypts_everything_and_deletes_the_keyfile(data: Path) -> None:
    before = read_everything(data)
    encryption.set_passphrase(data, PASS)
    encryption.remove_passphrase(data, PASS)
    assert not crypto.is_encrypted(data)
    assert not any(crypto.is_sealed(stored) for stored in plain_bytes(data))
    restart(data, passphrase=None)
    assert read_everything(data) == before


class Crash(Exception):
    pass


def crash_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    real = encryption._write
    written = []

    def write(path: Path, data: bytes) -> None:
        if len(written) == files:
            raise Crash
        real(path, data)
        written.append(path)

    monkeypatch.setattr(encryption, "_write", write)


@pytest.mark.parametrize("files", [0, 1, 3])
def test_set_cut_short_leaves_everything_readable_and_resumes(
        data: Path, monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    before = read_everything(data)
    crash_after(monkeypatch, files)
    with pytest.raises(Crash):
        encryption.set_passphrase(data, PASS)
    monkeypatch.undo()
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    sealed = [crypto.is_sealed(b) for p, b in every_file(data).items() if p.suffix == ".json"
              and p.name != crypto.KEYFILE_NAME]
    assert sealed.count(True) == files and sealed.count(False) > 0
    restart(data)
    assert read_everything(data) == before
    encryption.set_passphrase(data, PASS)  # run again: finishes the job
    assert not any(SECRET.encode() in stored for stored in plain_bytes(data))
    restart(data)
    assert read_everything(data) == before


def test_remove_cut_short_leaves_everything_readable_and_resumes(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = read_everything(data)
    encryption.set_passphrase(data, PASS)
    crash_after(monkeypatch, 2)
    with pytest.raises(Crash):
        encryption.remove_passphrase(data, PASS)
    monkeypatch.undo()
    assert crypto.is_encrypted(data)  # the keyfile goes last
    restart(data)
    assert read_everything(data) == before
    encryption.remove_passphrase(data, PASS)
    restart(data, passphrase=None)
    assert read_everything(data) == before


def test_a_short_passphrase_is_refused_before_anything_is_written(data: Path) -> None:
    files = every_file(data)
    with pytest.raises(RecordError, match="at least 8"):
        encryption.set_passphrase(data, "short")
    assert every_file(data) == files


def test_backups_of_encrypted_records_restore(data: Path) -> None:
    encryption.set_passphrase(data, PASS)
    store = RecordStore(data)
    case = store.find_case("CHARLIE-REF-303")
    assert case is not None
    copy = backups.good_copy(data, f"cases/{case.id}.json")
    assert copy is not None and crypto.is_sealed(copy[1])


@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX; Windows uses the profile's ACL")
def test_folders_are_owner_only(data: Path) -> None:
    RecordStore(data).claim()
    for folder in (data, data / "cases", data / "backups"):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_real_strength_keyfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped cost is OWASP's minimum for scrypt, and the keyfile records it."""
    monkeypatch.undo()  # the cheap cost from fast_kdf
    assert crypto.SCRYPT == {"n": 2**17, "r": 8, "p": 1}
    crypto.write_keyfile(tmp_path, PASS, crypto.new_data_key())
    fields = json.loads(crypto.keyfile_path(tmp_path).read_text())
    assert fields["kdf"] == {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}
    assert len(base64.b64decode(fields["salt"])) == 16
    assert crypto.check_passphrase(tmp_path, PASS)
