"""Queries for the web app: analysts' figure reviews and text search over documents (SQLite FTS5,
migration 0004; LIKE on other databases) and reconciled incidents.

A review is keyed by the document id and the figure's evidence span (start, end, text), never by
the figure's position in an extraction, so it survives re-extraction: the same words in the same
document get the same review back.  Reviews are appended (the newest one wins) and audited with
the analyst as actor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy import text as sql_text

from warledger.errors import StoreError
from warledger.store import audit, users
from warledger.store.db import write_transaction
from warledger.store.schema import audit_log, documents, figure_reviews, reconciled, reconciled_members
from warledger.store.types import AuditEntry

REVIEW_STATUSES: tuple[str, ...] = ("confirmed", "rejected", "corrected")


@dataclass(frozen=True)
class FigureReview:
    """The latest review of one figure (identified by document and evidence span)."""

    id: int
    doc_id: str
    start: int
    end: int
    text: str
    category: str
    status: str
    note: str | None
    analyst: str
    at: str
    low: int | None = None  # the corrected value (status "corrected")
    high: int | None = None

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)


def review_subject(doc_id: str, start: int, end: int) -> str:
    return f"figure:{doc_id}:{start}-{end}"


def add_review(
    conn: Connection,
    *,
    doc_id: str,
    start: int,
    end: int,
    text: str,
    category: str,
    status: str,
    note: str | None,
    analyst: str,
    incident_id: str | None,
    low: int | None = None,
    high: int | None = None,
) -> FigureReview:
    at = audit.now_iso()
    result = conn.execute(
        insert(figure_reviews).values(
            doc_id=doc_id,
            ev_start=start,
            ev_end=end,
            ev_text=text,
            category=category,
            status=status,
            note=note,
            analyst=analyst,
            at=at,
            low=low,
            high=high,
        )
    )
    new_id = int(result.inserted_primary_key[0])
    audit.append(
        conn,
        f"review-{status}",
        review_subject(doc_id, start, end),
        {
            "review": new_id,
            "doc_id": doc_id,
            "span": [start, end],
            "text": text,
            "category": category,
            "note": note,
            "incident": incident_id,
            **({"low": low, "high": high} if status == "corrected" else {}),
        },
        actor=analyst,
    )
    return FigureReview(new_id, doc_id, start, end, text, category, status, note, analyst, at, low, high)


class _Keyed(Protocol):
    @property
    def key(self) -> tuple[str, int, int]: ...


R = TypeVar("R", bound=_Keyed)


def newest_by_span(
    conn: Connection, table: Table, convert: Callable[[Any], R], doc_ids: Sequence[str] | None = None
) -> dict[tuple[str, int, int], R]:
    """The newest row (highest id) of an append-only review table per reviewed figure, keyed by
    (doc, start, end), for these documents or (``None``) the whole ledger."""
    out: dict[tuple[str, int, int], R] = {}
    if doc_ids is None:
        chunks = [select(table).order_by(table.c.id)]
    else:
        ids = list(dict.fromkeys(doc_ids))
        chunks = [
            select(table).where(table.c.doc_id.in_(ids[i : i + 500])).order_by(table.c.id)
            for i in range(0, len(ids), 500)
        ]
    for stmt in chunks:
        for r in conn.execute(stmt):
            rev = convert(r)
            out[rev.key] = rev
    return out


def append_only_digest(conn: Connection, table: Table, label: str) -> str:
    """Changes whenever a row is added to an append-only table: its count and newest id."""
    count, newest = conn.execute(select(func.count(), func.max(table.c.id))).one()
    return f"{label}:{int(count or 0)}:{int(newest or 0)}"


def latest_reviews(conn: Connection, doc_ids: Sequence[str]) -> dict[tuple[str, int, int], FigureReview]:
    """The newest review of every reviewed figure in these documents, keyed by (doc, start, end)."""
    return newest_by_span(conn, figure_reviews, _review_of, doc_ids)


def all_latest_reviews(conn: Connection) -> dict[tuple[str, int, int], FigureReview]:
    """The newest review of every reviewed figure in the ledger."""
    return newest_by_span(conn, figure_reviews, _review_of)


def reviews_digest(conn: Connection) -> str:
    """Changes whenever a review is added (reviews are append-only): their count and newest id."""
    return append_only_digest(conn, figure_reviews, "reviews")


def _review_of(r: Any) -> FigureReview:
    return FigureReview(
        int(r.id),
        str(r.doc_id),
        int(r.ev_start),
        int(r.ev_end),
        str(r.ev_text),
        str(r.category),
        str(r.status),
        r.note,
        str(r.analyst),
        str(r.at),
        None if r.low is None else int(r.low),
        None if r.high is None else int(r.high),
    )


FTS_TABLE = "documents_fts"  # SQLite FTS5 index over documents (migration 0004)


def has_fts(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        sql_text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": FTS_TABLE}
    ).first()
    return found is not None


def fts_phrase(word: str) -> str:
    """One user word as an FTS5 prefix query: a quoted string (quotes doubled), then ``*``."""
    return '"' + word.replace('"', '""') + '"*'


def search_documents(conn: Connection, query: str, *, limit: int = 5000) -> list[str]:
    """Ids of documents whose title or text contains every word of ``query`` (FTS5 prefix match
    on SQLite, substring LIKE elsewhere), best match first on SQLite."""
    words = _words(query)
    if not words:
        return []
    if has_fts(conn):
        terms = [w for w in words if any(ch.isalnum() for ch in w)]
        if not terms:
            return []
        rows = conn.execute(
            sql_text(
                f"SELECT d.id FROM {FTS_TABLE} JOIN documents AS d ON d.rowid = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :limit"
            ),
            {"q": " AND ".join(fts_phrase(w) for w in terms), "limit": limit},
        )
        return [str(x) for x in rows.scalars()]
    stmt = select(documents.c.id)
    for word in words:
        pat = f"%{_escape_like(word)}%"
        stmt = stmt.where(
            or_(
                func.lower(documents.c.text).like(pat, escape="\\"),
                func.lower(documents.c.title).like(pat, escape="\\"),
            )
        )
    return [str(x) for x in conn.execute(stmt.order_by(documents.c.id).limit(limit)).scalars()]


def _words(query: str) -> list[str]:
    return [w.lower() for w in query.split() if w.strip()]


def search_records(conn: Connection, query: str, *, limit: int = 5000) -> set[str]:
    """Ids of reconciled records whose stored record (types, places, actors, speakers, evidence) or
    whose members' document text contains every word of ``query`` (case-insensitive; document
    text through the FTS5 index on SQLite, where a word also matches as a prefix)."""
    words = _words(query)
    if not words:
        return set()
    fts = has_fts(conn)
    found: set[str] | None = None
    for word in words:
        pat = f"%{_escape_like(word)}%"
        in_record = select(reconciled.c.id).where(func.lower(reconciled.c.record_json).like(pat, escape="\\"))
        ids = {str(x) for x in conn.execute(in_record.limit(limit)).scalars()}
        if fts:
            doc_ids = search_documents(conn, word, limit=limit)
            for i in range(0, len(doc_ids), 500):
                in_docs = select(reconciled_members.c.incident_id).where(
                    reconciled_members.c.doc_id.in_(doc_ids[i : i + 500])
                )
                ids |= {str(x) for x in conn.execute(in_docs.distinct()).scalars()}
        else:
            in_docs = (
                select(reconciled_members.c.incident_id)
                .join(documents, documents.c.id == reconciled_members.c.doc_id)
                .where(
                    or_(
                        func.lower(documents.c.text).like(pat, escape="\\"),
                        func.lower(documents.c.title).like(pat, escape="\\"),
                    )
                )
            )
            ids |= {str(x) for x in conn.execute(in_docs.distinct().limit(limit)).scalars()}
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found or set()


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def audit_for(conn: Connection, subjects: Sequence[str]) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    wanted = list(dict.fromkeys(subjects))
    for i in range(0, len(wanted), 500):
        rows = conn.execute(select(audit_log).where(audit_log.c.subject.in_(wanted[i : i + 500])))
        out.extend(audit.entry_of(r) for r in rows)
    return sorted(out, key=lambda e: e.id)


def recent_audit(conn: Connection, limit: int) -> list[AuditEntry]:
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(max(0, limit)))
    return [audit.entry_of(r) for r in rows]


class WebQueries:
    """Ledger methods for the web app (mixed into :class:`warledger.store.Ledger`)."""

    _engine: Engine

    if TYPE_CHECKING:

        def _guard(self, what: str) -> AbstractContextManager[None]: ...  # provided by Ledger

    # -- users ----------------------------------------------------------------------------
    def save_user(self, name: str, role: str, password_hash: str, *, actor: str = "system") -> bool:
        """Create a web user or replace its role and password hash (audited); True when new."""
        if role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(users.ROLES)}")
        with self._guard("save a user"), write_transaction(self._engine) as conn:
            return users.upsert_user(conn, name, role, password_hash, actor=actor)

    def get_user(self, name: str) -> users.UserRow | None:
        with self._guard("read users"), self._engine.connect() as conn:
            return users.get_user(conn, name)

    def list_users(self) -> list[users.UserRow]:
        with self._guard("read users"), self._engine.connect() as conn:
            return users.list_users(conn)

    def count_users(self) -> int:
        with self._guard("read users"), self._engine.connect() as conn:
            return users.count_users(conn)

    def web_secret(self) -> str:
        """The ledger's session-signing secret (created on first use, never audited or exported)."""
        with self._guard("read the web secret"), self._engine.connect() as conn:
            found = users.read_secret(conn)
        if found is not None:
            return found
        with self._guard("create the web secret"), write_transaction(self._engine) as conn:
            return users.ensure_secret(conn)

    # -- reviews ----------------------------------------------------------------------------
    def add_review(
        self,
        *,
        doc_id: str,
        start: int,
        end: int,
        text: str,
        category: str,
        status: str,
        analyst: str,
        note: str | None = None,
        incident_id: str | None = None,
        low: int | None = None,
        high: int | None = None,
    ) -> FigureReview:
        """Record an analyst's review of a figure (one transaction, audited with the analyst as
        actor); ``corrected`` carries the analyst's value ``low``–``high``."""
        if status not in REVIEW_STATUSES:
            raise StoreError(f"unknown review status {status!r}")
        if status == "corrected":
            if low is None or low < 0 or (high is not None and high < low):
                raise StoreError("a correction needs a value: low >= 0 and high >= low")
            high = low if high is None else high
        else:
            low = high = None
        with self._guard("record a review"), write_transaction(self._engine) as conn:
            return add_review(
                conn,
                doc_id=doc_id,
                start=start,
                end=end,
                text=text,
                category=category,
                status=status,
                note=note,
                analyst=analyst,
                incident_id=incident_id,
                low=low,
                high=high,
            )

    def reviews(self, doc_ids: Sequence[str]) -> dict[tuple[str, int, int], FigureReview]:
        with self._guard("read reviews"), self._engine.connect() as conn:
            return latest_reviews(conn, doc_ids)

    def all_reviews(self) -> dict[tuple[str, int, int], FigureReview]:
        """The newest review of every reviewed figure, keyed by (document, evidence start, end)."""
        with self._guard("read reviews"), self._engine.connect() as conn:
            return all_latest_reviews(conn)

    def reviews_digest(self) -> str:
        with self._guard("read reviews"), self._engine.connect() as conn:
            return reviews_digest(conn)

    # -- search and audit views -------------------------------------------------------------
    def search_reconciled(self, query: str) -> set[str]:
        with self._guard("search incidents"), self._engine.connect() as conn:
            return search_records(conn, query)

    def search_documents(self, query: str, *, limit: int = 5000) -> list[str]:
        """Ids of documents containing every word of ``query`` (FTS5 on SQLite), best first."""
        with self._guard("search documents"), self._engine.connect() as conn:
            return search_documents(conn, query, limit=limit)

    def audit_entries_for(self, subjects: Sequence[str]) -> list[AuditEntry]:
        """Audit rows about any of ``subjects``, oldest first."""
        with self._guard("read the audit log"), self._engine.connect() as conn:
            return audit_for(conn, subjects)

    def recent_audit(self, limit: int = 100) -> list[AuditEntry]:
        """The newest ``limit`` audit rows, newest first."""
        with self._guard("read the audit log"), self._engine.connect() as conn:
            return recent_audit(conn, limit)
