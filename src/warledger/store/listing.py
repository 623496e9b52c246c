"""Paged listings in SQL: reconciled incidents and extracted figures, one page at a time.

The web app's tables and the REST API list with ``LIMIT``/``OFFSET`` over a stable order (records:
``date_start, id`` as :func:`warledger.store.reconciled.query_records`; figures: date, document,
index as :func:`warledger.store.derived.query_figures`) and count with ``COUNT(*)`` over the same
conditions, so a page costs one page of rows whatever the ledger's size.

:class:`ListingFilter` holds the filters SQL can decide exactly on SQLite and PostgreSQL: the
stored columns (kind, dates, place, type, disputed, admin1 / admin2), the actors (read from the
stored record JSON with ``json_extract`` / ``->>``), a report's origin or title (``EXISTS`` over
the members' documents), a latitude/longitude box and a set of ids.  Case-insensitive matching uses
SQL ``lower()``, which SQLite applies to ASCII letters only, so :func:`sql_decidable` tells the
caller to keep a non-ASCII needle for its own (Python) check instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, exists, func, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.expression import cast

from warledger.errors import StoreError
from warledger.store.derived import _filtered, _with_document_and_source, figure_row
from warledger.store.reconciled import (
    RecordFilter,
    StoredRecord,
    _members_of,
    _record,
    record_filter_conditions,
)
from warledger.store.schema import (
    documents,
    extractions,
    figures,
    reconciled,
    reconciled_members,
    story_clusters,
)
from warledger.store.types import DocumentRow, FigureFilter, FigureRow

JSON_DIALECTS = ("sqlite", "postgresql")  # where the actor filter runs in SQL


@dataclass(frozen=True)
class ListingFilter:
    """Filters over the reconciled records that SQL decides (see the module docstring).

    ``since``/``until``/``place``/``type``/``kind``: as :class:`warledger.store.reconciled.RecordFilter`;
    ``disputed``: the column; ``actor``: substring of actor 1 or 2; ``admin1``/``admin2``: equal,
    case-insensitive; ``source``: substring of a member document's origin or title; ``box``:
    (south, north, west, east) in degrees, inclusive; ``ids``: only these records.  Text needles
    are compared lower-cased.
    """

    kind: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    type: str | None = None
    disputed: bool | None = None
    actor: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    source: str | None = None
    box: tuple[float, float, float, float] | None = None
    ids: frozenset[str] | None = None


def sql_decidable(needle: str | None, dialect: str) -> bool:
    """Whether SQL ``lower()`` folds ``needle`` as Python's ``lower()``/``casefold()`` would: always
    for ASCII; never trusted otherwise (SQLite folds ASCII only; PostgreSQL differs on ß etc.)."""
    del dialect  # same rule everywhere, kept as a parameter for a future per-dialect rule
    return needle is None or needle.isascii()


def _like(col: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(col).contains(needle.lower(), autoescape=True)


def _json_text(dialect: str, key: str) -> Any:
    if dialect == "postgresql":
        return cast(reconciled.c.record_json, JSONB)[key].astext
    return func.json_extract(reconciled.c.record_json, f"$.{key}")


def record_conditions(flt: ListingFilter, dialect: str) -> list[ColumnElement[bool]]:
    base = RecordFilter(kind=flt.kind, since=flt.since, until=flt.until, place=flt.place, type=flt.type)
    conds = record_filter_conditions(base)
    if flt.disputed is not None:
        conds.append(reconciled.c.disputed.is_(flt.disputed))
    if flt.actor:
        if dialect not in JSON_DIALECTS:
            raise StoreError(f"the actor filter needs SQLite or PostgreSQL JSON functions, not {dialect}")
        conds.append(
            or_(
                _like(_json_text(dialect, "actor1"), flt.actor),
                _like(_json_text(dialect, "actor2"), flt.actor),
            )
        )
    for col, value in ((reconciled.c.admin1, flt.admin1), (reconciled.c.admin2, flt.admin2)):
        if value:
            conds.append(func.lower(col) == value.lower())
    if flt.source:
        conds.append(
            exists()
            .where(reconciled_members.c.incident_id == reconciled.c.id)
            .where(documents.c.id == reconciled_members.c.doc_id)
            .where(
                or_(
                    _like(documents.c.origin, flt.source),
                    _like(func.coalesce(documents.c.title, ""), flt.source),
                )
            )
        )
    if flt.box is not None:
        south, north, west, east = flt.box
        conds.append(and_(reconciled.c.lat >= south, reconciled.c.lat <= north))
        lon = reconciled.c.lon
        conds.append(and_(lon >= west, lon <= east) if west <= east else or_(lon >= west, lon <= east))
    if flt.ids is not None:
        conds.append(reconciled.c.id.in_(sorted(flt.ids)))
    return conds


def _ordered(stmt: Select, flt: ListingFilter, dialect: str) -> Select:
    conds = record_conditions(flt, dialect)
    if conds:
        stmt = stmt.where(and_(*conds))
    return stmt.order_by(reconciled.c.date_start, reconciled.c.id)


def count_records(conn: Connection, flt: ListingFilter) -> int:
    conds = record_conditions(flt, conn.dialect.name)
    stmt = select(func.count()).select_from(reconciled)
    if conds:
        stmt = stmt.where(and_(*conds))
    return int(conn.execute(stmt).scalar_one())


def page_records(conn: Connection, flt: ListingFilter, limit: int, offset: int) -> list[StoredRecord]:
    """One page of the matching records (with their members), in the stable order."""
    stmt = _ordered(select(reconciled), flt, conn.dialect.name).limit(max(0, limit)).offset(max(0, offset))
    rows = conn.execute(stmt).all()
    members = _members_of(conn, [str(r.id) for r in rows])
    return [_record(r, members.get(str(r.id), ())) for r in rows]


def record_ids(conn: Connection, flt: ListingFilter) -> list[str]:
    """Every matching id in the stable order (for filters the caller still checks itself)."""
    stmt = _ordered(select(reconciled.c.id), flt, conn.dialect.name)
    return [str(x) for x in conn.execute(stmt).scalars()]


def distinct_values(conn: Connection, column: str, *, kind: str | None = None) -> list[str]:
    """The distinct non-empty values of a reconciled column (``event_type``, ``admin1`` …), sorted."""
    col = reconciled.c[column]
    stmt = select(col).where(col.is_not(None)).distinct()
    if kind:
        stmt = stmt.where(reconciled.c.kind == kind)
    return sorted(str(x) for x in conn.execute(stmt).scalars() if x)


def _figure_query(flt: FigureFilter) -> Select:
    cat = func.lower(figures.c.category) == flt.category.strip().lower() if flt.category else None
    return _filtered(_with_document_and_source(figures), figures, flt, cat)


def count_figures(conn: Connection, flt: FigureFilter) -> int:
    inner = _figure_query(FigureFilter(flt.since, flt.until, flt.place, flt.category, flt.doc_id))
    return int(conn.execute(select(func.count()).select_from(inner.order_by(None).subquery())).scalar_one())


def page_figures(conn: Connection, flt: FigureFilter, limit: int, offset: int) -> list[FigureRow]:
    """One page of the matching figures, in :func:`query_figures`' order."""
    base = FigureFilter(flt.since, flt.until, flt.place, flt.category, flt.doc_id)
    stmt = _figure_query(base).limit(max(0, limit)).offset(max(0, offset))
    return [figure_row(r) for r in conn.execute(stmt)]


