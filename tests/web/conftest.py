"""Fixtures for the web app: a ledger built once by ingesting examples/reports, copies of it for
tests that write, users of every role, and a TestClient that can sign in."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2; httpx is what we pin
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from webutil import HOSTILE, PASSWORDS, ROLES, copy_ledger, sign_in

from warledger.ingest import ingest
from warledger.reconcile import reconcile
from warledger.settings import Settings
from warledger.store import Ledger, open_ledger
from warledger.web import create_app
from warledger.web.security import hash_password

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "reports"


@pytest.fixture(scope="session")
def built_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/reports plus one hostile report, ingested, extracted and reconciled (once)."""
    folder = tmp_path_factory.mktemp("web-ledger")
    inputs = folder / "inputs"
    shutil.copytree(EXAMPLES, inputs)
    (inputs / "hostile-kramatorsk.txt").write_text(HOSTILE, encoding="utf-8")
    with open_ledger(str(folder / "warledger.db"), archive_dir=folder / "archive") as ledger:
        report = ingest(ledger, [str(inputs)], settings=Settings())
        assert not report.errors, report.errors
        for name, role in ROLES.items():
            ledger.save_user(name, role, hash_password(PASSWORDS[name]), actor="test")
        reconcile(ledger)
    return folder


@pytest.fixture(scope="session")
def shared_ledger(built_ledger: Path) -> Iterator[Ledger]:
    """A read-mostly ledger shared by the API tests (tests that merge/split use ``fresh_ledger``)."""
    with open_ledger(str(built_ledger / "warledger.db"), archive_dir=built_ledger / "archive") as ledger:
        yield ledger


@pytest.fixture
def fresh_ledger(built_ledger: Path, tmp_path: Path) -> Iterator[Ledger]:
    folder = copy_ledger(built_ledger, tmp_path / "copy")
    with open_ledger(str(folder / "warledger.db"), archive_dir=folder / "archive") as ledger:
        yield ledger


@pytest.fixture(scope="session")
def client(shared_ledger: Ledger) -> TestClient:
    """Signed in as the analyst."""
    c = TestClient(create_app(shared_ledger))
    sign_in(c, "ann")
    return c
