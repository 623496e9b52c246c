"""Fixtures for the NLP tests: the engine is loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warledger.nlp import Engine, load_engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load_engine()


@pytest.fixture(scope="session")
def shared() -> Path:
    env = os.environ.get("WARLEDGER_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"
    if not (path / "eval").is_dir():
        pytest.skip(f"shared evaluation data not found at {path} (set WARLEDGER_SHARED)")
    return path
