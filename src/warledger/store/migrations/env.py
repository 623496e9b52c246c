"""Alembic environment for the ledger: run programmatically by ``warledger.store.migrate``.

The caller passes an open SQLAlchemy connection (inside its write transaction) as
``config.attributes["connection"]``; nothing here reads an ini file or configures logging.

Adding a schema change: edit ``warledger/store/schema.py`` and add ``versions/NNNN_<what>.py`` with
``revision = "NNNN"``, ``down_revision`` = the previous one, and ``upgrade()``/``downgrade()`` using
``alembic.op`` (batch mode is on for SQLite).  Never edit a revision that has been released;
``tests/store/test_store_schema.py`` checks that the migrated database matches ``schema.py``.
"""

from __future__ import annotations

from alembic import context

from warledger.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when run by the alembic command line
    raise RuntimeError("run migrations through warledger.store.open_ledger(), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
