"""Shared fixtures: paths to the repository, its examples, and the optional ../shared data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from warledger.store import Ledger, open_ledger

# CI runs property tests derandomized (the same examples every run) and without deadlines (a loaded
# 2-core machine); locally they keep exploring new examples.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "reports"
SHARED = Path(os.environ.get("WARLEDGER_SHARED", REPO.parent / "shared")).resolve()


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared data folder: {path} is absent (set WARLEDGER_SHARED)")
    return path


@pytest.fixture
def ledger_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point WARLEDGER_DB / WARLEDGER_ARCHIVE at a temporary folder; returns the db path."""
    db = tmp_path / "warledger.db"
    monkeypatch.setenv("WARLEDGER_DB", str(db))
    monkeypatch.setenv("WARLEDGER_ARCHIVE", str(tmp_path / "archive"))
    return db


# -- ledgers built through the real pipeline (used by tests/reconcile and tests/export) -------------
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
