"""SQL for the reconciled ledger: records (incidents, aggregate tolls), members, overrides, runs.

The reconcile package computes the records; this module only stores and queries them.  A reconcile
run replaces every record in one transaction and appends one ``reconcile`` audit entry; analyst
overrides are appended (never edited) with an audit entry carrying the analyst as actor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, or_, select

from warledger.store import audit
from warledger.store.schema import (
    extractions,
    reconcile_overrides,
    reconcile_runs,
    reconciled,
    reconciled_members,
    story_clusters,
)


@dataclass(frozen=True)
class StoredRecord:
    """A reconciled record as stored: index columns plus the whole record as JSON."""

    id: str
    kind: str
    event_type: str
    sub_event_type: str
    date_start: date | None
    date_end: date | None
    place_name: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    disputed: bool
    killed_best: int | None
    record_json: str
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredOverride:
    id: int
    kind: str
    members_a: tuple[str, ...]
    members_b: tuple[str, ...]
    analyst: str
    reason: str | None
    at: str


@dataclass(frozen=True)
class ReconcileRun:
    id: int
    at: str
    input_digest: str
    report: dict[str, Any]


@dataclass(frozen=True)
class RecordFilter:
    """``since``/``until``: the occurrence interval overlaps; ``place``: substring of place name,
    admin1 or admin2; ``type``: substring of the event or sub-event type (all case-insensitive)."""

    kind: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    type: str | None = None


def input_digest(conn: Connection) -> str:
    """A digest of everything reconcile reads: extractions, story clusters, overrides."""
    h = hashlib.sha256()
    for doc_id, digest in conn.execute(
        select(extractions.c.doc_id, extractions.c.digest).order_by(extractions.c.doc_id)
    ):
        h.update(f"x|{doc_id}|{digest}\n".encode())
    for doc_id, cluster in conn.execute(
        select(story_clusters.c.doc_id, story_clusters.c.cluster_id).order_by(story_clusters.c.doc_id)
    ):
        h.update(f"c|{doc_id}|{cluster}\n".encode())
    last = conn.execute(select(func.max(reconcile_overrides.c.id))).scalar()
    h.update(f"o|{last}\n".encode())
    return h.hexdigest()


def replace_all(
    conn: Connection, records: Sequence[StoredRecord], *, digest: str, report: Mapping[str, object]
) -> None:
    conn.execute(delete(reconciled_members))
    conn.execute(delete(reconciled))
    member_rows: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for r in records:
        rows.append(
            {
                "id": r.id,
                "kind": r.kind,
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "date_start": r.date_start,
                "date_end": r.date_end,
                "place_name": r.place_name,
                "admin1": r.admin1,
                "admin2": r.admin2,
                "country": r.country,
                "lat": r.lat,
                "lon": r.lon,
                "disputed": r.disputed,
                "killed_best": r.killed_best,
                "record_json": r.record_json,
            }
        )
        for m in r.members:
            member_rows.append({"member": m, "doc_id": m.rsplit("#", 1)[0], "incident_id": r.id})
    if rows:
        conn.execute(insert(reconciled), rows)
    if member_rows:
        conn.execute(insert(reconciled_members), member_rows)
    at = audit.now_iso()
    conn.execute(
        insert(reconcile_runs).values(at=at, input_digest=digest, report_json=audit.canonical_json(report))
    )
    records_digest = hashlib.sha256(
        "".join(f"{r.id}\n{r.record_json}\n" for r in records).encode("utf-8")
    ).hexdigest()
    audit.append(conn, "reconcile", "reconciled-ledger", {**report, "records_sha256": records_digest})


def _record(row: Any, members: tuple[str, ...] = ()) -> StoredRecord:
    return StoredRecord(
        id=str(row.id),
        kind=str(row.kind),
        event_type=str(row.event_type),
        sub_event_type=str(row.sub_event_type),
        date_start=row.date_start,
        date_end=row.date_end,
        place_name=row.place_name,
        admin1=row.admin1,
        admin2=row.admin2,
        country=row.country,
        lat=row.lat,
        lon=row.lon,
        disputed=bool(row.disputed),
        killed_best=row.killed_best,
        record_json=str(row.record_json),
        members=members,
    )


def record_filter_conditions(flt: RecordFilter) -> list[ColumnElement[bool]]:
    """The SQL conditions of a :class:`RecordFilter` (also the base of the web app's listings)."""
    conds: list[ColumnElement[bool]] = []
    if flt.kind:
        conds.append(reconciled.c.kind == flt.kind)
    if flt.since:
        conds.append(or_(reconciled.c.date_end.is_(None), reconciled.c.date_end >= flt.since))
    if flt.until:
        conds.append(or_(reconciled.c.date_start.is_(None), reconciled.c.date_start <= flt.until))
    if flt.place:  # a % or _ in the needle stays a wildcard
        pat = f"%{flt.place.lower()}%"
        cols = (reconciled.c.place_name, reconciled.c.admin1, reconciled.c.admin2)
        conds.append(or_(*(func.lower(c).like(pat) for c in cols)))
    if flt.type:
        pat = f"%{flt.type.lower()}%"
        conds.append(
            or_(
                func.lower(reconciled.c.event_type).like(pat),
                func.lower(reconciled.c.sub_event_type).like(pat),
            )
        )
    return conds


def query_records(conn: Connection, flt: RecordFilter) -> list[StoredRecord]:
    stmt = (
        select(reconciled)
        .where(*record_filter_conditions(flt))
        .order_by(reconciled.c.date_start, reconciled.c.id)
    )
    rows = conn.execute(stmt).all()
    members = _members_of(conn, [str(r.id) for r in rows])
    return [_record(r, members.get(str(r.id), ())) for r in rows]


def _members_of(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for inc, member in conn.execute(
            select(reconciled_members.c.incident_id, reconciled_members.c.member)
            .where(reconciled_members.c.incident_id.in_(chunk))
            .order_by(reconciled_members.c.member)
        ):
            out.setdefault(str(inc), []).append(str(member))
    return {k: tuple(v) for k, v in out.items()}


def get_record(conn: Connection, record_id: str) -> StoredRecord | None:
    row = conn.execute(select(reconciled).where(reconciled.c.id == record_id)).first()
    if row is None:
        return None
    return _record(row, _members_of(conn, [record_id]).get(record_id, ()))


def find_records(conn: Connection, ref: str) -> list[str]:
    """Record ids ``ref`` names: an exact id, else an id prefix, else the incidents of a document
    (exact document id or a 4+ character prefix of it), else the incident holding a member key."""
    ref = ref.strip()
    if not ref:
        return []
    if conn.execute(select(reconciled.c.id).where(reconciled.c.id == ref)).first() is not None:
        return [ref]
    by_prefix = [
        str(x)
        for x in conn.execute(
            select(reconciled.c.id).where(reconciled.c.id.startswith(ref, autoescape=True)).limit(50)
        ).scalars()
    ]
    if by_prefix:
        return by_prefix
    member = conn.execute(
        select(reconciled_members.c.incident_id).where(reconciled_members.c.member == ref)
    ).scalar()
    if member is not None:
        return [str(member)]
    if len(ref) < 4:
        return []
    stmt = (
        select(reconciled_members.c.incident_id)
        .where(
            or_(
                reconciled_members.c.doc_id == ref,
                reconciled_members.c.doc_id.startswith(ref, autoescape=True),
            )
        )
        .distinct()
        .order_by(reconciled_members.c.incident_id)
    )
    return [str(x) for x in conn.execute(stmt).scalars()]


def member_assignments(conn: Connection) -> dict[str, str]:
    """member key -> incident id, as of the last run."""
    return {
        str(m): str(i)
        for m, i in conn.execute(select(reconciled_members.c.member, reconciled_members.c.incident_id))
    }


def add_override(
    conn: Connection,
    *,
    kind: str,
    members_a: Sequence[str],
    members_b: Sequence[str],
    analyst: str,
    reason: str | None,
    subject: str,
) -> int:
    at = audit.now_iso()
    result = conn.execute(
        insert(reconcile_overrides).values(
            kind=kind,
            members_a=json.dumps(list(members_a)),
            members_b=json.dumps(list(members_b)),
            analyst=analyst,
            reason=reason,
            at=at,
        )
    )
    new_id = int(result.inserted_primary_key[0])
    audit.append(
        conn,
        kind,
        subject,
        {"override": new_id, "members_a": list(members_a), "members_b": list(members_b), "reason": reason},
        actor=analyst,
    )
    return new_id


def list_overrides(conn: Connection) -> list[StoredOverride]:
    return [
        StoredOverride(
            int(r.id),
            str(r.kind),
            tuple(json.loads(r.members_a)),
            tuple(json.loads(r.members_b)),
            str(r.analyst),
            r.reason,
            str(r.at),
        )
        for r in conn.execute(select(reconcile_overrides).order_by(reconcile_overrides.c.id))
    ]


def last_run(conn: Connection) -> ReconcileRun | None:
    row = conn.execute(select(reconcile_runs).order_by(reconcile_runs.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return ReconcileRun(int(row.id), str(row.at), str(row.input_digest), json.loads(row.report_json))
