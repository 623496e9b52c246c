"""Rows derived from an extraction: writing them, and the figure/incident queries with filters."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, delete, func, insert, or_, select

from warledger.models import DateRef, DocumentResult, Evidence, Place, Source
from warledger.store.schema import (
    claims,
    documents,
    extractions,
    figures,
    incident_figures,
    incidents,
    places,
    sources,
)
from warledger.store.types import FigureFilter, FigureRow, IncidentRow

DERIVED_TABLES = (incident_figures, figures, incidents, claims, places, sources)


def result_digest(result_json: str) -> str:
    return hashlib.sha256(result_json.encode("utf-8")).hexdigest()


def delete_derived(conn: Connection, doc_id: str) -> None:
    for table in DERIVED_TABLES:
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    conn.execute(delete(extractions).where(extractions.c.doc_id == doc_id))


def _place_values(p: Place | None) -> dict[str, Any]:
    if p is None:
        return dict.fromkeys(
            (
                "place_text",
                "place_name",
                "country",
                "admin1",
                "admin2",
                "lat",
                "lon",
                "geonameid",
                "geo_precision",
            )
        )
    return {
        "place_text": p.text,
        "place_name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "lat": p.lat,
        "lon": p.lon,
        "geonameid": p.geonameid,
        "geo_precision": p.precision,
    }


def _date_values(d: DateRef | None) -> dict[str, Any]:
    if d is None:
        return {"date_text": None, "date_start": None, "date_end": None, "date_precision": None}
    return {"date_text": d.text, "date_start": d.start, "date_end": d.end, "date_precision": d.precision}


def _ev_values(e: Evidence) -> dict[str, Any]:
    return {"ev_start": e.start, "ev_end": e.end, "ev_text": e.text}


class _Sources:
    """Stores each distinct speaker/source of one document once; returns its row id."""

    def __init__(self, conn: Connection, doc_id: str) -> None:
        self.conn, self.doc_id, self.ids = conn, doc_id, {}

    def id_of(self, s: Source | None) -> int | None:
        if s is None:
            return None
        key = s.model_dump_json()
        if key not in self.ids:
            res = self.conn.execute(
                insert(sources).values(
                    doc_id=self.doc_id,
                    text=s.text,
                    name=s.name,
                    role=s.role,
                    organization=s.organization,
                    anonymous=s.anonymous,
                    fallback=s.fallback,
                )
            )
            self.ids[key] = int(res.inserted_primary_key[0])
        return self.ids[key]


def write_derived(conn: Connection, doc_id: str, result: DocumentResult, result_json: str, at: str) -> None:
    """Replace the document's extraction and every row derived from it (caller holds the transaction)."""
    delete_derived(conn, doc_id)
    conn.execute(
        insert(extractions).values(
            doc_id=doc_id, result_json=result_json, digest=result_digest(result_json), extracted_at=at
        )
    )
    srcs = _Sources(conn, doc_id)
    place_rows = [
        {
            "doc_id": doc_id,
            "idx": i,
            "text": p.text,
            "span_start": p.start,
            "span_end": p.end,
            "name": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "lat": p.lat,
            "lon": p.lon,
            "geonameid": p.geonameid,
            "feature_code": p.feature_code,
            "geo_precision": p.precision,
        }
        for i, p in enumerate(result.places)
        if p.kind == "toponym"  # nationality words name no place (the document's JSON keeps them)
    ]
    if place_rows:
        conn.execute(insert(places), place_rows)
    figure_rows = [
        {
            "doc_id": doc_id,
            "idx": i,
            "category": f.category,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "victims": f.victims,
            "cumulative": f.cumulative,
            **_place_values(f.location),
            **_date_values(f.date),
            "source_id": srcs.id_of(f.source),
            **_ev_values(f.evidence),
            "confidence": f.confidence,
            "parent": f.parent,
        }
        for i, f in enumerate(result.figures)
    ]
    if figure_rows:
        conn.execute(insert(figures), figure_rows)
    incident_rows = []
    links = []
    for i, inc in enumerate(result.incidents):
        incident_rows.append(
            {
                "doc_id": doc_id,
                "idx": i,
                "event_type": inc.event_type,
                "sub_event_type": inc.sub_event_type,
                "actor1": inc.actor1,
                "actor2": inc.actor2,
                **_place_values(inc.location),
                **_date_values(inc.date),
                "fatalities_low": inc.fatalities.low,
                "fatalities_best": inc.fatalities.best,
                "fatalities_high": inc.fatalities.high,
                "source_id": srcs.id_of(inc.source),
                **_ev_values(inc.evidence),
            }
        )
        links.extend(
            {"doc_id": doc_id, "incident_idx": i, "figure_idx": fi} for fi in sorted(set(inc.figures))
        )
    if incident_rows:
        conn.execute(insert(incidents), incident_rows)
    if links:
        conn.execute(insert(incident_figures), links)
    claim_rows = [
        {
            "doc_id": doc_id,
            "idx": i,
            "source_id": srcs.id_of(c.speaker),
            "speaker": c.speaker.name or c.speaker.text,
            "stance": c.stance,
            "about": c.about,
            **_ev_values(c.evidence),
        }
        for i, c in enumerate(result.claims)
    ]
    if claim_rows:
        conn.execute(insert(claims), claim_rows)


