"""The same ledger code on PostgreSQL. Runs only when WARLEDGER_TEST_POSTGRES names a database URL
that may be wiped (e.g. postgresql://postgres@/wl_test?host=/tmp/pg&port=5432)."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from ledger_samples import fill, result_a

from warledger.store import FigureFilter, open_ledger
from warledger.store.db import make_engine, resolve_url
from warledger.store.schema import metadata

PG_URL = os.environ.get("WARLEDGER_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="set WARLEDGER_TEST_POSTGRES to a disposable PostgreSQL URL"
)


@pytest.fixture
def pg_url() -> str:
    assert PG_URL
    engine = make_engine(resolve_url(PG_URL))
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    return PG_URL


def test_postgres_round_trip_filters_and_verify(pg_url: str, tmp_path: Path) -> None:
    with open_ledger(pg_url, archive_dir=tmp_path / "archive") as led:
        fill(led)
        assert led.get_extraction("a") == result_a()
        assert [r.index for r in led.figures(FigureFilter(place="KHAR", category="killed"))] == [0]
        assert [r.doc_id for r in led.incidents(FigureFilter(since=date(2022, 5, 1)))] == ["b"]
        assert led.pending_extraction() == []
        assert led.verify().ok
        with led._engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_postgres_concurrent_writers(pg_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    open_ledger(pg_url, archive_dir=archive).close()

    def worker(n: int) -> None:
        with open_ledger(pg_url, archive_dir=archive) as led:
            for i in range(10):
                led.archive_bytes(f"{n}-{i}".encode(), origin=f"w{n}", media_type="text/plain")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open_ledger(pg_url, archive_dir=archive) as led:
        report = led.verify()
    assert report.ok and report.audit_rows == 40
