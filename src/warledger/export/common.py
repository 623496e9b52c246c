"""Shared pieces of the exports: selecting records, document metadata, countries, flat rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from warledger.errors import InputError
from warledger.export.countries import COUNTRIES
from warledger.reconcile.types import ReconciledRecord
from warledger.store.reconciled import RecordFilter

if TYPE_CHECKING:
    from warledger.store import Ledger

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}

# ACLED's regions from the UN sub-regions (ACLED splits Sub-Saharan Africa and Latin America
# further; those keep the UN name).
_ACLED_REGION = {
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "South-eastern Asia": "Southeast Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Northern Africa": "Northern Africa",
    "Northern America": "North America",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
_CAUCASUS = {"AM", "AZ", "GE"}
_UCDP_REGION = {
    "Europe": "Europe",
    "Middle East": "Middle East",
    "Caucasus and Central Asia": "Asia",
    "South Asia": "Asia",
    "Southeast Asia": "Asia",
    "East Asia": "Asia",
    "Oceania": "Asia",
    "Northern Africa": "Africa",
    "Sub-Saharan Africa": "Africa",
    "North America": "Americas",
    "Latin America and the Caribbean": "Americas",
}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    acled_region: str
    ucdp_region: str


def country(iso2: str | None) -> Country | None:
    if not iso2 or iso2.upper() not in COUNTRIES:
        return None
    iso3, numeric, name, sub = COUNTRIES[iso2.upper()]
    region = "Caucasus and Central Asia" if iso2.upper() in _CAUCASUS else _ACLED_REGION.get(sub, sub)
    return Country(iso2.upper(), iso3, numeric, name, region, _UCDP_REGION.get(region, region))


@dataclass(frozen=True)
class DocMeta:
    doc_id: str
    title: str | None
    url: str | None
    published: date | None

    @property
    def outlet(self) -> str:
        if self.url:
            host = urlsplit(self.url).hostname or ""
            if host:
                return host.removeprefix("www.")
        return f"document {self.doc_id}"


def doc_meta(ledger: Ledger, records: list[ReconciledRecord]) -> dict[str, DocMeta]:
    wanted = {d for r in records for d in r.documents}
    out: dict[str, DocMeta] = {}
    for doc_id in sorted(wanted):
        doc = ledger.get_document(doc_id)
        if doc is not None:
            out[doc_id] = DocMeta(doc_id, doc.title, doc.url, doc.published)
    return out


@dataclass(frozen=True)
class RecordQuery:
    """Every filter of the exports and the web app, in one place.

    ``since``/``until``/``place``/``type``/``kind`` are columns of the stored records; the rest are
    applied by :func:`refine`. ``actor``: substring of actor 1 or 2 (case-insensitive);
    ``disputed``: only disputed (True) or undisputed (False) records; ``text``: words that must all
    appear in the record or its documents (the ledger's text search, FTS5 on SQLite); ``source``:
    substring of the origin (URL or file) or title of one of its documents; ``review``: see
    :data:`REVIEW_FILTERS`; ``admin1`` / ``admin2``: the place's first / second-level unit
    (case-insensitive, exact); ``near`` (lat, lon) and ``km``: located within ``km`` (default
    :data:`DEFAULT_KM`) of it.
    """

    since: date | None = None
    until: date | None = None
    place: str | None = None
    type: str | None = None
    kind: str | None = None
    actor: str | None = None
    disputed: bool | None = None
    text: str | None = None
    source: str | None = None
    review: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    near: tuple[float, float] | None = None
    km: float | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")


def select(ledger: Ledger, query: RecordQuery | None = None) -> list[ReconciledRecord]:
    """The reconciled records matching ``query`` (reconciling first when the ledger changed)."""
    from warledger.reconcile import ensure_reconciled, load_records

    q = query or RecordQuery()
    ensure_reconciled(ledger)
    records = load_records(
        ledger, RecordFilter(kind=q.kind, since=q.since, until=q.until, place=q.place, type=q.type)
    )
    return refine(ledger, records, q)


def refine(ledger: Ledger, records: list[ReconciledRecord], q: RecordQuery) -> list[ReconciledRecord]:
    """The filters that are not columns of the stored records: actor, disputed, text search,
    source, review status, admin1 / admin2, radius (see :class:`RecordQuery`)."""
    actor, disputed, text, source, review = q.actor, q.disputed, q.text, q.source, q.review
    admin1, admin2, near, km = q.admin1, q.admin2, q.near, q.km
    if disputed is not None:
        records = [r for r in records if r.disputed == disputed]
    if actor and actor.strip():
        needle = actor.strip().lower()
        records = [r for r in records if any(needle in (a or "").lower() for a in (r.actor1, r.actor2))]
    if text and text.strip():
        hits = ledger.search_reconciled(text)
        records = [r for r in records if r.id in hits]
    if source and source.strip():
        needle = source.strip().lower()
        docs = {
            d.doc_id
            for d in ledger.document_rows()
            if needle in d.origin.lower() or needle in (d.title or "").lower()
        }
        records = [r for r in records if docs.intersection(r.documents)]
    if review and review.strip():
        records = _by_review(ledger, records, review.strip())
    for level, value in (("admin1", admin1), ("admin2", admin2)):
        if value and value.strip():
            want = value.strip().casefold()
            records = [r for r in records if r.place and (getattr(r.place, level) or "").casefold() == want]
    if near is not None:
        radius = DEFAULT_KM if km is None else km
        records = [
            r
            for r in records
            if r.place
            and r.place.lat is not None
            and r.place.lon is not None
            and distance_km(near, (r.place.lat, r.place.lon)) <= radius
        ]
    return records


DEFAULT_KM = 25.0
_EARTH_KM = 6371.0088


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


# review filter -> the records kept: with a figure of that status / with an unreviewed figure /
# whose figures are all reviewed
REVIEW_FILTERS: tuple[str, ...] = ("confirmed", "rejected", "corrected", "unreviewed", "reviewed")


def _by_review(ledger: Ledger, records: list[ReconciledRecord], wanted: str) -> list[ReconciledRecord]:
    if wanted not in REVIEW_FILTERS:
        raise InputError(f"review: {wanted!r} must be one of {', '.join(REVIEW_FILTERS)}")
    reviews = ledger.all_reviews()
    out: list[ReconciledRecord] = []
    for rec in records:
        statuses = [
            getattr(reviews.get((c.doc_id, c.evidence.start, c.evidence.end)), "status", None)
            for est in rec.casualties
            for c in est.figures
            if c.copy_of is None
        ]
        if wanted in ("confirmed", "rejected", "corrected"):
            keep = wanted in statuses
        elif wanted == "unreviewed":
            keep = None in statuses
        else:
            keep = bool(statuses) and None not in statuses
        if keep:
            out.append(rec)
    return out


def event_day(rec: ReconciledRecord) -> tuple[date | None, int]:
    """(the day to code, ACLED time_precision 1 day / 2 week / 3 longer).  An interval is coded to
    its middle day; an incident without a stated date to its first report, with precision 2."""
    o = rec.occurred
    if o.start is not None:
        end = o.end or o.start
        span = (end - o.start).days
        middle = date.fromordinal(o.start.toordinal() + span // 2)
        return middle, 1 if span == 0 else (2 if span <= 7 else 3)
    return rec.reported.start, 2


def flat_row(rec: ReconciledRecord) -> dict[str, object]:
    """One flat row per record (GeoJSON properties, DataFrame, Parquet)."""
    p = rec.place
    killed = rec.estimate("killed")
    injured = rec.estimate("injured")
    day, prec = event_day(rec)
    return {
        "id": rec.id,
        "kind": rec.kind,
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type,
        "actor1": rec.actor1,
        "actor2": rec.actor2,
        "location": (p.name or p.text) if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "country": p.country if p else None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": p.precision if p else None,
        "event_date": day.isoformat() if day else None,
        "time_precision": prec,
        "occurred_start": rec.occurred.start.isoformat() if rec.occurred.start else None,
        "occurred_end": rec.occurred.end.isoformat() if rec.occurred.end else None,
        "discovered_start": rec.discovered.start.isoformat()
        if rec.discovered and rec.discovered.start
        else None,
        "discovered_end": rec.discovered.end.isoformat() if rec.discovered and rec.discovered.end else None,
        "reported_first": rec.reported.start.isoformat() if rec.reported.start else None,
        "reported_last": rec.reported.end.isoformat() if rec.reported.end else None,
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "killed_acled": killed.acled if killed else None,
        "injured_best": injured.best if injured else None,
        "disputed": rec.disputed,
        "disputes": " | ".join(d.summary for d in rec.disputes),
        "documents": len(rec.documents),
        "sources": rec.source_groups,
        "members": ";".join(rec.members),
        "aggregates": ";".join(rec.aggregates),
        "consistency": rec.consistency,
    }
