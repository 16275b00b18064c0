"""Fixtures for export tests (the sample records live in :mod:`tests.export.samples`)."""

from __future__ import annotations

import pytest

from srt_tui.content.model import ContentPack
from srt_tui.records.model import Case, Session
from tests.export.samples import make_case, make_pack, make_sessions


@pytest.fixture
def pack() -> ContentPack:
    return make_pack()


@pytest.fixture
def case() -> Case:
    return make_case()


@pytest.fixture
def sessions(case: Case) -> list[Session]:
    return make_sessions(case)
