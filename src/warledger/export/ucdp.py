"""UCDP GED-style CSV: the GED columns, one row per violent reconciled incident.

Only Battles, Explosions/Remote violence and Violence against civilians are written (UCDP codes
organised violence).  ``type_of_violence`` 3 (one-sided) for violence against civilians, else 1
(state-based) when an actor is a state force, else 2; ``best``/``low``/``high`` the killed
estimates; ``deaths_civilians`` the best when the figures count civilians, else
``deaths_unknown``; ``where_prec`` the place's own (``Place.where_prec``: 1 the place, 2 within
25 km, 3 a district, 4 a province, 5 a region, 6 the country, 7 at sea), else from its precision;
``date_prec`` 1 a day, 2 two to six days, 3 a week, 4 a month, 5 longer; ``priogrid_gid`` from
the coordinates (0.5° PRIO-GRID); ``source_original`` the speakers of the figures.  UCDP's own
ids (conflict, dyad, side, Gleditsch–Ward) are left empty, and — unlike UCDP's file — there is no
HXL tag row.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from warledger.export.acled import inter_code
from warledger.export.common import VIOLENT_TYPES, DocMeta, country
from warledger.reconcile.types import ReconciledRecord

UCDP_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "iso3",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
_CIVILIAN = ("civilian", "resident", "children", "child", "women", "villager", "people", "inhabitant")


def priogrid(lat: float, lon: float) -> int:
    row = min(359, max(0, math.floor((lat + 90.0) / 0.5)))
    col = min(719, max(0, math.floor((lon + 180.0) / 0.5)))
    return row * 720 + col + 1


def where_prec(rec: ReconciledRecord) -> int | str:
    p = rec.place
    if p is None:
        return ""
    if p.where_prec is not None:  # set by the geoparser (district, region, sea…)
        return p.where_prec
    if p.feature_code and p.feature_code.startswith("PCL"):
        return 6
    return {1: 1, 2: 2, 3: 4}.get(p.precision or 0, 3)


def date_prec(rec: ReconciledRecord) -> int:
    o = rec.occurred
    if o.start is None:
        return 2  # only the report date is known; the event happened in the days before
    span = ((o.end or o.start) - o.start).days + 1
    if span == 1:
        return 1
    if span <= 6:
        return 2
    if span <= 8:
        return 3
    return 4 if span <= 31 else 5


def _ucdp_time(d: object) -> str:
    return f"{d.isoformat()} 00:00:00.000" if d is not None else ""  # type: ignore[attr-defined]


def ucdp_row(rec: ReconciledRecord, meta: dict[str, DocMeta]) -> dict[str, object]:
    p = rec.place
    c = country(p.country if p else None)
    killed = rec.estimate("killed")
    i1 = inter_code(rec.actor1, c.name if c else None)
    i2 = inter_code(rec.actor2, c.name if c else None)
    if rec.event_type == "Violence against civilians" or 7 in (i1, i2):
        tov = 3
    elif 1 in (i1, i2) or 8 in (i1, i2):
        tov = 1
    else:
        tov = 2
    best = killed.best if killed and killed.best is not None else 0
    civilian = bool(
        killed
        and any(c2.victims and any(w in c2.victims.lower() for w in _CIVILIAN) for c2 in killed.figures)
    )
    docs = [meta[d] for d in rec.documents if d in meta]
    speakers: list[str] = []
    for est in rec.casualties:
        for fc in est.figures:
            if fc.speaker and fc.speaker not in speakers:
                speakers.append(fc.speaker)
    start = rec.occurred.start or rec.reported.start
    end = rec.occurred.end or rec.occurred.start or rec.reported.start
    lat = p.lat if p else None
    lon = p.lon if p else None
    row: dict[str, object] = dict.fromkeys(UCDP_COLUMNS, "")
    row.update(
        {
            "id": rec.id,
            "relid": rec.id,
            "year": start.year if start else "",
            "active_year": 1 if best > 0 else 0,
            "code_status": "Clear",
            "type_of_violence": tov,
            "dyad_name": f"{rec.actor1 or 'Unknown'} - {rec.actor2 or 'Unknown'}",
            "side_a": rec.actor1 or "",
            "side_b": rec.actor2 or "",
            "number_of_sources": rec.source_groups,
            "source_article": ";".join(
                f'"{d.outlet},{d.published or ""},{(d.title or "").replace(";", ",")}"' for d in docs
            ),
            "source_office": ";".join(d.outlet for d in docs),
            "source_date": ";".join(str(d.published or "") for d in docs),
            "source_headline": ";".join((d.title or "").replace(";", ",") for d in docs),
            "source_original": "; ".join(speakers),
            "where_prec": where_prec(rec),
            "where_coordinates": (p.name or p.text) if p else "",
            "where_description": (p.text if p else ""),
            "adm_1": (p.admin1 or "") if p else "",
            "adm_2": (p.admin2 or "") if p else "",
            "latitude": f"{lat:.6f}" if lat is not None else "",
            "longitude": f"{lon:.6f}" if lon is not None else "",
            "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
            "priogrid_gid": priogrid(lat, lon) if lat is not None and lon is not None else "",
            "country": c.name if c else "",
            "iso3": c.iso3 if c else "",
            "region": c.ucdp_region if c else "",
            "event_clarity": 1 if rec.occurred.start and rec.place and (rec.place.precision or 3) <= 2 else 2,
            "date_prec": date_prec(rec),
            "date_start": _ucdp_time(start),
            "date_end": _ucdp_time(end),
            "deaths_a": 0,
            "deaths_b": 0,
            "deaths_civilians": best if civilian else 0,
            "deaths_unknown": 0 if civilian else best,
            "best": best,
            "high": killed.high if killed and killed.high is not None else best,
            "low": killed.low if killed and killed.low is not None else best,
        }
    )
    return row


def write_ucdp(records: list[ReconciledRecord], meta: dict[str, DocMeta], path: Path) -> int:
    rows = [ucdp_row(r, meta) for r in records if r.kind == "incident" and r.event_type in VIOLENT_TYPES]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=UCDP_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return len(rows)
