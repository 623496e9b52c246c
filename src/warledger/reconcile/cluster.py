"""Group members into incidents (greedy, in report order), honouring analyst overrides, and keep
incident ids stable across runs.

* Overrides are replayed oldest first: a merge makes every (a, b) pair must-link and lifts
  cannot-links between them; a split does the opposite.  Must-linked members start as one unit.
* Each unit joins the earlier incident whose members it is hard-compatible with (see
  :mod:`warledger.reconcile.similarity`) with the best pair score over the threshold, unless a
  cannot-link forbids it; otherwise it founds a new incident.
* Ids: ``inc-<doc id>-<index>`` of the founding (earliest) member.  On a re-run an incident keeps
  the id of an earlier incident whose founding member it still holds, else the id most of its
  members had, else gets a new one — so adding documents or analyst decisions never renames the
  incidents they do not touch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from warledger.reconcile.members import Member
from warledger.reconcile.similarity import compare, quick_reject
from warledger.reconcile.types import MergeEvidence, Override

BUCKET_SLACK_DAYS = 3
MAX_BUCKET_DAYS = 45  # windows longer than this are indexed as "long" and compared with everything


@dataclass
class Group:
    members: list[Member] = field(default_factory=list)
    evidence: list[MergeEvidence] = field(default_factory=list)
    id: str = ""

    @property
    def founder(self) -> Member:
        return min(self.members, key=lambda m: m.order)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def constraints(
    overrides: Iterable[Override], known: set[str]
) -> tuple[set[frozenset[str]], set[frozenset[str]], int]:
    """(must-link pairs, cannot-link pairs, overrides that still apply) among ``known`` members."""
    must: set[frozenset[str]] = set()
    cannot: set[frozenset[str]] = set()
    applied = 0
    for ov in overrides:
        a = [m for m in ov.members_a if m in known]
        b = [m for m in ov.members_b if m in known]
        pairs = {frozenset((x, y)) for x in a for y in b if x != y}
        if not pairs:
            continue
        applied += 1
        if ov.kind == "merge":
            must |= pairs
            cannot -= pairs
        else:
            cannot |= pairs
            must -= pairs
    return must, cannot, applied


def _days(window: tuple[date, date] | None) -> list[date] | None:
    if window is None:
        return None
    start, end = window[0] - timedelta(days=BUCKET_SLACK_DAYS), window[1] + timedelta(days=BUCKET_SLACK_DAYS)
    if (end - start).days > MAX_BUCKET_DAYS:
        return None
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def cluster(members: Sequence[Member], overrides: Sequence[Override]) -> tuple[list[Group], int]:
    """Incidents (groups of members, each with its merge evidence) and the overrides applied."""
    known = {m.key for m in members}
    by_key = {m.key: m for m in members}
    must, cannot, applied = constraints(overrides, known)
    uf = _UnionFind()
    for pair in must:
        x, y = sorted(pair)
        uf.union(x, y)
    units: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        units[uf.find(m.key)].append(m)
    ordered = sorted(units.values(), key=lambda u: min(x.order for x in u))

    groups: list[Group] = []
    buckets: dict[date, set[int]] = defaultdict(set)
    unbucketed: set[int] = set()
    for unit in ordered:
        unit.sort(key=lambda x: x.order)
        candidates: set[int] = set(unbucketed)
        unit_days: list[date] = []
        long_unit = False
        for m in unit:
            days = _days(m.window)
            if days is None:
                long_unit = True
            else:
                unit_days.extend(days)
        if long_unit:
            candidates = set(range(len(groups)))
        else:
            for d in unit_days:
                candidates |= buckets.get(d, set())
        best: tuple[float, int, Member, Member, object] | None = None
        for gi in sorted(candidates):
            g = groups[gi]
            if any(frozenset((u.key, x.key)) in cannot for u in unit for x in g.members):
                continue
            top: tuple[float, Member, Member, object] | None = None
            ok = True
            for u in unit:
                for x in g.members:
                    if quick_reject(u, x):
                        ok = False
                        break
                    cmp = compare(u, x)
                    if any(f.score < 0 for f in cmp.fields):
                        ok = False
                        break
                    if cmp.compatible and (top is None or cmp.score > top[0]):
                        top = (cmp.score, u, x, cmp)
                if not ok:
                    break
            if ok and top is not None and (best is None or top[0] > best[0]):
                best = (top[0], gi, top[1], top[2], top[3])
        evidence = _unit_evidence(unit, by_key, must)
        if best is not None:
            score, gi, u, x, cmp = best
            g = groups[gi]
            joined = next(e for e in evidence if e.member == u.key)
            joined.reason = "similar"
            joined.matched = x.key
            joined.score = score
            joined.fields = list(cmp.fields)  # type: ignore[attr-defined]
            target = gi
        else:
            g = Group()
            groups.append(g)
            target = len(groups) - 1
        for e in evidence:
            e.same_story_as = _copy_of(by_key[e.member], g.members + unit)
        g.members.extend(unit)
        g.evidence.extend(evidence)
        if long_unit:
            unbucketed.add(target)
        else:
            for d in unit_days:
                buckets[d].add(target)
    return groups, applied


def _unit_evidence(
    unit: list[Member], by_key: dict[str, Member], must: set[frozenset[str]]
) -> list[MergeEvidence]:
    """Evidence for a unit's members: the first founds (or joins), the others came by analyst merge."""
    out = [MergeEvidence(member=unit[0].key, reason="founder")]
    for m in unit[1:]:
        partner = next((x.key for x in unit if frozenset((x.key, m.key)) in must), unit[0].key)
        cmp = compare(m, by_key[partner])
        out.append(
            MergeEvidence(
                member=m.key,
                matched=partner,
                score=cmp.score,
                fields=list(cmp.fields),
                reason="analyst-merge",
            )
        )
    return out


