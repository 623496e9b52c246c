"""The web service layer: what the pages and the API show, read from the library (never SQL).

Routes build an :class:`IncidentQuery` from the request and call :class:`WebService`; every write
goes through the library (``Ledger.add_review``, ``warledger.reconcile.merge/split``) with the
signed-in analyst as the actor, so it is attributed and chained in the audit log.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from warledger.errors import InputError
from warledger.export.common import REVIEW_FILTERS, RecordQuery, refine
from warledger.models import Claim, Document, DocumentResult
from warledger.reconcile import (
    Estimate,
    FigureClaim,
    ReconciledRecord,
    ensure_reconciled,
    get_record,
    load_records,
)
from warledger.reconcile import merge as reconcile_merge
from warledger.reconcile import split as reconcile_split
from warledger.store import AuditEntry, DocumentRow, Ledger
from warledger.store.web_queries import FigureReview, review_subject
from warledger.web.highlight import Segment, segments
from warledger.web.listing import listing_plan
from warledger.web.listing import parse_stored as _parse


@dataclass(frozen=True)
class IncidentQuery:
    """The filters shared by the map, the timeline, the tables, the API and the exports."""

    since: date | None = None
    until: date | None = None
    type: str | None = None
    place: str | None = None
    actor: str | None = None
    disputed: bool | None = None
    q: str | None = None
    source: str | None = None
    review: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    near: tuple[float, float] | None = None  # (lat, lon): within ``km`` of it
    km: float | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since {self.since} is after until {self.until}")
        if self.review is not None and self.review not in REVIEW_FILTERS:
            raise InputError(f"review: {self.review!r} must be one of {', '.join(REVIEW_FILTERS)}")

    def record_query(self, kind: str | None = None) -> RecordQuery:
        """The same filters for the library's exports and :func:`refine`."""
        return RecordQuery(
            since=self.since,
            until=self.until,
            place=self.place,
            type=self.type,
            kind=kind,
            actor=self.actor,
            disputed=self.disputed,
            text=self.q,
            source=self.source,
            review=self.review,
            admin1=self.admin1,
            admin2=self.admin2,
            near=self.near,
            km=self.km,
        )

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ("since", "until", "type", "place", "actor", "q", "source", "review", "admin1", "admin2"):
            value = getattr(self, key)
            if value:
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        if self.near is not None:
            out["near"] = f"{self.near[0]:g},{self.near[1]:g}"
        if self.km is not None:
            out["km"] = f"{self.km:g}"
        if self.disputed is not None:
            out["disputed"] = "yes" if self.disputed else "no"
        return out

    def query_string(self) -> str:
        return urlencode(self.params())


@dataclass(frozen=True)
class MapPoint:
    id: str
    lat: float
    lon: float
    event_type: str
    sub_event_type: str
    place: str
    precision: int | None
    best: int | None
    low: int | None
    high: int | None
    date: str | None
    disputed: bool


@dataclass(frozen=True)
class TimelineDay:
    day: date
    incidents: int
    low: int
    best: int
    high: int


@dataclass
class FigureView:
    claim: FigureClaim
    review: FigureReview | None
    doc_title: str | None


@dataclass
class EstimateView:
    estimate: Estimate
    figures: list[FigureView]


@dataclass
class IncidentView:
    record: ReconciledRecord
    estimates: list[EstimateView]
    claims: list[tuple[str, Claim]]
    documents: list[Document]
    history: list[AuditEntry]
    aggregates: list[ReconciledRecord]


@dataclass
class QueueItem:
    """An unreviewed figure of an incident, with the score that ranks it in the review queue."""

    record: ReconciledRecord
    claim: FigureClaim
    confidence: float
    score: float


# How much a wrong figure of each category matters (fatalities first).
STAKES = {
    "killed": 3.0,
    "bodies_found": 2.5,
    "injured": 2.0,
    "missing": 2.0,
    "detained": 1.5,
    "displaced": 0.6,
    "evacuated": 0.6,
    "trapped": 0.6,
    "troops": 0.3,
}


def queue_score(category: str, value: int | None, confidence: float, disputed: bool) -> float:
    """Highest stakes and lowest confidence first: category weight × log(2 + value) × (1 −
    confidence, floored at 0.05) × 2 when the incident is disputed."""
    weight = STAKES.get(category, 1.0)  # other: 1
    return weight * math.log(2 + (value or 0)) * max(0.05, 1.0 - confidence) * (2.0 if disputed else 1.0)


@dataclass
class Extraction:
    kind: str  # figure | place | claim | incident
    anchor: str
    start: int
    end: int
    text: str
    label: str
    review: FigureReview | None = None


