"""Reconcile the ledger: members → incidents (+ aggregates) → stored records; analyst merge/split."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from warledger.errors import InputError
from warledger.models import Place
from warledger.reconcile import aggregates as agg_mod
from warledger.reconcile.casualties import Reviews, Verdict, denials, incident_casualties, verdict_of
from warledger.reconcile.cluster import Group, assign_ids, cluster
from warledger.reconcile.members import CONTEXT, Member, load_members
from warledger.reconcile.types import Interval, Override, ReconciledRecord, ReconcileReport
from warledger.store.reconciled import RecordFilter, StoredRecord

if TYPE_CHECKING:
    from warledger.store import Ledger


def _occurred(members: Sequence[Member]) -> Interval:
    dated = [m for m in members if m.dated and m.window is not None]
    if not dated:
        return Interval()
    starts = [m.window[0] for m in dated if m.window]
    ends = [m.window[1] for m in dated if m.window]
    lo, hi = max(starts), min(ends)
    if lo > hi:  # the windows do not all overlap: the one most independent sources give
        support: dict[tuple[date, date], set[str]] = {}
        for m in dated:
            if m.window is not None:
                support.setdefault(m.window, set()).add(m.doc.group)
        lo, hi = max(support, key=lambda w: (len(support[w]), -w[0].toordinal()))
    if lo == hi:
        return Interval(start=lo, end=hi, precision="day")
    same = next((m for m in dated if m.window == (lo, hi) and m.incident.date is not None), None)
    precision = same.incident.date.precision if same is not None and same.incident.date else "interval"
    return Interval(start=lo, end=hi, precision=precision)


def _discovered(members: Sequence[Member]) -> Interval | None:
    days: list[date] = []
    for m in members:
        for _fi, fig in m.figures:
            if fig.category != "bodies_found":
                continue
            if fig.date is not None and fig.date.start is not None:
                days.extend([fig.date.start, fig.date.end or fig.date.start])
            elif m.doc.reported is not None:
                days.append(m.doc.reported)
    if not days:
        return None
    return Interval(start=min(days), end=max(days), precision="day" if min(days) == max(days) else "interval")


def _vote(members: Sequence[Member]) -> Member:
    """The member whose type is reported by the most independent sources (ties: the earliest)."""
    groups: dict[tuple[str, str], set[str]] = {}
    for m in members:
        groups.setdefault((m.incident.event_type, m.incident.sub_event_type), set()).add(m.doc.group)
    best_type = max(
        groups, key=lambda t: (len(groups[t]), -min(x.order for x in members if _t(x) == t)[0].toordinal())
    )
    return min((m for m in members if _t(m) == best_type), key=lambda m: m.order)


def _t(m: Member) -> tuple[str, str]:
    return (m.incident.event_type, m.incident.sub_event_type)


def _place(members: Sequence[Member]):
    located = [m for m in members if m.incident.location is not None]
    if not located:
        return None
    names = Counter(
        (m.incident.location.name or m.incident.location.text) for m in located if m.incident.location
    )
    best = min(
        located,
        key=lambda m: (
            m.incident.location.precision or 3,  # type: ignore[union-attr]
            m.incident.location.lat is None,  # type: ignore[union-attr]
            -names[m.incident.location.name or m.incident.location.text],  # type: ignore[union-attr]
            m.order,
        ),
    )
    return best.incident.location


# (document id, evidence start, evidence end) -> (review id, the place an analyst chose for it)
PlaceVerdicts = Mapping[tuple[str, int, int], tuple[int, Place]]


def _reviewed_place(members: Sequence[Member], places: PlaceVerdicts) -> Place | None:
    """The newest place an analyst chose for one of the incident's figures, if any."""
    best: tuple[int, Place] | None = None
    for m in members:
        for _fi, fig in m.figures:
            hit = places.get((m.doc_id, fig.evidence.start, fig.evidence.end))
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
    return best[1] if best is not None else None


def _actor(members: Sequence[Member], which: str) -> str | None:
    votes = Counter(getattr(m.incident, which) for m in members if getattr(m.incident, which))
    return max(sorted(votes), key=lambda a: votes[a]) if votes else None


