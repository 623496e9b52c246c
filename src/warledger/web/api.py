"""The REST API, ``/api/v1/…``: incidents, figures, documents, places, map, timeline, exports.

Same filters as the pages (``since``, ``until``, ``type``, ``place``, ``disputed``, ``q``), paged
with ``limit``/``offset``.  Authentication is a personal API token (``Authorization: Bearer …``,
no CSRF token needed) or the session cookie of the sign-in page; writes need an analyst, and with
the cookie the session's CSRF token in the ``X-CSRF-Token`` header (``GET /api/v1/me`` gives it).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from warledger.export import export
from warledger.reconcile import ReconciledRecord
from warledger.store import FigureFilter
from warledger.web.pages import Filters, api_analyst, current, may_read, parse_date, service
from warledger.web.security import Viewer, csrf_token
from warledger.web.service import place_label

# declares the bearer scheme in the OpenAPI schema (/docs "Authorize"); the check itself is
# ``pages.current``, which also accepts a signed-in session cookie
_BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="api_token",
    description="A personal API token (`warledger users token NAME` or /account/tokens).",
)
router = APIRouter(prefix="/api/v1", tags=["ledger"], dependencies=[Depends(_BEARER)])
MAX_LIMIT = 1000


def api_reader(request: Request) -> Viewer:
    if not may_read(request):
        raise HTTPException(
            401, "send Authorization: Bearer TOKEN, or sign in (POST /login) and send the session cookie"
        )
    return current(request)


Reader = Annotated[Viewer, Depends(api_reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip")]


class Page(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


class ReviewIn(BaseModel):
    incident_id: str
    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    status: Literal["confirmed", "rejected", "corrected"]
    note: str | None = None
    low: int | None = Field(default=None, ge=0, description="corrected: the analyst's value (or its low)")
    high: int | None = Field(default=None, ge=0, description="corrected: the high end (default: low)")


def summary(rec: ReconciledRecord) -> dict[str, Any]:
    killed = rec.estimate("killed")
    p = rec.place
    return {
        "id": rec.id,
        "kind": rec.kind,
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type,
        "actor1": rec.actor1,
        "actor2": rec.actor2,
        "place": place_label(rec),
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geo_precision": p.precision if p else None,
        "occurred_start": rec.occurred.start.isoformat() if rec.occurred.start else None,
        "occurred_end": rec.occurred.end.isoformat() if rec.occurred.end else None,
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "killed_acled": killed.acled if killed else None,
        "disputed": rec.disputed,
        "documents": len(rec.documents),
        "sources": rec.source_groups,
    }


@router.get("/me", summary="Who is signed in, and the CSRF token for API writes")
def me(request: Request, viewer: Reader) -> dict[str, Any]:
    return {"user": viewer.name, "role": viewer.role, "csrf_token": csrf_token(request)}


@router.get("/incidents", response_model=Page, summary="Reconciled incidents matching the filters")
def incidents(request: Request, viewer: Reader, flt: Filters, limit: Limit = 100, offset: Offset = 0) -> Page:
    total, records = service(request).incident_page(flt, limit, offset)
    return Page(total=total, offset=offset, limit=limit, items=[summary(r) for r in records])


@router.get("/incidents/{incident_id}", summary="One reconciled incident: casualty ledger, disputes, merges")
def incident(request: Request, incident_id: str, viewer: Reader) -> dict[str, Any]:
    view = service(request).incident(incident_id)
    if view is None:
        raise HTTPException(404, f"no incident {incident_id}")
    data = view.record.model_dump(mode="json")
    data["disputed"] = view.record.disputed
    data["reviews"] = [
        {
            "doc_id": f.review.doc_id,
            "start": f.review.start,
            "end": f.review.end,
            "status": f.review.status,
            "analyst": f.review.analyst,
            "at": f.review.at,
            "low": f.review.low,
            "high": f.review.high,
        }
        for e in view.estimates
        for f in e.figures
        if f.review is not None
    ]
    from warledger.web.place_review import review_json

    spans = {(c.doc_id, c.evidence.start, c.evidence.end) for e in view.record.casualties for c in e.figures}
    places = request.app.state.ledger.place_reviews(view.record.documents)
    data["place_reviews"] = [review_json(r) for key, r in places.items() if key in spans]
    return data


def _json(data: object) -> Response:
    """Plain ``json.dumps`` for large, already-JSON-shaped answers (much faster than FastAPI's encoder)."""
    return Response(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json"
    )


@router.get("/map", summary="Located incidents for the map: {points: [...]}")
def map_points(request: Request, viewer: Reader, flt: Filters) -> Response:
    return _json({"points": [vars(p) for p in service(request).map_points(flt)]})


@router.get("/timeline", summary="Per day: incidents and killed low / best / high: {days: [...]}")
def timeline(request: Request, viewer: Reader, flt: Filters) -> Response:
    days = service(request).timeline(flt)
    return _json({"days": [{**vars(d), "day": d.day.isoformat()} for d in days]})


@router.get("/places", summary="Places of the matching incidents, with counts")
def places(request: Request, viewer: Reader, flt: Filters) -> dict[str, Any]:
    seen: dict[str, dict[str, Any]] = {}
    for rec in service(request).incidents(flt):
        p = rec.place
        if p is None:
            continue
        key = place_label(rec)
        row = seen.setdefault(
            key,
            {
                "place": key,
                "name": p.name or p.text,
                "admin1": p.admin1,
                "admin2": p.admin2,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "geo_precision": p.precision,
                "incidents": 0,
            },
        )
        row["incidents"] += 1
    return {"places": sorted(seen.values(), key=lambda r: (-r["incidents"], r["place"]))}


@router.get("/figures", response_model=Page, summary="Every extracted figure, with its review")
def figures(
    request: Request,
    viewer: Reader,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    category: str | None = None,
    doc_id: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    ledger = request.app.state.ledger
    total, page = ledger.figures_page(
        FigureFilter(
            since=parse_date(since, "since"),
            until=parse_date(until, "until"),
            place=place or None,
            category=category or None,
            doc_id=doc_id or None,
        ),
        limit,
        offset,
    )
    doc_ids = [r.doc_id for r in page]
    reviews = ledger.reviews(doc_ids)
    placed = ledger.place_reviews(doc_ids)
    items = []
    for r in page:
        rev = reviews.get((r.doc_id, r.start, r.end))
        item = {**r.as_dict(), "review": rev.status if rev else None, "place_review": None}
        if (pr := placed.get((r.doc_id, r.start, r.end))) is not None:
            # the analyst's place replaces the extracted one; who and when stay visible
            p = pr.place
            item.update(place_name=p.name, country=p.country, admin1=p.admin1, admin2=p.admin2)
            item.update(lat=p.lat, lon=p.lon)
            item["place_review"] = {"analyst": pr.analyst, "at": pr.at, "note": pr.note}
        items.append(item)
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/documents", response_model=Page, summary="Stored documents (no text)")
def documents(
    request: Request,
    viewer: Reader,
    limit: Limit = 100,
    offset: Offset = 0,
    q: Annotated[str | None, Query(description="Words that must all appear in the title or text")] = None,
) -> Page:
    total, rows = service(request).document_rows(limit, offset, q=q)
    return Page(total=total, offset=offset, limit=limit, items=[r.as_dict() for r in rows])


@router.get("/documents/{doc_id}", summary="A document: metadata, text, extraction, story cluster")
def document(request: Request, doc_id: str, viewer: Reader) -> dict[str, Any]:
    view = service(request).document(doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id}")
    return {
        "document": view.document.model_dump(mode="json"),
        "original": {
            "sha256": view.document.sha256,
            "size": view.size,
            "url": f"/documents/{doc_id}/original",
        },
        "cluster": view.cluster,
        "cluster_members": [r.doc_id for r in view.cluster_members],
        "extraction": view.extraction.model_dump(mode="json") if view.extraction else None,
        "incidents": view.incidents,
    }


EXPORT_TYPES = {
    "acled": ("text/csv", "csv"),
    "ucdp": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get(
    "/export/{fmt}", summary="The matching incidents as ACLED / UCDP CSV, GeoJSON, JSON Lines, Parquet"
)
def export_file(
    request: Request,
    fmt: Literal["acled", "ucdp", "geojson", "jsonl", "parquet"],
    viewer: Reader,
    flt: Filters,
) -> Response:
    media, ext = EXPORT_TYPES[fmt]
    with tempfile.TemporaryDirectory(prefix="warledger-export-") as tmp:
        out = Path(tmp) / f"incidents.{ext}"
        export(request.app.state.ledger, fmt, out, flt.record_query())
        data = out.read_bytes()
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="warledger-{fmt}.{ext}"'},
    )


@router.post("/reviews", summary="Confirm or reject a figure (analyst; X-CSRF-Token header)")
def add_review(
    request: Request,
    body: ReviewIn,
    x_csrf_token: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    viewer = api_analyst(request, x_csrf_token)
    rev = service(request).review_figure(
        body.incident_id,
        body.doc_id,
        body.start,
        body.end,
        body.status,
        str(viewer.name),
        body.note,
        low=body.low,
        high=body.high,
    )
    return {
        "id": rev.id,
        "status": rev.status,
        "analyst": rev.analyst,
        "at": rev.at,
        "low": rev.low,
        "high": rev.high,
    }


class MergeIn(BaseModel):
    other: str
    reason: str | None = None


class SplitIn(BaseModel):
    member: str = Field(description="A member key DOC#N, or a document id: all its members")
    reason: str | None = None


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one (analyst)")
def merge_incidents(
    request: Request, incident_id: str, body: MergeIn, x_csrf_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    viewer = api_analyst(request, x_csrf_token)
    merged = service(request).merge(incident_id, body.other, str(viewer.name), body.reason)
    return {"incident": merged}


@router.post("/incidents/{incident_id}/split", summary="Split members out of an incident (analyst)")
def split_incident(
    request: Request, incident_id: str, body: SplitIn, x_csrf_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    viewer = api_analyst(request, x_csrf_token)
    kept, new = service(request).split(incident_id, body.member, str(viewer.name), body.reason)
    return {"incident": kept, "split_off": new}