@dataclass
class DocumentView:
    document: Document
    size: int | None
    archived: bool
    cluster: str | None
    cluster_members: list[DocumentRow]
    sightings: list[tuple[str, str]]
    extraction: DocumentResult | None
    extractions: list[Extraction]
    segments: list[Segment]
    incidents: list[str]
    history: list[AuditEntry] = field(default_factory=list)


def claim_at(rec: ReconciledRecord, doc_id: str, start: int, end: int) -> FigureClaim:
    """The figure of incident ``rec`` read at ``doc_id`` ``start:end`` (InputError if none)."""
    claim = next(
        (
            c
            for e in rec.casualties
            for c in e.figures
            if c.doc_id == doc_id and c.evidence.start == start and c.evidence.end == end
        ),
        None,
    )
    if claim is None:
        raise InputError(f"incident {rec.id} has no figure at {doc_id} {start}-{end}")
    return claim


def place_label(rec: ReconciledRecord) -> str:
    p = rec.place
    if p is None:
        return ""
    parts = [p.name or p.text, p.admin2, p.admin1, p.country]
    out: list[str] = []
    for part in parts:
        if part and part not in out:
            out.append(part)
    return ", ".join(out)


class WebService:
    REFRESH_SECONDS = 5.0

    def __init__(self, ledger: Ledger, *, auto_reconcile: bool = True) -> None:
        self.ledger = ledger
        self.auto_reconcile = auto_reconcile
        self._checked = -math.inf
        self._lock = threading.Lock()
        self._parsed: dict[str, ReconciledRecord] = {}
        self._parsed_run: int | None = None

    # -- incidents ------------------------------------------------------------------------
    def refresh(self, *, force: bool = True) -> None:
        """Reconcile when the extractions changed since the last run (e.g. a CLI ingest while the
        server runs); without ``force`` at most every few seconds."""
        if not self.auto_reconcile:
            return
        with self._lock:
            now = time.monotonic()
            if not force and now - self._checked < self.REFRESH_SECONDS:
                return
            ensure_reconciled(self.ledger)
            self._checked = time.monotonic()

    def incidents(self, q: IncidentQuery, *, kind: str | None = "incident") -> list[ReconciledRecord]:
        """Every matching record (map, timeline, places): SQL narrows by every filter it decides
        (see :func:`listing_plan`), the parsed records of the last run fill in, Python checks the rest."""
        self.refresh(force=False)
        sql, rest = listing_plan(self.ledger, q, kind)
        parsed = self._records_of_last_run()
        ids = self.ledger.reconciled_ids(sql)
        missing = [i for i in ids if i not in parsed]
        extra = {s.id: _parse(s) for s in self.ledger.reconciled_by_ids(missing)} if missing else {}
        records = [parsed.get(i) or extra[i] for i in ids if i in parsed or i in extra]
        return refine(self.ledger, records, rest) if rest is not None else records

    def incident_page(
        self, q: IncidentQuery, limit: int, offset: int, *, kind: str | None = "incident"
    ) -> tuple[int, list[ReconciledRecord]]:
        """(how many records match, the page ``offset``…``offset + limit``) in the listing order
        (date, id).  When SQL decides every filter (all but ``review``, the exact ``near`` distance
        and non-ASCII needles), the count and the page are two SQL queries and only the page's
        records are parsed; otherwise the matching records are filtered as :meth:`incidents`."""
        self.refresh(force=False)
        sql, rest = listing_plan(self.ledger, q, kind)
        if rest is None:
            total, rows = self.ledger.reconciled_page(sql, limit, offset)
            return total, [_parse(s) for s in rows]
        records = self.incidents(q, kind=kind)
        return len(records), records[offset : offset + limit]

    def _records_of_last_run(self) -> dict[str, ReconciledRecord]:
        """Every reconciled record, parsed once per reconcile run (the store still does the
        filtering; this only saves re-validating the same JSON on every request)."""
        run = self.ledger.last_reconcile()
        key = run.id if run is not None else None
        with self._lock:
            if key != self._parsed_run or not self._parsed:
                self._parsed = {r.id: r for r in load_records(self.ledger)}
                self._parsed_run = key
            return self._parsed

    def event_types(self) -> list[str]:
        """The event types present in the ledger (for the filter's choices; SQL ``DISTINCT``)."""
        return self.ledger.reconciled_values("event_type", kind="incident")

    def admin1_values(self) -> list[str]:
        """The first-level units present in the ledger (for the filter's suggestions)."""
        return self.ledger.reconciled_values("admin1")

    def map_points(self, q: IncidentQuery) -> list[MapPoint]:
        out: list[MapPoint] = []
        for rec in self.incidents(q):
            p = rec.place
            if p is None or p.lat is None or p.lon is None:
                continue
            killed = rec.estimate("killed")
            out.append(
                MapPoint(
                    id=rec.id,
                    lat=p.lat,
                    lon=p.lon,
                    event_type=rec.event_type,
                    sub_event_type=rec.sub_event_type,
                    place=place_label(rec),
                    precision=p.precision,
                    best=killed.best if killed else None,
                    low=killed.low if killed else None,
                    high=killed.high if killed else None,
                    date=rec.occurred.start.isoformat() if rec.occurred.start else None,
                    disputed=rec.disputed,
                )
            )
        return out

    def timeline(self, q: IncidentQuery) -> list[TimelineDay]:
        """Per day (the incident's first possible day): incidents and killed low / best / high."""
        days: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for rec in self.incidents(q):
            day = rec.occurred.start or rec.reported.start
            if day is None:
                continue
            row = days[day]
            row[0] += 1
            killed = rec.estimate("killed")
            if killed is not None and killed.best is not None:
                row[1] += killed.low if killed.low is not None else killed.best
                row[2] += killed.best
                row[3] += killed.high if killed.high is not None else killed.best
        return [TimelineDay(d, *days[d]) for d in sorted(days)]

    def incident(self, incident_id: str) -> IncidentView | None:
        rec = get_record(self.ledger, incident_id)
        if rec is None:
            return None
        docs = [d for d in (self.ledger.get_document(i) for i in rec.documents) if d is not None]
        titles = {d.id: d.title for d in docs}
        reviews = self.ledger.reviews(rec.documents)
        estimates = [
            EstimateView(
                e,
                [
                    FigureView(
                        c, reviews.get((c.doc_id, c.evidence.start, c.evidence.end)), titles.get(c.doc_id)
                    )
                    for c in e.figures
                ],
            )
            for e in rec.casualties
        ]
        claims: list[tuple[str, Claim]] = []
        for d in docs:
            result = self.ledger.get_extraction(d.id)
            if result is not None:
                claims.extend((d.id, c) for c in result.claims)
        subjects = [rec.id, *rec.documents]
        subjects += [
            review_subject(c.doc_id, c.evidence.start, c.evidence.end)
            for e in rec.casualties
            for c in e.figures
        ]
        aggregates = [a for a in (get_record(self.ledger, i) for i in rec.aggregates) if a is not None]
        return IncidentView(rec, estimates, claims, docs, self.ledger.audit_entries_for(subjects), aggregates)

    def review_queue(self, *, limit: int = 100) -> tuple[int, list[QueueItem]]:
        """Unreviewed figures of reconciled incidents, highest :func:`queue_score` first (copies of
        a claim in the same story cluster are left out: reviewing the first one is enough)."""
        records = self.incidents(IncidentQuery())
        doc_ids = [d for r in records for d in r.documents]
        reviews = self.ledger.reviews(doc_ids)
        confidence = {(f.doc_id, f.start, f.end): f.confidence for f in self.ledger.figures()}
        best: dict[tuple[str, int, int], QueueItem] = {}
        for rec in records:
            for est in rec.casualties:
                for c in est.figures:
                    key = (c.doc_id, c.evidence.start, c.evidence.end)
                    if c.copy_of is not None or key in reviews:
                        continue
                    conf = confidence.get(key, 0.5)
                    value = c.high if c.high is not None else c.low
                    item = QueueItem(rec, c, conf, queue_score(c.category, value, conf, rec.disputed))
                    if key not in best or item.score > best[key].score:
                        best[key] = item  # one review settles the words wherever they are used
        items = list(best.values())
        items.sort(key=lambda x: (-x.score, x.record.id, x.claim.doc_id, x.claim.evidence.start))
        return len(items), items[:limit]

    # -- writes (attributed to the analyst) -----------------------------------------------------
    def review_figure(
        self,
        incident_id: str,
        doc_id: str,
        start: int,
        end: int,
        status: str,
        analyst: str,
        note: str | None,
        *,
        low: int | None = None,
        high: int | None = None,
    ) -> FigureReview:
        if status == "corrected" and (low is None or low < 0 or (high is not None and high < low)):
            raise InputError("a correction needs a value: low of 0 or more, high (optional) not below low")
        rec = get_record(self.ledger, incident_id)
        if rec is None:
            raise InputError(f"no incident {incident_id!r}")
        claim = claim_at(rec, doc_id, start, end)
        review = self.ledger.add_review(
            doc_id=doc_id,
            start=start,
            end=end,
            text=claim.evidence.text,
            category=claim.category,
            status=status,
            analyst=analyst,
            note=note or None,
            incident_id=incident_id,
            low=low if status == "corrected" else None,
            high=high if status == "corrected" else None,
        )
        with self._lock:  # the review changes the estimates: re-derive them now
            ensure_reconciled(self.ledger)
        return review

    def merge(self, incident_id: str, other: str, analyst: str, reason: str | None) -> str:
        merged = reconcile_merge(self.ledger, incident_id, other, analyst=analyst, reason=reason or None)
        return merged or incident_id

    def split(self, incident_id: str, member: str, analyst: str, reason: str | None) -> tuple[str, str]:
        return reconcile_split(self.ledger, incident_id, member, analyst=analyst, reason=reason or None)

    # -- documents ------------------------------------------------------------------------
    def document_rows(
        self, limit: int, offset: int, *, q: str | None = None
    ) -> tuple[int, list[DocumentRow]]:
        """Stored documents, a page at a time in SQL; with ``q`` only those containing every word
        (best match first: the search gives the ordered ids, only the page's rows are read)."""
        if q and q.strip():
            ids = self.ledger.search_documents(q)
            return len(ids), self.ledger.document_rows_by_ids(ids[offset : offset + limit])
        return self.ledger.documents_page(limit, offset)

    def document(self, doc_id: str) -> DocumentView | None:
        doc = self.ledger.get_document(doc_id)
        if doc is None:
            return None
        result = self.ledger.get_extraction(doc_id)
        reviews = self.ledger.reviews([doc_id])
        items = _extractions(doc_id, result, reviews)
        cluster = self.ledger.cluster_of(doc_id)
        members: list[DocumentRow] = []
        if cluster is not None:
            ids = [i for i in self.ledger.cluster_members(cluster) if i != doc_id]
            members = self.ledger.document_rows_by_ids(ids, ingest_order=True)
        path = self.ledger.archive_path(doc.sha256)
        archived = path.is_file()
        sightings = [(o, t.isoformat()) for o, t in self.ledger.sightings(doc.sha256)]
        spans = [(x.start, x.end, x.kind, x.anchor) for x in items if x.kind != "incident"]
        return DocumentView(
            document=doc,
            size=path.stat().st_size if archived else None,
            archived=archived,
            cluster=cluster,
            cluster_members=members,
            sightings=sightings,
            extraction=result,
            extractions=items,
            segments=segments(doc.text, spans),
            incidents=self.ledger.find_reconciled(doc_id) if result is not None else [],
            history=self.ledger.audit_entries_for([doc_id, doc.sha256]),
        )

    def original(self, doc_id: str) -> tuple[Document, bytes]:
        doc = self.ledger.get_document(doc_id)
        if doc is None:
            raise InputError(f"no document {doc_id!r}")
        path = self.ledger.archive_path(doc.sha256)
        if not path.is_file():
            raise InputError(f"the archived original of {doc_id} is missing")
        return doc, path.read_bytes()


