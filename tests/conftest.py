"""Shared fixtures: paths to the repository, its examples, and the optional ../shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

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