def _filtered(
    stmt: Select, table: Any, flt: FigureFilter, category_clause: ColumnElement[bool] | None
) -> Select:
    start = func.coalesce(table.c.date_start, documents.c.published)
    end = func.coalesce(table.c.date_end, table.c.date_start, documents.c.published)
    conds: list[ColumnElement[bool]] = []
    if flt.since is not None:
        conds.append(end >= flt.since)
    if flt.until is not None:
        conds.append(start <= flt.until)
    if flt.place:
        needle = flt.place.strip().lower()
        conds.append(
            or_(
                *(
                    func.lower(col).contains(needle, autoescape=True)
                    for col in (table.c.place_name, table.c.place_text, table.c.admin1, table.c.admin2)
                )
            )
        )
    if category_clause is not None:
        conds.append(category_clause)
    if flt.doc_id is not None:
        conds.append(table.c.doc_id == flt.doc_id)
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(start.is_(None), start, table.c.doc_id, table.c.idx)
    if flt.limit is not None:
        stmt = stmt.limit(max(0, flt.limit))
    return stmt


def _with_document_and_source(table: Any) -> Select:
    """Rows of ``table`` with their document's publication date and title and their speaker."""
    src = sources.alias("src")
    return (
        select(
            table,
            documents.c.published,
            documents.c.title,
            src.c.name.label("src_name"),
            src.c.text.label("src_text"),
        )
        .join(documents, documents.c.id == table.c.doc_id)
        .outerjoin(src, src.c.id == table.c.source_id)
    )


def query_figures(conn: Connection, flt: FigureFilter) -> list[FigureRow]:
    stmt = _with_document_and_source(figures)
    cat = func.lower(figures.c.category) == flt.category.strip().lower() if flt.category else None
    rows = conn.execute(_filtered(stmt, figures, flt, cat)).all()
    return [figure_row(r) for r in rows]


def figure_row(r: Any) -> FigureRow:
    """A row of :func:`_with_document_and_source` over ``figures`` as a :class:`FigureRow`."""
    return FigureRow(
        doc_id=r.doc_id,
        published=r.published,
        title=r.title,
        index=r.idx,
        category=r.category,
        low=r.low,
        high=r.high,
        qualifier=r.qualifier,
        victims=r.victims,
        cumulative=bool(r.cumulative),
        place_name=r.place_name or r.place_text,
        admin1=r.admin1,
        admin2=r.admin2,
        country=r.country,
        lat=r.lat,
        lon=r.lon,
        date_start=r.date_start,
        date_end=r.date_end,
        date_text=r.date_text,
        speaker=r.src_name or r.src_text,
        evidence_text=r.ev_text,
        start=r.ev_start,
        end=r.ev_end,
        confidence=float(r.confidence),
        parent=r.parent,
    )


def query_incidents(conn: Connection, flt: FigureFilter) -> list[IncidentRow]:
    stmt = _with_document_and_source(incidents)
    cat = None
    if flt.category:
        needle = flt.category.strip().lower()
        cat = or_(
            func.lower(incidents.c.event_type).contains(needle, autoescape=True),
            func.lower(incidents.c.sub_event_type).contains(needle, autoescape=True),
        )
    rows = conn.execute(_filtered(stmt, incidents, flt, cat)).all()
    link_map: dict[tuple[str, int], list[int]] = {}
    doc_ids = sorted({r.doc_id for r in rows})
    for chunk_start in range(0, len(doc_ids), 500):
        chunk = doc_ids[chunk_start : chunk_start + 500]
        for link in conn.execute(
            select(incident_figures)
            .where(incident_figures.c.doc_id.in_(chunk))
            .order_by(incident_figures.c.figure_idx)
        ):
            link_map.setdefault((link.doc_id, link.incident_idx), []).append(int(link.figure_idx))
    return [
        IncidentRow(
            doc_id=r.doc_id,
            published=r.published,
            title=r.title,
            index=r.idx,
            event_type=r.event_type,
            sub_event_type=r.sub_event_type,
            actor1=r.actor1,
            actor2=r.actor2,
            place_name=r.place_name or r.place_text,
            admin1=r.admin1,
            admin2=r.admin2,
            country=r.country,
            lat=r.lat,
            lon=r.lon,
            date_start=r.date_start,
            date_end=r.date_end,
            date_text=r.date_text,
            fatalities_low=r.fatalities_low,
            fatalities_best=r.fatalities_best,
            fatalities_high=r.fatalities_high,
            figures=tuple(link_map.get((r.doc_id, r.idx), [])),
            speaker=r.src_name or r.src_text,
            evidence_text=r.ev_text,
            start=r.ev_start,
            end=r.ev_end,
        )
        for r in rows
    ]