def build_record(
    g: Group, reviews: Reviews | None = None, places: PlaceVerdicts | None = None
) -> ReconciledRecord:
    """One reconciled incident; ``reviews`` are analysts' figure reviews, ``places`` their
    corrections of a figure's place (the incident is placed at the newest one, else voted)."""
    members = sorted(g.members, key=lambda m: m.order)
    lead = _vote(members)
    typed = [m for m in members if _t(m) == _t(lead)] or members
    place = _reviewed_place(members, places or {}) or _place(members)
    estimates, disputes = incident_casualties(members, reviews or {})
    names = {x for x in ((place.name, place.text) if place else ()) if x}
    denied = denials(members, names)
    killed = next((e for e in estimates if e.category == "killed" and e.best is not None), None)
    for d in denied:
        if killed is not None:
            current = [
                c
                for c in killed.figures
                if c.copy_of is None
                and c.superseded_by is None
                and getattr(verdict_of(c, reviews or {}), "status", None) != "rejected"
            ]
            src = max(
                (c for c in current if killed.best in (c.low, c.high)),
                key=lambda c: c.authority,
                default=None,
            )
            if src is not None:
                d.sides.insert(
                    0, f"{src.speaker or 'the outlet'}: {killed.best} killed (assertion) [{src.ref}]"
                )
    reported = [m.doc.reported for m in members if m.doc.reported is not None]
    docs: list[str] = []
    for m in members:
        if m.doc_id not in docs:
            docs.append(m.doc_id)
    order = {m.key: i for i, m in enumerate(members)}
    return ReconciledRecord(
        id=g.id,
        event_type=lead.incident.event_type,
        sub_event_type=lead.incident.sub_event_type,
        actor1=_actor(typed, "actor1"),
        actor2=_actor(typed, "actor2"),
        place=place,
        occurred=_occurred(members),
        discovered=_discovered(members),
        reported=Interval(start=min(reported), end=max(reported)) if reported else Interval(),
        members=[m.key for m in members],
        documents=docs,
        source_groups=len({m.doc.group for m in members}),
        casualties=estimates,
        disputes=disputes + denied,
        merges=sorted(g.evidence, key=lambda e: order.get(e.member, 0)),
        evidence=[m.incident.evidence for m in members],
    )


def to_stored(rec: ReconciledRecord) -> StoredRecord:
    p = rec.place
    killed = rec.estimate("killed")
    return StoredRecord(
        id=rec.id,
        kind=rec.kind,
        event_type=rec.event_type,
        sub_event_type=rec.sub_event_type,
        date_start=rec.occurred.start or rec.reported.start,
        date_end=rec.occurred.end or rec.reported.end,
        place_name=(p.name or p.text) if p else None,
        admin1=p.admin1 if p else None,
        admin2=p.admin2 if p else None,
        country=p.country if p else None,
        lat=p.lat if p else None,
        lon=p.lon if p else None,
        disputed=rec.disputed,
        killed_best=killed.best if killed else None,
        record_json=rec.model_dump_json(),
        members=tuple(rec.members) if rec.kind == "incident" else (),
    )


def _overrides(ledger: Ledger) -> list[Override]:
    return [
        Override(
            id=o.id,
            kind=o.kind,  # type: ignore[arg-type]
            members_a=list(o.members_a),
            members_b=list(o.members_b),
            analyst=o.analyst,
            reason=o.reason,
            at=o.at,
        )
        for o in ledger.overrides()
    ]


# Bump when the reconcile rules change, so that stored results are re-derived on next use.
RULES_VERSION = "3"  # 2: analysts' figure reviews feed the estimates; 3: and their place reviews


def _input_digest(ledger: Ledger) -> str:
    """The rules, the extractions / clusters / overrides, and the analysts' figure and place reviews."""
    inputs = (
        f"{RULES_VERSION}:{ledger.reconcile_input_digest()}:{ledger.reviews_digest()}"
        f":{ledger.place_reviews_digest()}"
    )
    return hashlib.sha256(inputs.encode()).hexdigest()


def _reviews(ledger: Ledger) -> Reviews:
    return {key: Verdict(r.status, r.analyst, r.low, r.high) for key, r in ledger.all_reviews().items()}


def _places(ledger: Ledger) -> PlaceVerdicts:
    out: dict[tuple[str, int, int], tuple[int, Place]] = {}
    for key, r in ledger.place_reviews().items():
        p = r.place
        why = f"reviewed by {r.analyst} at {r.at}" + (f": {r.note}" if r.note else "")
        out[key] = (
            r.id,
            Place(
                text=p.name,
                name=p.name,
                country=p.country,
                admin1=p.admin1,
                admin2=p.admin2,
                lat=p.lat,
                lon=p.lon,
                geonameid=p.geonameid,
                feature_code=p.feature_code,
                precision=p.precision,
                reason=why,
            ),
        )
    return out


