"""How a query of the web app is split between SQL and Python.

:func:`listing_plan` turns the shared filters (:class:`warledger.web.service.IncidentQuery`) into a
:class:`warledger.store.listing.ListingFilter` for everything SQL decides exactly, plus a
:class:`warledger.export.common.RecordQuery` with only what :func:`warledger.export.common.refine`
must still check (``None`` when nothing is left, so a page is one ``COUNT`` and one ``LIMIT`` query):

* ``review`` (needs every figure's review) always stays in Python;
* ``near``: SQL keeps a latitude/longitude box around the circle, Python checks the distance;
* ``actor`` / ``admin1`` / ``admin2`` / ``source`` go to SQL when the needle is ASCII (SQL
  ``lower()`` is ASCII-only on SQLite), and ``actor`` only on SQLite or PostgreSQL (JSON);
* ``q`` (text search): the ledger's search gives ids, handed to SQL up to :data:`MAX_SQL_IDS`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from warledger.export.common import DEFAULT_KM, RecordQuery
from warledger.reconcile import ReconciledRecord
from warledger.store.listing import JSON_DIALECTS, ListingFilter, sql_decidable
from warledger.store.reconciled import StoredRecord

if TYPE_CHECKING:
    from warledger.store import Ledger
    from warledger.web.service import IncidentQuery

MAX_SQL_IDS = 20000  # more text-search hits than this are checked in Python (bound parameters)
_EARTH_KM = 6371.0088


def parse_stored(s: StoredRecord) -> ReconciledRecord:
    return ReconciledRecord.model_validate_json(s.record_json)


def _needle(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) holding every point within ``km`` of (lat, lon), a little
    generous; ``west > east`` crosses the antimeridian; ``None`` when it is the whole globe."""
    if km < 0:
        return (lat, lat, lon, lon) if km == 0 else (1.0, -1.0, 0.0, 0.0)  # an empty box
    r = km / _EARTH_KM * 1.001 + 1e-9
    dlat = math.degrees(r)
    south, north = lat - dlat, lat + dlat
    if south <= -90 or north >= 90 or r >= math.pi / 2:
        return (max(-90.0, south), min(90.0, north), -180.0, 180.0)
    ratio = math.sin(r) / math.cos(math.radians(lat))
    if ratio >= 1:
        return (south, north, -180.0, 180.0)
    dlon = math.degrees(math.asin(ratio))
    west, east = lon - dlon, lon + dlon
    if west < -180:
        west += 360
    if east > 180:
        east -= 360
    return (south, north, west, east)


def listing_plan(
    ledger: Ledger, q: IncidentQuery, kind: str | None
) -> tuple[ListingFilter, RecordQuery | None]:
    dialect = ledger.dialect
    rest: dict[str, Any] = {}
    sql: dict[str, Any] = {
        "kind": kind,
        "since": q.since,
        "until": q.until,
        "place": q.place,
        "type": q.type,
        "disputed": q.disputed,
    }
    for key, value in (("admin1", q.admin1), ("admin2", q.admin2), ("source", q.source), ("actor", q.actor)):
        needle = _needle(value)
        if needle is None:
            continue
        in_sql = sql_decidable(needle, dialect) and (key != "actor" or dialect in JSON_DIALECTS)
        (sql if in_sql else rest)[key] = needle
    if q.near is not None:
        rest["near"], rest["km"] = q.near, q.km
        box = bounding_box(q.near[0], q.near[1], DEFAULT_KM if q.km is None else q.km)
        if box is not None:
            sql["box"] = box
    if _needle(q.q):
        hits = ledger.search_reconciled(str(q.q))
        if len(hits) <= MAX_SQL_IDS:
            sql["ids"] = frozenset(hits)
        else:
            rest["text"] = q.q
    if _needle(q.review):
        rest["review"] = q.review
    return ListingFilter(**sql), (RecordQuery(**rest) if rest else None)
