"""Correcting a figure's place in review: look the name up in the gazetteer (the geoparser's
public ``lookup``, as ``warledger gazetteer lookup`` does), pick a candidate, store it as a place
review (audited, keyed by document and evidence span so it survives re-extraction); the reconciler
then places the incident there.  Page ``/review/place``, form ``POST /incidents/{id}/review-place``,
API ``GET /api/v1/gazetteer`` and ``POST /api/v1/reviews/place``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Header, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from warledger.errors import InputError
from warledger.reconcile import ReconciledRecord, get_record
from warledger.store import FigureFilter, Ledger
from warledger.store.place_reviews import PlaceReview, ReviewedPlace
from warledger.web.pages import Reader, analyst_post, api_analyst, service
from warledger.web.security import Viewer
from warledger.web.service import claim_at, place_label

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["review"])
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class PlaceCandidate:
    """A gazetteer entry a typed name may refer to."""

    geonameid: int
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature_code: str
    population: int
    precision: int  # the ACLED geo_precision this kind of place gets by default


def _gazetteer() -> Any:
    from warledger.geo import load_geoparser

    return load_geoparser()


def _candidate(gp: Any, c: Any) -> PlaceCandidate:
    admin1 = gp.gaz.admin_name(f"{c.cc}.{c.a1}") if c.cc and c.a1 else None
    admin2 = gp.gaz.admin_name(f"{c.cc}.{c.a1}.{c.a2}") if c.cc and c.a1 and c.a2 else None
    if c.is_country or c.is_admin1 or c.fcode in ("RGN", "SEA", "CONT"):
        precision = 3
    elif c.is_admin2:
        precision = 2
    else:
        precision = 1
    return PlaceCandidate(
        int(c.id),
        str(c.name),
        c.cc or None,
        admin1,
        admin2,
        round(float(c.lat), 5),
        round(float(c.lon), 5),
        str(c.fcode),
        int(c.pop),
        precision,
    )


def lookup_places(name: str, limit: int = 10) -> list[PlaceCandidate]:
    """Gazetteer candidates for a typed place name (any spelling), most populous first."""
    name = name.strip()
    if not name:
        return []
    if len(name) > 200:
        raise InputError("a place name has at most 200 characters")
    gp = _gazetteer()
    return [_candidate(gp, c) for c in gp.lookup(name)[: max(1, min(limit, MAX_CANDIDATES))]]


def chosen_place(geonameid: int, precision: int | None = None) -> ReviewedPlace:
    """The gazetteer entry ``geonameid`` as a reviewed place (its default precision unless given)."""
    gp = _gazetteer()
    c = gp.gaz.place(geonameid)
    if c is None:
        raise InputError(f"no gazetteer entry {geonameid}")
    if precision is not None and precision not in (1, 2, 3):
        raise InputError("precision must be 1 (the town), 2 (near it, its district) or 3 (a province)")
    cand = _candidate(gp, c)
    return ReviewedPlace(
        name=cand.name,
        country=cand.country,
        admin1=cand.admin1,
        admin2=cand.admin2,
        lat=cand.lat,
        lon=cand.lon,
        geonameid=cand.geonameid,
        feature_code=cand.feature_code,
        precision=precision or cand.precision,
    )


def _record(ledger: Ledger, incident_id: str) -> ReconciledRecord:
    rec = get_record(ledger, incident_id)
    if rec is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return rec


def review_place(
    request: Request,
    analyst: Viewer,
    incident_id: str,
    doc_id: str,
    start: int,
    end: int,
    geonameid: int,
    precision: int | None,
    note: str | None,
) -> PlaceReview:
    """Store the analyst's place for one figure of the incident, then re-derive the incidents."""
    ledger: Ledger = request.app.state.ledger
    claim = claim_at(_record(ledger, incident_id), doc_id, start, end)
    review = ledger.add_place_review(
        doc_id=doc_id,
        start=start,
        end=end,
        text=claim.evidence.text,
        category=claim.category,
        place=chosen_place(geonameid, precision),
        analyst=str(analyst.name),
        note=(note or "").strip() or None,
        incident_id=incident_id,
    )
    service(request).refresh(force=True)  # the incident's place follows the review at once
    return review


