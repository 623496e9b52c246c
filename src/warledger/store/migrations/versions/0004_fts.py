"""Text search: an SQLite FTS5 index over documents' title and text, kept in sync by triggers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

SQLite only (other databases search with LIKE; see ``store/web_queries.py``).  The index is an
external-content FTS5 table over ``documents`` (no second copy of the text), filled from the
existing rows here and then by triggers on insert, update and delete.  Its shadow tables
(``documents_fts_*``) are not part of the SQLAlchemy metadata.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FTS_TABLE = "documents_fts"
_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
)

_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='documents', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    f"CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
    f"{_DELETE_OLD}END",
    f"CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
    f"{_DELETE_OLD}"
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