def _copy_of(m: Member, others: list[Member]) -> str | None:
    for x in sorted(others, key=lambda y: y.order):
        if x.key != m.key and x.doc.group == m.doc.group and x.doc_id != m.doc_id and x.order < m.order:
            return x.key
    return None


def incident_id(member_key: str) -> str:
    doc_id, idx = member_key.rsplit("#", 1)
    return f"inc-{doc_id}-{idx}"


def founder_of(incident: str) -> str | None:
    if not incident.startswith("inc-"):
        return None
    body = incident.removeprefix("inc-").split(".", 1)[0]
    doc_id, _, idx = body.rpartition("-")
    return f"{doc_id}#{idx}" if doc_id and idx.isdigit() else None


def assign_ids(groups: list[Group], previous: dict[str, str]) -> None:
    """Give every group a stable id (see the module docstring); ``previous`` maps member -> old id."""
    taken: set[str] = set()
    old_ids = set(previous.values())
    order = sorted(range(len(groups)), key=lambda i: groups[i].founder.order)
    # 1. keep the id whose founding member is still here
    for i in order:
        g = groups[i]
        keys = {m.key for m in g.members}
        mine = sorted(
            (oid for oid in {previous.get(k) for k in keys} if oid and founder_of(oid) in keys),
            key=lambda oid: oid,
        )
        for oid in mine:
            if oid not in taken:
                g.id = oid
                taken.add(oid)
                break
    # 2. else the id most of its members had; 3. else a new one from the founding member
    for i in order:
        g = groups[i]
        if g.id:
            continue
        votes: dict[str, int] = defaultdict(int)
        for m in g.members:
            oid = previous.get(m.key)
            if oid and oid not in taken:
                votes[oid] += 1
        if votes:
            g.id = max(sorted(votes), key=lambda k: votes[k])
        else:
            base = incident_id(g.founder.key)
            candidate, n = base, 2
            while candidate in taken or candidate in old_ids:  # never reuse a retired id
                candidate, n = f"{base}.{n}", n + 1
            g.id = candidate
        taken.add(g.id)
