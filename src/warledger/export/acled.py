"""ACLED-style CSV: ACLED's 31 columns and value conventions, one row per reconciled incident.

Only incidents of ACLED's six event types are written (warledger's Context types and aggregate
tolls have no ACLED row).  Conventions: ``event_date`` like "05 April 2022"; ``time_precision``
1 day / 2 within a week / 3 longer (intervals are coded to their middle day); ``inter`` codes from
the actor names (1 the state forces of the event's country, 2 rebel groups, 3 political militias,
4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces, 0 none);
``interaction`` the two codes, smaller first (a lone actor: its code then 0); ``fatalities`` the
ACLED conservative killed value; ``notes`` written from the evidence; ``source`` the outlets;
``source_scale`` "Other" (warledger does not know an outlet's scale); ``timestamp`` the last
report date (Unix time); ids derived from the stable incident id.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from warledger.export.common import ACLED_TYPES, DocMeta, country, event_day
from warledger.reconcile.types import ReconciledRecord

ACLED_COLUMNS = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
]
_STATE = re.compile(
    r"^(?:Military|Police) Forces of (.+?)(?: \(\d{4}-\d{0,4}\))?(?: .*)?$|^Government of (.+?) \("
)


def inter_code(actor: str | None, country_name: str | None) -> int:
    """ACLED's actor type code for an actor name (see the module docstring)."""
    if not actor:
        return 0
    a = actor.strip()
    low = a.lower()
    if low.startswith("civilians"):
        return 7
    if low.startswith("protesters"):
        return 6
    if low.startswith("rioters"):
        return 5
    m = _STATE.match(a)
    if m:
        state = (m.group(1) or m.group(2) or "").strip()
        return 1 if country_name and state.lower() == country_name.lower() else 8
    if low.startswith("unidentified military forces") or "private security" in low or "wagner" in low:
        return 8
    if "communal militia" in low or "ethnic militia" in low or "identity militia" in low:
        return 4
    if "militia" in low or low.startswith("unidentified armed group"):
        return 3
    if ":" in a or any(w in low for w in ("rebel", "liberation", "insurgent", "front", "islamic state")):
        return 2
    return 8


def interaction(i1: int, i2: int) -> int:
    if i1 and i2:
        return int(f"{min(i1, i2)}{max(i1, i2)}")
    return (i1 or i2) * 10


def acled_date(d: object) -> str:
    return f"{d:%d %B %Y}" if d is not None else ""  # ACLED pads the day: "05 April 2022"


def _sentence(text: str, limit: int = 300) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1].rsplit(" ", 1)[0] + "…"


def notes(rec: ReconciledRecord) -> str:
    """A short ACLED-style description written from the evidence and the casualty ledger."""
    day, _prec = event_day(rec)
    where = (
        ", ".join(x for x in ((rec.place.name or rec.place.text), rec.place.admin1) if x) if rec.place else ""
    )
    who = rec.actor1 or "unidentified actors"
    against = f" against {rec.actor2}" if rec.actor2 else ""
    parts = [
        f"On {acled_date(day)}, {rec.sub_event_type.lower()} by {who}{against}"
        + (f" in {where}." if where else ".")
    ]
    for est in rec.casualties:
        if est.best is None:
            continue
        speakers = sorted({c.speaker for c in est.figures if c.speaker and not c.copy_of})
        by = f" according to {', '.join(speakers[:3])}" if speakers else ""
        parts.append(f"{est.category.capitalize()}: {est.best} (low {est.low}, high {est.high}){by}.")
    for d in rec.disputes:
        parts.append(f"Disputed: {d.summary}.")
    if rec.evidence:
        parts.append(f'Report: "{_sentence(rec.evidence[0].text)}"')
    return " ".join(parts)


def _number(rec_id: str) -> int:
    return int(hashlib.sha256(rec_id.encode("utf-8")).hexdigest()[:7], 16)


def acled_row(rec: ReconciledRecord, meta: dict[str, DocMeta]) -> dict[str, object]:
    p = rec.place
    c = country(p.country if p else None)
    day, prec = event_day(rec)
    i1 = inter_code(rec.actor1, c.name if c else None)
    i2 = inter_code(rec.actor2, c.name if c else None)
    killed = rec.estimate("killed")
    outlets = []
    for d in rec.documents:
        if d in meta and meta[d].outlet not in outlets:
            outlets.append(meta[d].outlet)
    last = rec.reported.end or rec.reported.start
    n = _number(rec.id)
    return {
        "data_id": n,
        "iso": c.numeric if c else "",
        "event_id_cnty": f"{c.iso3 if c else 'XXX'}{n}",
        "event_id_no_cnty": n,
        "event_date": acled_date(day),
        "year": day.year if day else "",
        "time_precision": prec,
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type,
        "actor1": rec.actor1 or "",
        "assoc_actor_1": "",
        "inter1": i1,
        "actor2": rec.actor2 or "",
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": interaction(i1, i2),
        "region": c.acled_region if c else "",
        "country": c.name if c else "",
        "admin1": (p.admin1 or "") if p else "",
        "admin2": (p.admin2 or "") if p else "",
        "admin3": "",
        "location": (p.name or p.text) if p else "",
        "latitude": f"{p.lat:.4f}" if p and p.lat is not None else "",
        "longitude": f"{p.lon:.4f}" if p and p.lon is not None else "",
        "geo_precision": (p.precision or "") if p else "",
        "source": "; ".join(outlets),
        "source_scale": "Other",
        "notes": notes(rec),
        "fatalities": (killed.acled or 0) if killed else 0,
        "timestamp": int(datetime(last.year, last.month, last.day, tzinfo=UTC).timestamp()) if last else "",
        "iso3": c.iso3 if c else "",
    }


def write_acled(records: list[ReconciledRecord], meta: dict[str, DocMeta], path: Path) -> int:
    rows = [acled_row(r, meta) for r in records if r.kind == "incident" and r.event_type in ACLED_TYPES]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return len(rows)
