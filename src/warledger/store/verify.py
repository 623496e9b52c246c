"""``Ledger.verify``: the audit chain, the archive files, and the stored rows the chain vouches for."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import Connection, select

from warledger.errors import StoreError
from warledger.store import archive, audit
from warledger.store.derived import result_digest
from warledger.store.schema import archive_files, audit_log, documents, extractions, reconciled
from warledger.store.types import VerifyReport


def verify_ledger(conn: Connection, root: Path) -> VerifyReport:
    rows, problems = audit.verify_chain(conn)
    files, archive_problems, unrecorded = _verify_archive(conn, root)
    problems.extend(archive_problems)
    problems.extend(_verify_documents(conn))
    problems.extend(_verify_reconciled(conn))
    return VerifyReport(
        ok=not problems, problems=problems, audit_rows=rows, archive_files=files, unrecorded=unrecorded
    )


def _verify_archive(conn: Connection, root: Path) -> tuple[int, list[str], list[str]]:
    problems: list[str] = []
    known: set[str] = set()
    recorded_hashes = set(
        conn.execute(select(audit_log.c.subject).where(audit_log.c.action == "archive")).scalars()
    )
    for row in conn.execute(select(archive_files.c.sha256, archive_files.c.size, archive_files.c.origin)):
        sha, size = str(row.sha256), int(row.size)
        known.add(sha)
        if sha not in recorded_hashes:
            problems.append(f"archive: {sha} has a metadata row but no 'archive' entry in the audit log")
        try:
            path = archive.file_path(root, sha)
        except StoreError as exc:  # a malformed name in the table
            problems.append(f"archive: bad file name in metadata: {exc}")
            continue
        if not path.is_file():
            problems.append(f"archive: file missing: {path} (from {row.origin})")
            continue
        try:
            digest, actual_size = archive.sha256_file(path)
        except OSError as exc:
            problems.append(f"archive: cannot read {path}: {exc.strerror or exc}")
            continue
        if digest != sha:
            problems.append(f"archive: {path} is corrupted: its content hashes to {digest}, not to its name")
        elif actual_size != size:
            problems.append(f"archive: {path} is {actual_size} bytes but its metadata says {size}")
    unrecorded = sorted(str(p) for name, p in archive.iter_files(root) if name not in known)
    return len(known), problems, unrecorded


def _latest_payloads(conn: Connection, action: str) -> dict[str, dict[str, object]]:
    """subject -> payload of the newest audit entry with this action."""
    out: dict[str, dict[str, object]] = {}
    stmt = (
        select(audit_log.c.subject, audit_log.c.payload)
        .where(audit_log.c.action == action)
        .order_by(audit_log.c.id)
    )
    for subject, payload in conn.execute(stmt):
        try:
            value = json.loads(payload)
        except ValueError:
            value = {}
        out[str(subject)] = value if isinstance(value, dict) else {}
    return out


def _verify_documents(conn: Connection) -> list[str]:
    """Documents and extractions must match what the audit chain recorded when they were written."""
    problems: list[str] = []
    ingests = _latest_payloads(conn, "ingest")
    archived = set(conn.execute(select(archive_files.c.sha256)).scalars())
    for doc_id, sha, text in conn.execute(select(documents.c.id, documents.c.sha256, documents.c.text)):
        entry = ingests.get(str(doc_id))
        if entry is None:
            problems.append(f"document {doc_id!r}: no 'ingest' entry in the audit log")
        elif entry.get("text_sha256") != hashlib.sha256(str(text).encode("utf-8")).hexdigest():
            problems.append(f"document {doc_id!r}: its text differs from the text recorded at ingest")
        elif entry.get("sha256") != sha:
            problems.append(f"document {doc_id!r}: its archive hash differs from the one recorded at ingest")
        if sha not in archived:
            problems.append(f"document {doc_id!r}: its original ({sha}) is not in the evidence archive")
    extracts = _latest_payloads(conn, "extract")
    for doc_id, result_json, digest in conn.execute(
        select(extractions.c.doc_id, extractions.c.result_json, extractions.c.digest)
    ):
        actual = result_digest(str(result_json))
        entry = extracts.get(str(doc_id))
        if actual != digest or entry is None or entry.get("digest") != actual:
            problems.append(f"extraction of {doc_id!r}: differs from the one recorded in the audit log")
    return problems


def _verify_reconciled(conn: Connection) -> list[str]:
    """The stored reconciled records must hash to the ``records_sha256`` of the latest ``reconcile``
    audit entry (records in reconcile's order: incidents, then aggregates, each by id)."""
    rows = sorted(
        (
            (str(i), str(k), str(j))
            for i, k, j in conn.execute(select(reconciled.c.id, reconciled.c.kind, reconciled.c.record_json))
        ),
        key=lambda r: (r[1] != "incident", r[0]),
    )
    entry = conn.execute(
        select(audit_log.c.payload)
        .where(audit_log.c.action == "reconcile")
        .order_by(audit_log.c.id.desc())
        .limit(1)
    ).scalar()
    if entry is None:
        return (
            [f"reconciled: {len(rows)} stored records but no 'reconcile' entry in the audit log"]
            if rows
            else []
        )
    try:
        recorded = json.loads(entry).get("records_sha256")
    except (ValueError, AttributeError):
        recorded = None
    if recorded is None:
        return []  # written before the digest was recorded
    actual = hashlib.sha256("".join(f"{i}\n{j}\n" for i, _k, j in rows).encode("utf-8")).hexdigest()
    if actual != recorded:
        return [
            f"reconciled: the {len(rows)} stored records differ from those recorded by the last reconcile "
            "run (run `warledger reconcile` to re-derive them)"
        ]
    return []
