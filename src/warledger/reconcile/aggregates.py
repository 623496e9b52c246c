"""Aggregate (cumulative) tolls: their own records, linked to — never added to — the incidents in
their scope, with a consistency check (the incidents' best values must not sum above the toll).

Scope: the aggregate's place (the same place, within its precision's radius, or a province /
country the incident lies in) and its time window (its stated date interval, else up to the day
it was reported).  Copies of one toll in a story cluster are one record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from warledger.models import Place
from warledger.reconcile.casualties import claim_of
from warledger.reconcile.members import DocInfo
from warledger.reconcile.similarity import haversine_km, place_score
from warledger.reconcile.types import AggregateLink, Estimate, FigureClaim, Interval, ReconciledRecord
from warledger.reconcile.values import bounds

AGGREGATE_TYPE = ("Context", "Aggregate toll")


def build_aggregates(docs: Iterable[DocInfo]) -> list[ReconciledRecord]:
    seen: dict[tuple[str, str, int, str], ReconciledRecord] = {}
    out: list[ReconciledRecord] = []
    for doc in sorted(docs, key=lambda d: (d.reported or _max(), d.doc_id)):
        for fi, fig in enumerate(doc.result.figures):
            if not fig.cumulative or fig.parent is not None:
                continue
            b = bounds(fig.low, fig.high, fig.qualifier)
            if b is None:
                continue
            claim = claim_of(doc, fi, fig)
            key = (doc.group, fig.category, b.point, claim.speaker_key)
            if key in seen:
                rec = seen[key]
                claim.copy_of = rec.casualties[0].figures[0].ref
                rec.casualties[0].figures.append(claim)
                rec.documents.append(doc.doc_id)
                rec.reported.end = max(rec.reported.end or doc.reported or _max(), doc.reported or _min())
                continue
            start = fig.date.start if fig.date is not None else None
            end = (fig.date.end if fig.date is not None else None) or doc.reported
            est = Estimate(
                category=fig.category,
                low=b.lower if b.lower is not None else 0,
                best=b.point,
                high=b.upper if b.upper is not None else b.point,
                acled=b.point,
                rules={"best": f"aggregate toll as stated by {claim.speaker or 'the outlet'} [{claim.ref}]"},
                figures=[claim],
                independent_sources=1,
            )
            rec = ReconciledRecord(
                id=f"agg-{doc.doc_id}-f{fi}",
                kind="aggregate",
                event_type=AGGREGATE_TYPE[0],
                sub_event_type=AGGREGATE_TYPE[1],
                place=fig.location,
                occurred=Interval(start=start, end=end, precision=fig.date.precision if fig.date else None),
                reported=Interval(start=doc.reported, end=doc.reported),
                documents=[doc.doc_id],
                source_groups=1,
                casualties=[est],
                evidence=[fig.evidence],
            )
            seen[key] = rec
            out.append(rec)
    return out


def _max() -> date:
    return date.max


def _min() -> date:
    return date.min


CITY_SCOPE_KM = 15.0  # a town-level toll covers incidents this close to the town's point


def _in_scope_place(agg: Place | None, inc: Place | None) -> bool:
    if agg is None or inc is None:
        return False
    if (agg.precision or 2) <= 2 and None not in (agg.lat, agg.lon, inc.lat, inc.lon):
        return haversine_km(agg.lat, agg.lon, inc.lat, inc.lon) <= CITY_SCOPE_KM  # type: ignore[arg-type]
    return place_score(agg, inc).agreed


def _in_scope_time(agg: ReconciledRecord, inc: ReconciledRecord) -> bool:
    start = inc.occurred.start or inc.reported.start
    end = inc.occurred.end or inc.reported.start
    if start is None or end is None:
        return False
    if agg.occurred.start is not None and start < agg.occurred.start:
        return False
    return agg.occurred.end is None or end <= agg.occurred.end


def link(aggregates: list[ReconciledRecord], incidents: list[ReconciledRecord]) -> int:
    """Link each aggregate to the incidents in its scope and check consistency; returns the
    number of inconsistent aggregates."""
    bad = 0
    for agg in aggregates:
        est = agg.casualties[0]
        total = 0
        for inc in incidents:
            inc_est = inc.estimate(est.category)
            if inc_est is None or inc_est.best is None:
                continue
            if not (_in_scope_place(agg.place, inc.place) and _in_scope_time(agg, inc)):
                continue
            agg.linked.append(AggregateLink(incident_id=inc.id, best=inc_est.best))
            inc.aggregates.append(agg.id)
            total += inc_est.best
        if not agg.linked:
            agg.consistency = "no reconciled incident in scope"
            agg.consistent = None
            continue
        agg.consistent = total <= (est.best or 0)
        sign = "≤" if agg.consistent else ">"
        agg.consistency = (
            f"{'consistent' if agg.consistent else 'inconsistent'}: {len(agg.linked)} incident(s) in scope "
            f"sum to {total} {sign} aggregate {est.best}"
        )
        if agg.consistent is False:
            bad += 1
    return bad


def aggregate_claims(agg: ReconciledRecord) -> list[FigureClaim]:
    return agg.casualties[0].figures if agg.casualties else []