def _document_rows() -> Select:
    """Stored documents without their text, in ingest order, with cluster and extraction flag."""
    return (
        select(
            documents.c.id,
            documents.c.title,
            documents.c.published,
            documents.c.language,
            documents.c.is_english,
            documents.c.origin,
            story_clusters.c.cluster_id,
            exists().where(extractions.c.doc_id == documents.c.id).label("extracted"),
        )
        .outerjoin(story_clusters, story_clusters.c.doc_id == documents.c.id)
        .order_by(documents.c.added_at, documents.c.id)
    )


def _document_row(r: Any) -> DocumentRow:
    return DocumentRow(
        r.id, r.title, r.published, r.language, bool(r.is_english), r.cluster_id, bool(r.extracted), r.origin
    )


class ListingQueries:
    """Ledger methods for paged listings (mixed into :class:`warledger.store.Ledger`)."""

    _engine: Engine

    if TYPE_CHECKING:

        def _guard(self, what: str) -> AbstractContextManager[None]: ...  # provided by Ledger

    @property
    def dialect(self) -> str:
        """The database dialect's name (``sqlite``, ``postgresql`` …)."""
        return str(self._engine.dialect.name)

    def reconciled_page(self, flt: ListingFilter, limit: int, offset: int) -> tuple[int, list[StoredRecord]]:
        """(the number of matching records, one page of them) — both in SQL."""
        with self._guard("list reconciled incidents"), self._engine.connect() as conn:
            return count_records(conn, flt), page_records(conn, flt, limit, offset)

    def reconciled_ids(self, flt: ListingFilter) -> list[str]:
        with self._guard("list reconciled incidents"), self._engine.connect() as conn:
            return record_ids(conn, flt)

    def reconciled_by_ids(self, ids: Sequence[str]) -> list[StoredRecord]:
        """These records (with members), in the order of ``ids``; unknown ids are skipped."""
        out: dict[str, StoredRecord] = {}
        with self._guard("read reconciled incidents"), self._engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                rows = conn.execute(select(reconciled).where(reconciled.c.id.in_(chunk))).all()
                members = _members_of(conn, [str(r.id) for r in rows])
                out.update((str(r.id), _record(r, members.get(str(r.id), ()))) for r in rows)
        return [out[i] for i in ids if i in out]

    def reconciled_values(self, column: str, *, kind: str | None = None) -> list[str]:
        with self._guard("read reconciled incidents"), self._engine.connect() as conn:
            return distinct_values(conn, column, kind=kind)

    def figures_page(self, flt: FigureFilter, limit: int, offset: int) -> tuple[int, list[FigureRow]]:
        """(the number of matching figures, one page of them) — both in SQL."""
        with self._guard("read figures"), self._engine.connect() as conn:
            return count_figures(conn, flt), page_figures(conn, flt, limit, offset)

    def document_rows(self, *, limit: int | None = None) -> list[DocumentRow]:
        """A light listing of stored documents (no text), in ingest order."""
        stmt = _document_rows()
        if limit is not None:
            stmt = stmt.limit(max(0, limit))
        with self._guard("read documents"), self._engine.connect() as conn:
            return [_document_row(r) for r in conn.execute(stmt)]

    def documents_page(self, limit: int, offset: int) -> tuple[int, list[DocumentRow]]:
        """(how many documents are stored, one page of them in ingest order) — both in SQL."""
        stmt = _document_rows().limit(max(0, limit)).offset(max(0, offset))
        with self._guard("read documents"), self._engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
            return total, [_document_row(r) for r in conn.execute(stmt)]

    def document_rows_by_ids(self, ids: Sequence[str], *, ingest_order: bool = False) -> list[DocumentRow]:
        """These documents' rows, in the order of ``ids`` or, with ``ingest_order``, in ingest
        order (one query: for small sets such as a story cluster); unknown ids are skipped."""
        found: dict[str, DocumentRow] = {}
        with self._guard("read documents"), self._engine.connect() as conn:
            if ingest_order:
                stmt = _document_rows().where(documents.c.id.in_(list(ids)))
                return [_document_row(r) for r in conn.execute(stmt)]
            for i in range(0, len(ids), 500):
                stmt = _document_rows().where(documents.c.id.in_(list(ids[i : i + 500])))
                found.update((str(r.id), _document_row(r)) for r in conn.execute(stmt))
        return [found[i] for i in ids if i in found]