def reconcile(ledger: Ledger) -> ReconcileReport:
    """Re-derive every reconciled incident and aggregate toll from the stored extractions (and the
    analysts' overrides) and store them in one transaction.  Idempotent; ids are stable."""
    digest = _input_digest(ledger)
    members, docs = load_members(ledger)
    overrides = _overrides(ledger)
    groups, applied = cluster(members, overrides)
    assign_ids(groups, ledger.member_assignments())
    reviews, places = _reviews(ledger), _places(ledger)
    incidents = [build_record(g, reviews, places) for g in groups]
    aggregates = agg_mod.build_aggregates(docs.values())
    inconsistent = agg_mod.link(aggregates, incidents)
    report = ReconcileReport(
        incidents=len(incidents),
        aggregates=len(aggregates),
        members=len(members),
        merged_members=sum(len(g.members) - 1 for g in groups),
        disputed=sum(1 for r in incidents if r.disputed),
        overrides_applied=applied,
        inconsistent_aggregates=inconsistent,
    )
    if applied < len(overrides):
        report.messages.append(
            f"{len(overrides) - applied} analyst override(s) name members that no longer exist "
            "(their documents were re-extracted); they are kept in the log but not applied"
        )
    records = sorted(incidents, key=lambda r: r.id) + sorted(aggregates, key=lambda r: r.id)
    ledger.save_reconciled([to_stored(r) for r in records], digest=digest, report=report.model_dump())
    return report


def ensure_reconciled(ledger: Ledger) -> ReconcileReport | None:
    """Reconcile when the extractions, story clusters, overrides, figure reviews or the rules
    (``RULES_VERSION``) changed since the last run."""
    last = ledger.last_reconcile()
    if last is not None and last.input_digest == _input_digest(ledger):
        return None
    return reconcile(ledger)


def load_records(ledger: Ledger, flt: RecordFilter | None = None) -> list[ReconciledRecord]:
    return [ReconciledRecord.model_validate_json(r.record_json) for r in ledger.reconciled_records(flt)]


def get_record(ledger: Ledger, record_id: str) -> ReconciledRecord | None:
    stored = ledger.reconciled_record(record_id)
    return None if stored is None else ReconciledRecord.model_validate_json(stored.record_json)


def _rank(rec: ReconciledRecord) -> tuple[int, int, int, int]:
    killed = rec.estimate("killed")
    return (
        int(killed is not None and killed.best is not None),
        int(rec.event_type != CONTEXT),
        sum(len(e.figures) for e in rec.casualties),
        len(rec.members),
    )


def resolve(ledger: Ledger, ref: str, *, kind: str | None = "incident") -> ReconciledRecord:
    """The record ``ref`` names: an id or id prefix, a member key ``DOC#N``, or a document id
    (prefix) — then the document's main incident: the one with a killed toll, not a Context
    type, with the most figures and members; ambiguity is an error listing the candidates."""
    records = [r for r in (get_record(ledger, i) for i in ledger.find_reconciled(ref)) if r is not None]
    if kind is not None:
        records = [r for r in records if r.kind == kind]
    if not records:
        raise InputError(
            f"no reconciled {kind or 'record'} matches {ref!r} (run `warledger reconcile` first?)"
        )
    if len(records) == 1:
        return records[0]
    exact = [r for r in records if r.id == ref]
    if exact:
        return exact[0]
    ranked = sorted(records, key=_rank, reverse=True)
    if _rank(ranked[0]) > _rank(ranked[1]):
        return ranked[0]
    shown = ", ".join(r.id for r in ranked[:6])
    raise InputError(f"{ref!r} matches {len(records)} incidents ({shown}); give an incident id")


def merge(ledger: Ledger, ref_a: str, ref_b: str, *, analyst: str, reason: str | None = None) -> str | None:
    """Merge two incidents (an analyst's override, audited); returns the merged incident's id, or
    None when they already were one incident."""
    ensure_reconciled(ledger)
    a, b = resolve(ledger, ref_a), resolve(ledger, ref_b)
    if a.id == b.id:
        return None
    ledger.add_override("merge", a.members, b.members, analyst=analyst, reason=reason, subject=a.id)
    reconcile(ledger)
    return ledger.member_assignments().get(a.members[0])


def split(
    ledger: Ledger, incident_ref: str, member_ref: str, *, analyst: str, reason: str | None = None
) -> tuple[str, str]:
    """Split members out of an incident (override, audited).  ``member_ref``: a member key
    ``DOC#N`` or a document id (prefix) — all of that document's members of the incident.
    Returns (the incident's id, the id of the split-off incident)."""
    ensure_reconciled(ledger)
    rec = resolve(ledger, incident_ref)

    def named(member: str) -> bool:
        doc = member.rsplit("#", 1)[0]
        return member_ref in (member, doc) or (len(member_ref) >= 4 and doc.startswith(member_ref))

    chosen = [m for m in rec.members if named(m)]
    if not chosen:
        raise InputError(f"{member_ref!r} is not a member of {rec.id} (members: {', '.join(rec.members)})")
    rest = [m for m in rec.members if m not in chosen]
    if not rest:
        raise InputError(f"{member_ref!r} is every member of {rec.id}; nothing to split it from")
    ledger.add_override("split", chosen, rest, analyst=analyst, reason=reason, subject=rec.id)
    reconcile(ledger)
    now = ledger.member_assignments()
    return now.get(rest[0], rec.id), now.get(chosen[0], "")
