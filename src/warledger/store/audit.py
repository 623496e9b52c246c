"""The hash-chained audit log.

Every row stores ``hash = sha256(prev_hash + canonical(content))`` where ``content`` is the row's
id, time, actor, action, subject and canonical payload; the first row's ``prev_hash`` is 64 zeros.
The newest row's id and hash are also kept in ``ledger_meta`` ("audit_head") so that deleting the
last rows is detected too.  Rows are appended only inside a write transaction that holds the
writer lock (see :func:`warledger.store.db.write_transaction`), so the chain cannot fork.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from warledger.store.schema import audit_log, ledger_meta
from warledger.store.types import AuditEntry

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def canonical_json(value: object) -> str:
    """Sorted keys, no spaces, UTF-8 kept; dates/datetimes/paths as ISO strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return obj.hex()
    if isinstance(obj, set | frozenset | tuple):
        return sorted(obj) if isinstance(obj, set | frozenset) else list(obj)
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    return str(obj)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def row_hash(prev_hash: str, *, id: int, at: str, actor: str, action: str, subject: str, payload: str) -> str:
    content = canonical_json(
        {"id": id, "at": at, "actor": actor, "action": action, "subject": subject, "payload": payload}
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def append(
    conn: Connection, action: str, subject: str, payload: Mapping[str, object], *, actor: str = "system"
) -> AuditEntry:
    """Append one row inside the caller's (locked) write transaction."""
    last = conn.execute(
        select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).first()
    new_id = 1 if last is None else int(last.id) + 1
    prev = GENESIS if last is None else str(last.hash)
    at = now_iso()
    body = canonical_json(dict(payload))
    digest = row_hash(prev, id=new_id, at=at, actor=actor, action=action, subject=subject, payload=body)
    conn.execute(
        insert(audit_log).values(
            id=new_id,
            at=at,
            actor=actor,
            action=action,
            subject=subject,
            payload=body,
            prev_hash=prev,
            hash=digest,
        )
    )
    head_value = f"{new_id}:{digest}"
    updated = conn.execute(update(ledger_meta).where(ledger_meta.c.key == HEAD_KEY).values(value=head_value))
    if updated.rowcount == 0:
        conn.execute(insert(ledger_meta).values(key=HEAD_KEY, value=head_value))
    return AuditEntry(new_id, at, actor, action, subject, body, prev, digest)


def entries(conn: Connection, subject: str | None = None) -> list[AuditEntry]:
    stmt = select(audit_log).order_by(audit_log.c.id)
    if subject is not None:
        stmt = stmt.where(audit_log.c.subject == subject)
    return [entry_of(r) for r in conn.execute(stmt)]


def entry_of(r: Any) -> AuditEntry:
    """An ``audit_log`` row as an :class:`AuditEntry`."""
    return AuditEntry(
        int(r.id),
        str(r.at),
        str(r.actor),
        str(r.action),
        str(r.subject),
        str(r.payload),
        str(r.prev_hash),
        str(r.hash),
    )


def _iter_rows(conn: Connection, batch: int = 5000) -> Iterator[AuditEntry]:
    last_id = 0
    while True:
        rows = conn.execute(
            select(audit_log).where(audit_log.c.id > last_id).order_by(audit_log.c.id).limit(batch)
        ).all()
        if not rows:
            return
        for r in rows:
            yield entry_of(r)
        last_id = int(rows[-1].id)


def verify_chain(conn: Connection) -> tuple[int, list[str]]:
    """Check the whole chain; returns (row count, problems). Reports the first bad row only."""
    prev = GENESIS
    expected_id = 1
    count = 0
    problems: list[str] = []
    last: AuditEntry | None = None
    for e in _iter_rows(conn):
        count += 1
        if problems:
            continue  # keep counting; everything after the first break is unverifiable
        if e.id != expected_id:
            problems.append(
                f"audit log: row {e.id} follows row {expected_id - 1}: "
                f"row {expected_id} was deleted or ids were changed"
            )
        elif e.prev_hash != prev:
            problems.append(
                f"audit log: row {e.id} does not link to row {e.id - 1} "
                "(a row before it was changed, deleted or inserted)"
            )
        elif (
            row_hash(
                e.prev_hash,
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                subject=e.subject,
                payload=e.payload,
            )
            != e.hash
        ):
            problems.append(f"audit log: row {e.id} was altered (its hash does not match its content)")
        prev = e.hash
        expected_id = e.id + 1
        last = e
    if not problems:
        head = conn.execute(select(ledger_meta.c.value).where(ledger_meta.c.key == HEAD_KEY)).scalar()
        actual = None if last is None else f"{last.id}:{last.hash}"
        if head != actual:
            head_id = str(head).split(":", 1)[0] if head else "none"
            problems.append(
                f"audit log: the recorded head is row {head_id} but the log ends at row "
                f"{last.id if last else 'none'} (rows at the end were deleted or added)"
            )
    stored = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
    return int(stored), problems
