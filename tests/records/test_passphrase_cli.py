"""``srt-tui passphrase set|change|remove`` and the passphrase asked before any job on
encrypted records: one clear line and nothing changed when it is wrong."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from srt_tui.cli import main
from srt_tui.records import crypto
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    store = RecordStore(folder)
    store.create_case(Case(ref="A1", alias="Private Alias", referral_date=date(2026, 1, 5)))
    store.close()
    yield folder
    crypto.forget(folder)


def run(monkeypatch: pytest.MonkeyPatch, data: Path, stdin: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data), "--passphrase-stdin", *args])
    crypto.forget(data)  # each run is a new process
    RecordStore(data).close()
    return code


def every_file(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_set_then_jobs_need_the_passphrase(data: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, data, f"{PASS}\n{PASS}\n", "passphrase", "set") == 0
    assert "encrypted" in capsys.readouterr().out
    assert b"Private Alias" not in (data / "index.json").read_bytes()
    files = every_file(data)
    assert run(monkeypatch, data, "not the passphrase\n", "delete", "A1", "--yes") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not open" in err and PASS not in err
    assert every_file(data) == files
    assert run(monkeypatch, data, "", "doctor") == 1
    assert "--passphrase-stdin" in capsys.readouterr().err
    run(monkeypatch, data, f"{PASS}\n", "delete", "A1")  # without --yes: only says what would go
    assert "would delete case A1 (Private Alias)" in capsys.readouterr().out


def test_change_and_remove(data: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, data, f"{PASS}\n{PASS}\n", "passphrase", "set") == 0
    assert run(monkeypatch, data, f"{PASS}\nnew passphrase\nnew passphrase typo\n", "passphrase", "change") == 1
    assert "differ" in capsys.readouterr().err
    assert run(monkeypatch, data, f"{PASS}\nnew passphrase\nnew passphrase\n", "passphrase", "change") == 0
    assert run(monkeypatch, data, f"{PASS}\n", "passphrase", "remove") == 1
    assert run(monkeypatch, data, "new passphrase\n", "passphrase", "remove") == 0
    assert not crypto.is_encrypted(data)
    assert b"Private Alias" in (data / "index.json").read_bytes()
    assert run(monkeypatch, data, "", "passphrase", "remove") == 1
    assert "no passphrase" in capsys.readouterr().err
