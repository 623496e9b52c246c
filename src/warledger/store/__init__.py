"""The ledger store: SQLAlchemy Core tables (SQLite by default, PostgreSQL by URL), versioned
Alembic migrations run on open, the content-addressed evidence archive and the hash-chained audit log.

    from warledger.store import open_ledger
    with open_ledger("warledger.db") as ledger:
        af = ledger.archive_bytes(raw, origin=path, media_type="text/plain")
        ledger.add_document(doc)
        ledger.save_extraction(doc.id, result)
        report = ledger.verify()
"""

from __future__ import annotations

from warledger.store.ledger import Ledger, open_ledger
from warledger.store.types import (
    ArchivedFile,
    AuditEntry,
    DocumentRow,
    FigureFilter,
    FigureRow,
    IncidentRow,
    VerifyReport,
)

__all__ = [
    "ArchivedFile",
    "AuditEntry",
    "DocumentRow",
    "FigureFilter",
    "FigureRow",
    "IncidentRow",
    "Ledger",
    "VerifyReport",
    "open_ledger",
]