def review_json(r: PlaceReview) -> dict[str, Any]:
    return {
        "id": r.id,
        "doc_id": r.doc_id,
        "start": r.start,
        "end": r.end,
        "analyst": r.analyst,
        "at": r.at,
        "note": r.note,
        "place": asdict(r.place),
    }


def _precision(value: str | None) -> int | None:
    if value is None or value.strip() in ("", "auto"):
        return None
    if value.strip() not in ("1", "2", "3"):
        raise InputError("precision must be auto, 1, 2 or 3")
    return int(value)


# -- pages -----------------------------------------------------------------------------------
@pages.get("/review/place")
def place_page(
    request: Request,
    viewer: Reader,
    incident: str,
    doc_id: str,
    start: int,
    end: int,
    name: str | None = None,
    back: str | None = None,
) -> Response:
    from warledger.web.app import render

    ledger: Ledger = request.app.state.ledger
    rec = _record(ledger, incident)
    claim = claim_at(rec, doc_id, start, end)
    extracted = next(
        (f for f in ledger.figures(FigureFilter(doc_id=doc_id)) if (f.start, f.end) == (start, end)), None
    )
    reviewed = ledger.place_reviews([doc_id]).get((doc_id, start, end))
    query = (name or "").strip() or (extracted.place_name if extracted else "") or ""
    return render(
        request,
        "review_place.html",
        {
            "viewer": viewer,
            "rec": rec,
            "claim": claim,
            "extracted": extracted,
            "reviewed": reviewed,
            "name": query,
            "searched": bool((name or "").strip()),
            "back": "queue" if back == "queue" else "incident",
            "candidates": lookup_places(query, 20) if query else [],
            "place_label": place_label,
        },
    )


@pages.post("/incidents/{incident_id}/review-place")
def place_post(
    request: Request,
    incident_id: str,
    doc_id: Annotated[str, Form()],
    start: Annotated[int, Form()],
    end: Annotated[int, Form()],
    geonameid: Annotated[int, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    precision: Annotated[str | None, Form()] = None,
    note: Annotated[str | None, Form()] = None,
    back: Annotated[str | None, Form()] = None,
) -> Response:
    analyst = analyst_post(request, csrf_token)
    review_place(request, analyst, incident_id, doc_id, start, end, geonameid, _precision(precision), note)
    if back == "queue":
        return RedirectResponse("/review", status_code=303)
    return RedirectResponse(f"/incidents/{quote(incident_id)}#history", status_code=303)


# -- REST API --------------------------------------------------------------------------------
class PlaceReviewIn(BaseModel):
    incident_id: str
    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    geonameid: int = Field(description="The chosen gazetteer entry (GET /api/v1/gazetteer?name=…)")
    precision: int | None = Field(
        default=None, ge=1, le=3, description="1 town, 2 near it / district, 3 province (default: by type)"
    )
    note: str | None = None


@api.get("/gazetteer", summary="Gazetteer candidates for a place name, most populous first")
def gazetteer(
    request: Request,
    name: Annotated[str, Query(min_length=1, max_length=200, description="A place name, any spelling")],
    limit: Annotated[int, Query(ge=1, le=MAX_CANDIDATES)] = 10,
) -> dict[str, Any]:
    from warledger.web.api import api_reader

    api_reader(request)
    return {"candidates": [asdict(c) for c in lookup_places(name, limit)]}


@api.post(
    "/reviews/place",
    summary="Correct a figure's place with a gazetteer entry (analyst; X-CSRF-Token or bearer token)",
)
def api_review_place(
    request: Request, body: PlaceReviewIn, x_csrf_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    viewer = api_analyst(request, x_csrf_token)
    review = review_place(
        request,
        viewer,
        body.incident_id,
        body.doc_id,
        body.start,
        body.end,
        body.geonameid,
        body.precision,
        body.note,
    )
    return review_json(review)