def _extractions(
    doc_id: str, result: DocumentResult | None, reviews: dict[tuple[str, int, int], FigureReview]
) -> list[Extraction]:
    if result is None:
        return []
    items: list[Extraction] = []
    for i, f in enumerate(result.figures):
        value = f.low if f.low == f.high or f.high is None else f"{f.low}–{f.high}"
        speaker = f" · {f.source.name or f.source.text}" if f.source else ""
        items.append(
            Extraction(
                "figure",
                f"fig-{i}",
                f.evidence.start,
                f.evidence.end,
                f.evidence.text,
                f"{f.category} {value} ({f.qualifier}){speaker}",
                reviews.get((doc_id, f.evidence.start, f.evidence.end)),
            )
        )
    for i, p in enumerate(result.places):
        if p.start is None or p.end is None:
            continue
        where = ", ".join(x for x in (p.name, p.admin1, p.country) if x) or "unresolved"
        label = "nationality" if p.kind == "demonym" else "place"  # a demonym says whose, not where
        items.append(Extraction("place", f"place-{i}", p.start, p.end, p.text, f"{label} → {where}"))
    for i, c in enumerate(result.claims):
        items.append(
            Extraction(
                "claim",
                f"claim-{i}",
                c.evidence.start,
                c.evidence.end,
                c.evidence.text,
                f"{c.stance} by {c.speaker.name or c.speaker.text}: {c.about}",
            )
        )
    for i, inc in enumerate(result.incidents):
        items.append(
            Extraction(
                "incident",
                f"inc-{i}",
                inc.evidence.start,
                inc.evidence.end,
                inc.evidence.text,
                f"{inc.event_type} / {inc.sub_event_type}",
            )
        )
    return sorted(items, key=lambda x: (x.start, x.end))
