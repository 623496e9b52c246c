"""Fixtures for the ingest tests (helpers live in ingest_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import Site, serve

from warledger.store import Ledger, open_ledger


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A local web site on 127.0.0.1: the fixture pages, plus feeds whose links point back at it."""
    yield from serve(tmp_path)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A fresh ledger (SQLite + archive) in a temporary folder."""
    with open_ledger(tmp_path / "ledger.db", archive_dir=tmp_path / "archive") as led:
        yield led
