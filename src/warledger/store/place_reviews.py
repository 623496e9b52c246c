"""Analysts' corrections of a figure's place.

Like value reviews (``figure_reviews``) a place review is keyed by the document id and the
figure's evidence span, never by the figure's position in an extraction, so it survives
re-extraction.  Reviews are appended (the newest one wins) and audited with the analyst as actor.
The reconciler places an incident at the newest reviewed place of its figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert

from warledger.store import audit
from warledger.store.schema import place_reviews
from warledger.store.web_queries import append_only_digest, newest_by_span, review_subject


@dataclass(frozen=True)
class ReviewedPlace:
    """The place an analyst chose (from the gazetteer) for a figure."""

    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature_code: str | None
    precision: int  # ACLED geo_precision: 1 town, 2 near it / district, 3 province or larger


@dataclass(frozen=True)
class PlaceReview:
    id: int
    doc_id: str
    start: int
    end: int
    text: str
    category: str
    place: ReviewedPlace
    note: str | None
    analyst: str
    at: str

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)


def add_place_review(
    conn: Connection,
    *,
    doc_id: str,
    start: int,
    end: int,
    text: str,
    category: str,
    place: ReviewedPlace,
    note: str | None,
    analyst: str,
    incident_id: str | None,
) -> PlaceReview:
    at = audit.now_iso()
    res = conn.execute(
        insert(place_reviews).values(
            doc_id=doc_id,
            ev_start=start,
            ev_end=end,
            ev_text=text,
            category=category,
            place_name=place.name,
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
            geonameid=place.geonameid,
            feature_code=place.feature_code,
            geo_precision=place.precision,
            note=note,
            analyst=analyst,
            at=at,
        )
    )
    new_id = int(res.inserted_primary_key[0])
    audit.append(
        conn,
        "review-place",
        review_subject(doc_id, start, end),  # the same subject as a value review
        {
            "review": new_id,
            "doc_id": doc_id,
            "span": [start, end],
            "text": text,
            "category": category,
            "place": {
                "name": place.name,
                "country": place.country,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "precision": place.precision,
            },
            "note": note,
            "incident": incident_id,
        },
        actor=analyst,
    )
    return PlaceReview(new_id, doc_id, start, end, text, category, place, note, analyst, at)


def _review(r: Any) -> PlaceReview:
    place = ReviewedPlace(
        str(r.place_name),
        r.country,
        r.admin1,
        r.admin2,
        None if r.lat is None else float(r.lat),
        None if r.lon is None else float(r.lon),
        None if r.geonameid is None else int(r.geonameid),
        r.feature_code,
        int(r.geo_precision),
    )
    return PlaceReview(
        int(r.id),
        str(r.doc_id),
        int(r.ev_start),
        int(r.ev_end),
        str(r.ev_text),
        str(r.category),
        place,
        r.note,
        str(r.analyst),
        str(r.at),
    )


def latest_place_reviews(
    conn: Connection, doc_ids: Sequence[str] | None = None
) -> dict[tuple[str, int, int], PlaceReview]:
    """The newest place review of every reviewed figure (of these documents, or of the ledger)."""
    out = newest_by_span(conn, place_reviews, _review, doc_ids)
    return dict(sorted(out.items(), key=lambda kv: kv[1].id))


def place_reviews_digest(conn: Connection) -> str:
    """Changes whenever a place review is added (they are append-only)."""
    return append_only_digest(conn, place_reviews, "place-reviews")
