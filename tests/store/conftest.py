"""Fixtures for the store tests: a temporary ledger, empty or filled with sample extractions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_samples import fill

from warledger.store import Ledger, open_ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(tmp_path / "ledger.db") as led:
        yield led


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    return fill(ledger)
