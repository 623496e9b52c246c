"""Migrations: a fresh file gets the schema, a second open is a no-op, bad paths fail clearly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from warledger.errors import StoreError
from warledger.store import Ledger, open_ledger
from warledger.store.db import head_revision, make_engine, migrate, resolve_url
from warledger.store.schema import metadata

EXPECTED_TABLES = {
    "documents",
    "archive_files",
    "archive_sightings",
    "figures",
    "places",
    "incidents",
    "incident_figures",
    "claims",
    "sources",
    "story_clusters",
    "minhashes",
    "extractions",
    "audit_log",
    "ledger_meta",
}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_fresh_file_is_created_and_migrated(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "new.db"
    with open_ledger(db) as led:
        assert led.archive_root == tmp_path / "sub" / "archive"
        assert led.url.startswith("sqlite:///")
    assert _tables(db) >= EXPECTED_TABLES
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_second_open_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    open_ledger(db).close()
    engine = make_engine(resolve_url(str(db)))
    try:
        assert migrate(engine) is False
    finally:
        engine.dispose()
    with open_ledger(db) as led:
        assert led.audit_entries() == []


def test_migrated_schema_matches_the_metadata(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    open_ledger(db).close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    # the SQLite FTS5 text index (migration 0004) and its shadow tables are not in the metadata
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("documents_fts"))]
    assert diff == []


def test_foreign_keys_are_enforced(ledger: Ledger) -> None:
    with ledger._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_url_forms(tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "x.db")).get_backend_name() == "sqlite"
    assert resolve_url("postgresql://u:p@host/db").drivername == "postgresql+psycopg"
    assert resolve_url(f"sqlite:///{tmp_path}/y.db").database == f"{tmp_path}/y.db"
    with open_ledger(f"sqlite:///{tmp_path}/y.db", archive_dir=tmp_path / "ev") as led:
        assert led.archive_root == tmp_path / "ev"


def test_settings_give_the_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARLEDGER_DB", str(tmp_path / "env.db"))
    monkeypatch.delenv("WARLEDGER_ARCHIVE", raising=False)
    with open_ledger() as led:
        assert led.archive_root == tmp_path / "archive"
    assert (tmp_path / "env.db").exists()


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite at all, just some notes\n" * 10)
    with pytest.raises(StoreError, match="not a warledger database"):
        open_ledger(bad)


def test_corrupt_sqlite_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(StoreError, match="cannot open the ledger"):
        open_ledger(bad)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger database"):
        open_ledger(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


def test_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_ledger(tmp_path)


def test_unknown_newer_revision(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    open_ledger(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="unknown to this warledger"):
        open_ledger(db)
