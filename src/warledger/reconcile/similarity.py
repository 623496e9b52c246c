"""Do two extracted incidents describe the same event?  Field by field, with hard limits.

Hard limits (any one keeps them apart): incompatible types; places farther apart than the
coarser place's precision allows (or in different countries / provinces); occurrence windows more
than a day apart.  Otherwise the weighted score (type 0.3, place 0.3, date 0.2, actors 0.1,
figures 0.1) must reach :data:`THRESHOLD`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from warledger.models import Place
from warledger.reconcile.members import CONTEXT, Member, norm
from warledger.reconcile.types import FieldScore
from warledger.reconcile.values import bounds

THRESHOLD = 0.7
WEIGHTS = {"type": 0.3, "place": 0.3, "date": 0.2, "actors": 0.1, "figures": 0.1}
# How far (km) a place of each ACLED geo_precision may be from the event: the town itself,
# near it / its district, a province or larger.
RADIUS_KM = {1: 2.0, 2: 10.0, 3: 250.0}
DATE_SLACK_DAYS = 1
NEARBY = 0.3  # the most a different (named) place within the radius scores
# Two stated days a day apart: often one event (the day it happened vs the day it was announced),
# but only when the type is the same sub-event type.
ONE_DAY_APART = 0.3
# Reports of one attack on civilians differ in this way ("shelling killed five" / "an attack on
# civilians"); other different event types are different events.
COMPATIBLE_TYPES = {"Explosions/Remote violence", "Violence against civilians"}


@dataclass(frozen=True)
class Comparison:
    compatible: bool
    score: float
    fields: tuple[FieldScore, ...]

    def why_not(self) -> str:
        bad = [f for f in self.fields if not f.agreed and f.score < 0]
        return "; ".join(f"{f.field}: {f.detail}" for f in bad) or "score below threshold"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _type(a: Member, b: Member) -> FieldScore:
    ia, ib = a.incident, b.incident
    if ia.sub_event_type == ib.sub_event_type and ia.event_type == ib.event_type:
        return FieldScore(
            field="type", score=1.0, agreed=True, detail=f"same sub-event type {ia.sub_event_type!r}"
        )
    if CONTEXT in (ia.event_type, ib.event_type):
        return FieldScore(
            field="type",
            score=-1.0,
            agreed=False,
            detail=f"{ia.event_type}/{ia.sub_event_type} vs {ib.event_type}/{ib.sub_event_type}",
        )
    if ia.event_type == ib.event_type:
        return FieldScore(field="type", score=0.7, agreed=True, detail=f"same event type {ia.event_type!r}")
    if {ia.event_type, ib.event_type} == COMPATIBLE_TYPES:
        return FieldScore(
            field="type",
            score=0.3,
            agreed=True,
            detail=f"compatible types {ia.sub_event_type!r} / {ib.sub_event_type!r}",
        )
    return FieldScore(
        field="type", score=-1.0, agreed=False, detail=f"{ia.event_type!r} vs {ib.event_type!r}"
    )


def _label(p: Place) -> str:
    return p.name or p.text


def _is_country(p: Place) -> bool:
    return bool(p.feature_code and p.feature_code.startswith("PCL"))


def _contains(big: Place, small: Place) -> bool:
    """``big`` is a province/country that ``small`` lies in (by admin names or country)."""
    if _is_country(big):
        return bool(big.country and big.country == small.country)
    if (big.precision or 0) < 3:
        return False
    names = {norm(x) for x in (big.name, big.admin1, big.text) if x}
    names |= {n.replace(" oblast", "").replace(" region", "").replace(" province", "") for n in names}
    return bool(small.admin1 and norm(small.admin1) in names)


def place_score(pa: Place | None, pb: Place | None, *, same_story: bool = False) -> FieldScore:
    if pa is None or pb is None:
        if same_story:  # copies of one story: the copy simply lost the place
            return FieldScore(
                field="place", score=0.4, agreed=True, detail="place unknown on one side (same story)"
            )
        return FieldScore(
            field="place", score=-1.0, agreed=False, detail="place unknown on one side (different sources)"
        )
    if pa.country and pb.country and pa.country != pb.country:
        return FieldScore(field="place", score=-1.0, agreed=False, detail=f"{pa.country} vs {pb.country}")
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return FieldScore(field="place", score=1.0, agreed=True, detail=f"same place {_label(pa)}")
    coarse = [p for p in (pa, pb) if (p.precision or 2) >= 3 or _is_country(p)]
    if coarse and norm(_label(pa)) != norm(_label(pb)):
        # a province or country: the other place must lie in it (distance says little here)
        for big, small in ((pa, pb), (pb, pa)):
            if big in coarse and _contains(big, small):
                return FieldScore(
                    field="place", score=0.5, agreed=True, detail=f"{_label(small)} lies in {_label(big)}"
                )
        if len(coarse) == 2 or (pa.admin1 and pb.admin1):
            return FieldScore(
                field="place", score=-1.0, agreed=False, detail=f"{_label(pa)} is not in {_label(pb)}"
            )
    if pa.lat is not None and pa.lon is not None and pb.lat is not None and pb.lon is not None:
        d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        tol = max(RADIUS_KM.get(pa.precision or 2, 10.0), RADIUS_KM.get(pb.precision or 2, 10.0))
        if d <= tol:
            # two different named places: near each other is weak evidence on its own
            return FieldScore(
                field="place",
                score=round(NEARBY * (1.0 - d / tol), 3),
                agreed=True,
                detail=f"{_label(pa)} and {_label(pb)} are {d:.0f} km apart (within {tol:.0f} km)",
            )
        return FieldScore(
            field="place",
            score=-1.0,
            agreed=False,
            detail=f"{_label(pa)} and {_label(pb)} are {d:.0f} km apart (more than {tol:.0f} km)",
        )
    if norm(_label(pa)) == norm(_label(pb)):
        return FieldScore(field="place", score=0.9, agreed=True, detail=f"same place name {_label(pa)}")
    if pa.admin1 and pb.admin1:
        if norm(pa.admin1) == norm(pb.admin1):
            return FieldScore(field="place", score=0.6, agreed=True, detail=f"same province {pa.admin1}")
        return FieldScore(field="place", score=-1.0, agreed=False, detail=f"{pa.admin1} vs {pb.admin1}")
    return FieldScore(field="place", score=0.4, agreed=True, detail="places not comparable")


_ABSOLUTE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def _absolute(m: Member) -> bool:
    """The member's date was written as a calendar date ("1 January"), not relative ("on Tuesday"):
    a one-day difference between two calendar dates is a different day, not a misread one."""
    d = m.incident.date
    return bool(m.dated and d is not None and _ABSOLUTE.search(d.text))


def date_score(a: Member, b: Member) -> FieldScore:
    if a.window is None or b.window is None:
        return FieldScore(field="date", score=0.4, agreed=True, detail="date unknown on one side")
    (a0, a1), (b0, b1) = a.window, b.window
    gap = (max(a0, b0) - min(a1, b1)).days  # > 0: days between the windows; <= 0: they overlap
    what = f"{a0}–{a1} vs {b0}–{b1}" if (a0, a1) != (b0, b1) else f"{a0}–{a1}"
    if gap > DATE_SLACK_DAYS or (gap > 0 and _absolute(a) and _absolute(b)):
        return FieldScore(field="date", score=-1.0, agreed=False, detail=f"{gap} days apart ({what})")
    if not (a.dated and b.dated):
        return FieldScore(field="date", score=0.5, agreed=True, detail=f"report dates compatible ({what})")
    if a0 == a1 == b0 == b1:
        return FieldScore(field="date", score=1.0, agreed=True, detail=f"same day {a0}")
    if gap <= 0:
        return FieldScore(field="date", score=0.8, agreed=True, detail=f"windows overlap ({what})")
    return FieldScore(field="date", score=ONE_DAY_APART, agreed=True, detail=f"a day apart ({what})")


def _actors(a: Member, b: Member) -> FieldScore:
    sa = {norm(x) for x in (a.incident.actor1, a.incident.actor2) if x}
    sb = {norm(x) for x in (b.incident.actor1, b.incident.actor2) if x}
    if not sa or not sb:
        return FieldScore(field="actors", score=0.5, agreed=True, detail="actors unknown on one side")
    if sa == sb:
        return FieldScore(field="actors", score=1.0, agreed=True, detail="same actors")
    if sa & sb:
        return FieldScore(field="actors", score=0.7, agreed=True, detail=f"shared actor {sorted(sa & sb)[0]}")
    return FieldScore(field="actors", score=0.2, agreed=False, detail="different actors")


def _killed(m: Member) -> list:
    out = []
    for _i, f in m.figures:
        if f.category == "killed":
            bd = bounds(f.low, f.high, f.qualifier)
            if bd is not None:
                out.append(bd)
    return out


def _figures(a: Member, b: Member) -> FieldScore:
    ka, kb = _killed(a), _killed(b)
    if not ka or not kb:
        return FieldScore(field="figures", score=0.5, agreed=True, detail="no killed figure on one side")
    if any(close(x.point, y.point) for x in ka for y in kb):
        return FieldScore(field="figures", score=1.0, agreed=True, detail="killed figures agree")
    pa = "/".join(str(x.point) for x in ka)
    pb = "/".join(str(x.point) for x in kb)
    return FieldScore(
        field="figures", score=0.0, agreed=False, detail=f"killed figures differ ({pa} vs {pb})"
    )


def quick_reject(a: Member, b: Member) -> bool:
    """A cheap pre-check of the hard limits (True: :func:`compare` would find them incompatible)."""
    ia, ib = a.incident, b.incident
    if ia.event_type != ib.event_type:
        if {ia.event_type, ib.event_type} != COMPATIBLE_TYPES:
            return True
    elif ia.event_type == CONTEXT and ia.sub_event_type != ib.sub_event_type:
        return True
    wa, wb = a.window, b.window
    if wa is not None and wb is not None and (max(wa[0], wb[0]) - min(wa[1], wb[1])).days > DATE_SLACK_DAYS:
        return True
    pa, pb = ia.location, ib.location
    if pa is None or pb is None:
        return a.doc.group != b.doc.group
    return bool(pa.country and pb.country and pa.country != pb.country)


def close(a: int, b: int) -> bool:
    """Similar enough to suggest the same event (a revised toll usually stays this close)."""
    return abs(a - b) <= max(2, 0.34 * max(a, b))


def compare(a: Member, b: Member) -> Comparison:
    fields = (
        _type(a, b),
        place_score(a.incident.location, b.incident.location, same_story=a.doc.group == b.doc.group),
        date_score(a, b),
        _actors(a, b),
        _figures(a, b),
    )
    if fields[2].score == ONE_DAY_APART and fields[0].score < 1.0:
        fields = (
            fields[0],
            fields[1],
            fields[2].model_copy(
                update={"score": -1.0, "agreed": False, "detail": fields[2].detail + ", different types"}
            ),
            *fields[3:],
        )
    if any(f.score < 0 for f in fields):
        return Comparison(False, 0.0, fields)
    score = round(sum(WEIGHTS[f.field] * f.score for f in fields), 3)
    return Comparison(score >= THRESHOLD, score, fields)
