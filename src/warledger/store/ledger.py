"""The ledger: documents, extractions, story clusters and the evidence archive behind one object."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, and_, delete, exists, insert, or_, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from warledger.errors import StoreError
from warledger.models import Document, DocumentResult
from warledger.store import archive, audit, reconciled
from warledger.store.account_queries import AccountQueries
from warledger.store.db import make_engine, migrate, resolve_url, sqlite_path, write_transaction
from warledger.store.derived import query_figures, query_incidents, result_digest, write_derived
from warledger.store.listing import ListingQueries
from warledger.store.schema import (
    archive_files,
    archive_sightings,
    documents,
    extractions,
    minhashes,
    story_clusters,
)
from warledger.store.types import (
    ArchivedFile,
    AuditEntry,
    FigureFilter,
    FigureRow,
    IncidentRow,
    VerifyReport,
)
from warledger.store.verify import verify_ledger
from warledger.store.web_queries import WebQueries

_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_ledger(
    url: str | os.PathLike[str] | None = None,
    *,
    archive_dir: str | os.PathLike[str] | None = None,
    create: bool = True,
) -> Ledger:
    """Open (creating and migrating if needed) the ledger at ``url``.

    ``url``: None -> ``Settings().db``; a plain path -> SQLite; ``sqlite:///…`` or
    ``postgresql://…`` URLs as given.  ``archive_dir`` defaults to ``Settings().archive``, else
    ``<database folder>/archive`` for SQLite and ``./archive`` otherwise.  With ``create=False`` a
    missing SQLite file is an error instead of a new, empty ledger (for read-only commands).
    """
    resolved = resolve_url(url)
    display = resolved.render_as_string(hide_password=True)
    db_file = sqlite_path(resolved)
    if db_file is not None:
        _check_sqlite_file(db_file, create=create)
    root = _archive_root(archive_dir, db_file)
    engine = make_engine(resolved)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the ledger {display}: {_reason(exc)}") from exc
    except StoreError:
        engine.dispose()
        raise
    return Ledger(engine, resolved, root)


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a ledger database file")
    if not path.exists():
        if not create:
            raise StoreError(f"no ledger database at {path} (ingest something first, or pass --db)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {path}: {exc.strerror or exc}") from exc
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the ledger database {path}: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is not a warledger database (not an SQLite file)")


def _archive_root(archive_dir: str | os.PathLike[str] | None, db_file: Path | None) -> Path:
    if archive_dir is not None:
        return Path(archive_dir).expanduser().resolve()
    from warledger.settings import Settings

    configured = Settings().archive
    if configured:
        return Path(configured).expanduser().resolve()
    if db_file is not None:
        return db_file.parent / "archive"
    return Path("archive").resolve()


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def _iso(dt: datetime) -> str:
    return dt.isoformat()


class Ledger(WebQueries, AccountQueries, ListingQueries):
    """A ledger database plus its evidence archive. Use as a context manager, or call close()."""

    def __init__(self, engine: Engine, url: URL, archive_root: Path) -> None:
        self._engine = engine
        self._url = url
        self.url: str = url.render_as_string(hide_password=False)
        self.display_url: str = url.render_as_string(hide_password=True)
        self.archive_root: Path = archive_root

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.display_url!r}, archive={str(self.archive_root)!r})"

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"ledger {self.display_url}: cannot {what}: {_reason(exc)}") from exc

    # -- evidence archive --------------------------------------------------------------------
    def archive_path(self, sha256: str) -> Path:
        return archive.file_path(self.archive_root, sha256)

    def archive_bytes(
        self,
        data: bytes,
        *,
        origin: str,
        media_type: str,
        retrieved_at: datetime | None = None,
        actor: str = "system",
    ) -> ArchivedFile:
        """Store ``data`` byte for byte under its sha256 *before* anything is derived from it.

        The same bytes again are not rewritten (``existed=True``); a new origin is recorded as an
        extra sighting.  ``actor`` is who the audit entries name (the ingest's user).
        """
        sha = archive.sha256_bytes(data)
        when = retrieved_at or datetime.now(UTC)
        with self._guard("archive a file"):
            with self._engine.connect() as conn:
                known = conn.execute(select(archive_files).where(archive_files.c.sha256 == sha)).first()
            if known is None:
                archive.write_file(self.archive_root, sha, data)  # the bytes first, then the metadata
            with write_transaction(self._engine) as conn:
                row = conn.execute(select(archive_files).where(archive_files.c.sha256 == sha)).first()
                if row is None:
                    conn.execute(
                        insert(archive_files).values(
                            sha256=sha,
                            size=len(data),
                            media_type=media_type,
                            origin=origin,
                            retrieved_at=_iso(when),
                            archived_at=audit.now_iso(),
                        )
                    )
                    conn.execute(
                        insert(archive_sightings).values(sha256=sha, origin=origin, retrieved_at=_iso(when))
                    )
                    audit.append(
                        conn,
                        "archive",
                        sha,
                        {
                            "origin": origin,
                            "media_type": media_type,
                            "size": len(data),
                            "retrieved_at": _iso(when),
                        },
                        actor=actor,
                    )
                    return ArchivedFile(
                        sha, self.archive_path(sha), len(data), media_type, origin, when, False
                    )
                seen = conn.execute(
                    select(archive_sightings.c.id).where(
                        and_(archive_sightings.c.sha256 == sha, archive_sightings.c.origin == origin)
                    )
                ).first()
                if seen is None:
                    conn.execute(
                        insert(archive_sightings).values(sha256=sha, origin=origin, retrieved_at=_iso(when))
                    )
                    audit.append(
                        conn,
                        "archive-sighting",
                        sha,
                        {"origin": origin, "retrieved_at": _iso(when)},
                        actor=actor,
                    )
                return ArchivedFile(
                    sha,
                    self.archive_path(sha),
                    int(row.size),
                    str(row.media_type),
                    str(row.origin),
                    datetime.fromisoformat(row.retrieved_at),
                    True,
                )

    def sightings(self, sha256: str) -> list[tuple[str, datetime]]:
        """Every (origin, retrieval time) the archived bytes were seen at, first first."""
        with self._guard("read the archive"), self._engine.connect() as conn:
            rows = conn.execute(
                select(archive_sightings.c.origin, archive_sightings.c.retrieved_at)
                .where(archive_sightings.c.sha256 == sha256)
                .order_by(archive_sightings.c.id)
            ).all()
        return [(str(r.origin), datetime.fromisoformat(r.retrieved_at)) for r in rows]

    # -- documents ---------------------------------------------------------------------------
    def add_document(self, doc: Document, *, actor: str = "system") -> bool:
        """Store a document (one transaction, audited as ``ingest`` by ``actor``). True if inserted,
        False if its id was already there."""
        with self._guard("store a document"), write_transaction(self._engine) as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first() is not None:
                return False
            conn.execute(
                insert(documents).values(
                    id=doc.id,
                    sha256=doc.sha256,
                    origin=doc.origin,
                    media_type=doc.media_type,
                    retrieved_at=_iso(doc.retrieved_at),
                    title=doc.title,
                    url=doc.url,
                    published=doc.published,
                    language=doc.language,
                    is_english=doc.is_english,
                    text=doc.text,
                    doc_json=doc.model_dump_json(exclude={"text"}),
                    added_at=audit.now_iso(),
                )
            )
            audit.append(
                conn,
                "ingest",
                doc.id,
                {
                    "sha256": doc.sha256,
                    "origin": doc.origin,
                    "title": doc.title,
                    "published": doc.published,
                    "language": doc.language,
                    "is_english": doc.is_english,
                    "text_sha256": archive.sha256_bytes(doc.text.encode("utf-8")),
                    "chars": len(doc.text),
                },
                actor=actor,
            )
            return True

    def get_document(self, doc_id: str) -> Document | None:
        with self._guard("read a document"), self._engine.connect() as conn:
            row = conn.execute(
                select(documents.c.doc_json, documents.c.text).where(documents.c.id == doc_id)
            ).first()
        return None if row is None else _document(row.doc_json, row.text)

    def documents(self, *, limit: int | None = None) -> list[Document]:
        stmt = select(documents.c.doc_json, documents.c.text).order_by(documents.c.added_at, documents.c.id)
        if limit is not None:
            stmt = stmt.limit(max(0, limit))
        with self._guard("read documents"), self._engine.connect() as conn:
            return [_document(r.doc_json, r.text) for r in conn.execute(stmt)]

    def find_documents(self, ref: str) -> list[str]:
        """Ids of the documents ``ref`` names: an exact id, else a unique-enough id prefix (4+
        characters), else an origin (as stored, as an absolute path, or a trailing part of it)."""
        ref = ref.strip()
        if not ref:
            return []
        with self._guard("look up documents"), self._engine.connect() as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == ref)).first() is not None:
                return [ref]
            if len(ref) >= 4:
                by_prefix = conn.execute(
                    select(documents.c.id)
                    .where(documents.c.id.startswith(ref, autoescape=True))
                    .order_by(documents.c.id)
                    .limit(20)
                ).scalars()
                found = [str(x) for x in by_prefix]
                if found:
                    return found
            absolute = str(Path(ref).expanduser().resolve())
            by_origin = conn.execute(
                select(documents.c.id)
                .where(
                    or_(
                        documents.c.origin == ref,
                        documents.c.origin == absolute,
                        documents.c.origin.endswith("/" + ref.removeprefix("./"), autoescape=True),
                    )
                )
                .order_by(documents.c.added_at, documents.c.id)
                .limit(20)
            ).scalars()
            return [str(x) for x in by_origin]

    # -- extractions -------------------------------------------------------------------------
    def save_extraction(self, doc_id: str, result: DocumentResult, *, actor: str = "system") -> None:
        """Replace the document's extraction and its derived rows in one transaction (idempotent)."""
        result_json = result.model_dump_json()
        digest = result_digest(result_json)
        with self._guard("save an extraction"), write_transaction(self._engine) as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is None:
                raise StoreError(f"cannot save an extraction for unknown document {doc_id!r}")
            old = conn.execute(select(extractions.c.digest).where(extractions.c.doc_id == doc_id)).scalar()
            if old == digest:
                return
            write_derived(conn, doc_id, result, result_json, audit.now_iso())
            audit.append(
                conn,
                "extract",
                doc_id,
                {
                    "digest": digest,
                    "replaced": old is not None,
                    "figures": len(result.figures),
                    "places": len(result.places),
                    "incidents": len(result.incidents),
                    "claims": len(result.claims),
                },
                actor=actor,
            )

    def get_extraction(self, doc_id: str) -> DocumentResult | None:
        with self._guard("read an extraction"), self._engine.connect() as conn:
            raw = conn.execute(
                select(extractions.c.result_json).where(extractions.c.doc_id == doc_id)
            ).scalar()
        return None if raw is None else DocumentResult.model_validate_json(raw)

    def pending_extraction(self) -> list[str]:
        """Ids of English documents with no extraction yet, in ingest order."""
        stmt = (
            select(documents.c.id)
            .where(documents.c.is_english.is_(True))
            .where(~exists().where(extractions.c.doc_id == documents.c.id))
            .order_by(documents.c.added_at, documents.c.id)
        )
        with self._guard("list pending documents"), self._engine.connect() as conn:
            return [str(x) for x in conn.execute(stmt).scalars()]

    def figures(self, flt: FigureFilter | None = None) -> list[FigureRow]:
        with self._guard("read figures"), self._engine.connect() as conn:
            return query_figures(conn, flt or FigureFilter())

    def incidents(self, flt: FigureFilter | None = None) -> list[IncidentRow]:
        with self._guard("read incidents"), self._engine.connect() as conn:
            return query_incidents(conn, flt or FigureFilter())

    # -- story clusters and minhashes --------------------------------------------------------
    def set_cluster(self, doc_id: str, cluster_id: str, similarity: float, *, actor: str = "system") -> None:
        with self._guard("set a story cluster"), write_transaction(self._engine) as conn:
            old = conn.execute(select(story_clusters).where(story_clusters.c.doc_id == doc_id)).first()
            if (
                old is not None
                and old.cluster_id == cluster_id
                and float(old.similarity) == float(similarity)
            ):
                return
            conn.execute(delete(story_clusters).where(story_clusters.c.doc_id == doc_id))
            conn.execute(
                insert(story_clusters).values(
                    doc_id=doc_id,
                    cluster_id=cluster_id,
                    similarity=float(similarity),
                    assigned_at=audit.now_iso(),
                )
            )
            payload = {"cluster_id": cluster_id, "similarity": float(similarity)}
            audit.append(conn, "cluster", doc_id, payload, actor=actor)

    def cluster_of(self, doc_id: str) -> str | None:
        with self._guard("read story clusters"), self._engine.connect() as conn:
            return conn.execute(
                select(story_clusters.c.cluster_id).where(story_clusters.c.doc_id == doc_id)
            ).scalar()

    def cluster_members(self, cluster_id: str) -> list[str]:
        with self._guard("read story clusters"), self._engine.connect() as conn:
            return [
                str(x)
                for x in conn.execute(
                    select(story_clusters.c.doc_id)
                    .where(story_clusters.c.cluster_id == cluster_id)
                    .order_by(story_clusters.c.assigned_at, story_clusters.c.doc_id)
                ).scalars()
            ]

    def save_minhash(self, doc_id: str, hashvalues: bytes) -> None:
        with self._guard("save a minhash"), write_transaction(self._engine) as conn:
            conn.execute(delete(minhashes).where(minhashes.c.doc_id == doc_id))
            conn.execute(insert(minhashes).values(doc_id=doc_id, hashvalues=bytes(hashvalues)))

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        """Every stored (doc id, minhash bytes), read in batches (no transaction held between them)."""
        last = ""
        while True:
            with self._guard("read minhashes"), self._engine.connect() as conn:
                batch = conn.execute(
                    select(minhashes.c.doc_id, minhashes.c.hashvalues)
                    .where(minhashes.c.doc_id > last)
                    .order_by(minhashes.c.doc_id)
                    .limit(1000)
                ).all()
            if not batch:
                return
            for doc_id, values in batch:
                yield str(doc_id), bytes(values)
            last = str(batch[-1][0])

    # -- reconciled ledger (see warledger.store.reconciled) ------------------------------------
    def reconcile_input_digest(self) -> str:
        with self._guard("read reconcile inputs"), self._engine.connect() as conn:
            return reconciled.input_digest(conn)

    def save_reconciled(
        self, records: Sequence[reconciled.StoredRecord], *, digest: str, report: Mapping[str, object]
    ) -> None:
        """Replace every reconciled record in one transaction (audited as ``reconcile``)."""
        with self._guard("save reconciled incidents"), write_transaction(self._engine) as conn:
            reconciled.replace_all(conn, records, digest=digest, report=report)

    def reconciled_records(
        self, flt: reconciled.RecordFilter | None = None
    ) -> list[reconciled.StoredRecord]:
        with self._guard("read reconciled incidents"), self._engine.connect() as conn:
            return reconciled.query_records(conn, flt or reconciled.RecordFilter())

    def reconciled_record(self, record_id: str) -> reconciled.StoredRecord | None:
        with self._guard("read a reconciled incident"), self._engine.connect() as conn:
            return reconciled.get_record(conn, record_id)

    def find_reconciled(self, ref: str) -> list[str]:
        with self._guard("look up reconciled incidents"), self._engine.connect() as conn:
            return reconciled.find_records(conn, ref)

    def member_assignments(self) -> dict[str, str]:
        with self._guard("read reconciled members"), self._engine.connect() as conn:
            return reconciled.member_assignments(conn)

    def add_override(
        self,
        kind: str,
        members_a: Sequence[str],
        members_b: Sequence[str],
        *,
        analyst: str,
        reason: str | None = None,
        subject: str,
    ) -> int:
        """Record an analyst's merge/split (one transaction, audited with the analyst as actor)."""
        with self._guard("record an override"), write_transaction(self._engine) as conn:
            return reconciled.add_override(
                conn,
                kind=kind,
                members_a=members_a,
                members_b=members_b,
                analyst=analyst,
                reason=reason,
                subject=subject,
            )

    def overrides(self) -> list[reconciled.StoredOverride]:
        with self._guard("read overrides"), self._engine.connect() as conn:
            return reconciled.list_overrides(conn)

    def last_reconcile(self) -> reconciled.ReconcileRun | None:
        with self._guard("read reconcile runs"), self._engine.connect() as conn:
            return reconciled.last_run(conn)

    # -- audit and verification --------------------------------------------------------------
    def audit(
        self, action: str, subject: str, payload: Mapping[str, object], *, actor: str = "system"
    ) -> None:
        with self._guard("write the audit log"), write_transaction(self._engine) as conn:
            audit.append(conn, action, subject, payload, actor=actor)

    def audit_entries(self, subject: str | None = None) -> list[AuditEntry]:
        with self._guard("read the audit log"), self._engine.connect() as conn:
            return audit.entries(conn, subject)

    def verify(self) -> VerifyReport:
        """Check the audit chain, the archive files and the stored documents/extractions against it."""
        with self._guard("verify the ledger"), self._engine.connect() as conn, conn.begin():
            return verify_ledger(conn, self.archive_root)


def _document(doc_json: str, text: str) -> Document:
    data = json.loads(doc_json)
    data["text"] = text
    return Document.model_validate(data)
