"""Fixtures: an empty temporary ledger; the multi-report corpus ingested through the real pipeline."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from warledger.store import Ledger, open_ledger

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "multireport" / "reports.jsonl"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(tmp_path / "ledger.db", archive_dir=tmp_path / "archive") as led:
        yield led


@pytest.fixture(scope="session")
def multireport_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested (with extraction) and reconciled once per session."""
    from warledger.ingest import ingest
    from warledger.reconcile import reconcile

    folder = tmp_path_factory.mktemp("multireport")
    with open_ledger(folder / "mr.db", archive_dir=folder / "archive") as led:
        report = ingest(led, [str(CORPUS)])
        assert report.extracted == report.new_documents > 0, report.errors
        reconcile(led)
    return folder


@pytest.fixture
def multireport(multireport_master: Path, tmp_path: Path) -> Iterator[Ledger]:
    """A private copy of the reconciled corpus ledger (tests may change it)."""
    folder = tmp_path / "mr"
    shutil.copytree(multireport_master, folder)
    with open_ledger(folder / "mr.db", archive_dir=folder / "archive") as led:
        yield led


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``warledger ingest examples/reports --db demo.db`` once per session (the help examples' ledger)."""
    from warledger.ingest import ingest

    folder = tmp_path_factory.mktemp("demo")
    with open_ledger(folder / "demo.db", archive_dir=folder / "archive") as led:
        assert ingest(led, [str(REPO / "examples" / "reports")]).extracted > 0
    return folder


@pytest.fixture
def demo_cwd(demo_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary cwd holding a copy of the demo ledger as ./demo.db (+ ./archive)."""
    cwd = tmp_path / "cwd"
    shutil.copytree(demo_master, cwd)
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("WARLEDGER_ARCHIVE", raising=False)
    monkeypatch.delenv("WARLEDGER_DB", raising=False)
    return cwd
