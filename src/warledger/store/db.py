"""Engine creation, URL resolution and programmatic Alembic migrations.

SQLite is the default: WAL journal, foreign keys on, a busy timeout, and write transactions that
start with ``BEGIN IMMEDIATE`` so two writers queue instead of interleaving.  Any other SQLAlchemy
URL (``postgresql://…``) is used as given; there, writers serialise on a transaction-scoped
advisory lock (see :func:`lock_for_write`).  All SQLite-specific code is in this module.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from warledger.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITE_OPTION = "warledger_write"
_PG_LOCK_KEY = 0x5741524C  # "WARL": one advisory lock for every ledger writer
SQLITE_BUSY_TIMEOUT_S = 30.0


def resolve_url(url: str | os.PathLike[str] | None) -> URL:
    """None -> Settings().db; a plain path -> SQLite; anything with ``://`` -> as given."""
    if url is None:
        from warledger.settings import Settings

        url = Settings().db
    raw = os.fspath(url)
    if not raw.strip():
        raise StoreError("empty database path or URL")
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        return URL.create("sqlite", database=str(path))
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {raw!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        # The pinned driver (extra 'postgres') is psycopg 3, not SQLAlchemy's default psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The database file of a file-backed SQLite URL, else None."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def make_engine(url: URL) -> Engine:
    """Create the engine, with the SQLite pragmas and transaction handling installed."""
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
            _install_sqlite_hooks(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot use database {url.render_as_string(hide_password=True)}: {exc}") from exc
    return engine


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module; we emit BEGIN ourselves.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cur.execute("PRAGMA synchronous=NORMAL")
        finally:
            cur.close()
        _enable_wal(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _enable_wal(dbapi_conn: Any) -> None:
    """Switch to WAL (persistent in the file, so usually already on).

    Changing the journal mode needs an exclusive lock, and SQLite reports "database is locked" at
    once (without waiting) when another connection is switching at the same time: retry briefly.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            mode = dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() in ("wal", "memory"):
                return
            dbapi_conn.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.05)


def lock_for_write(conn: Connection) -> None:
    """Serialise writers for the rest of this transaction (SQLite already did, via BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: locked against other writers, committed on success."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        lock_for_write(conn)
        yield conn


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    if len(heads) != 1:
        raise StoreError(f"the ledger migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest revision; returns True if anything was applied.

    A database already at head is left untouched (no write lock is taken).
    """
    from alembic import command

    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = head_revision()
    with engine.connect() as conn:
        current = current_revision(conn)
    if current == head:
        return False
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise StoreError(
            f"the database is at schema revision {current!r}, unknown to this warledger (newer version?)"
        )
    with write_transaction(engine) as conn:
        if current_revision(conn) == head:  # another process migrated while we waited for the lock
            return False
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
