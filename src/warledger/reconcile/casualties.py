"""The casualty ledger of one incident: every figure as a claim, revisions, low/best/high, disputes.

Rules (each value stores the rule that produced it):

* **copies** — the same number for the same category in one story cluster (syndicated or
  translated copies) is one claim; later copies are marked ``copy_of`` and never counted twice.
* **revisions** — a later figure supersedes an earlier one of the same category when it comes
  from the same speaker or the same story, or is worded as an update ("the toll rose to …") and
  reported no earlier; superseded figures are kept, marked ``superseded_by``, and never added.
* **best** — the current figure of the most authoritative source (3 UN / independent monitors,
  2 officials and authorities, 1 other named sources, 0 the outlet or anonymous); ties go to the
  latest report.
* **low** — the highest lower bound stated by any current source ("at least 5" → 5); when the
  sources disagree (a dispute), the lowest current figure instead.  Never above best.
* **high** — the highest current figure (its upper bound when one is stated).  Never below best.
* **acled** — ACLED's conservative value: the lowest current figure (vague words already coded
  as ACLED does: dozens = 12, hundreds = 100).
* **dispute** — two current figures from different speakers that cannot describe the same count
  (see :func:`warledger.reconcile.values.agree`), or a denial by a party.
* **reviews** — a figure an analyst rejected (and its copies) is kept in the ledger but counts in
  nothing: not in low / best / high / ACLED, not in disputes, and it revises nothing; among
  current figures of equal authority a confirmed one is preferred as best.  A corrected figure
  counts with the analyst's value instead of the extracted one (and is preferred like a
  confirmed one).  Reviews are keyed by
  document and evidence span (see :class:`Verdict`), so they survive re-extraction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from warledger.models import Figure, Source
from warledger.reconcile.members import DocInfo, Member, norm
from warledger.reconcile.types import Dispute, Estimate, FigureClaim
from warledger.reconcile.values import Bounds, agree, bounds

_REVISION = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|grew|jumped|revised|raised|updated|reached)\b[^.;]{0,40}?\bto\b"
    r"|\b(?:now stands|has reached|stood at|stands at|new toll|updated toll|latest toll)\b",
    re.IGNORECASE,
)
_AUTHORITY_3 = re.compile(
    r"\b(?:UN|U\.N\.|United Nations|OHCHR|UNHCR|OCHA|UNICEF|WHO|ICRC|Red Cross|monitoring mission|"
    r"Human Rights Watch|Amnesty)\b"
)
_AUTHORITY_2 = re.compile(
    r"\b(?:governor|mayor|minist\w*|police|prosecutor\w*|emergenc\w*|rescue|administration|authorit\w*|"
    r"official\w*|spokes\w*|health|hospital|council|head|president|army|military|general staff|"
    r"command|ombudsman|commissioner|government|kremlin|defen[cs]e)\b",
    re.IGNORECASE,
)
_FAR = date.max


@dataclass(frozen=True)
class Verdict:
    """An analyst's latest review of one figure: ``confirmed``, ``rejected`` or ``corrected`` (with
    the analyst's value ``low``–``high``), and by whom."""

    status: str
    analyst: str
    low: int | None = None
    high: int | None = None


# (document id, evidence start, evidence end) -> the analyst's verdict on those words
Reviews = Mapping[tuple[str, int, int], Verdict]
_NO_REVIEWS: Reviews = {}


def verdict_of(c: FigureClaim, reviews: Reviews) -> Verdict | None:
    return reviews.get((c.doc_id, c.evidence.start, c.evidence.end))


_VICTIMS_GENERIC = {"", "people", "persons", "person", "residents", "inhabitants"}


def authority(src: Source | None) -> int:
    if src is None or src.fallback or src.anonymous:
        return 0
    text = " ".join(x for x in (src.text, src.role, src.organization, src.name) if x)
    if _AUTHORITY_3.search(text):
        return 3
    if _AUTHORITY_2.search(text):
        return 2
    return 1


def speaker_key(src: Source | None, group: str) -> str:
    if src is None or src.fallback:
        return f"outlet:{group}"
    for value in (src.organization, src.name, src.role, src.text):
        if value and value.strip():
            return norm(value)
    return f"outlet:{group}"


def claim_of(doc: DocInfo, index: int, fig: Figure) -> FigureClaim:
    return FigureClaim(
        doc_id=doc.doc_id,
        index=index,
        category=fig.category,
        low=fig.low,
        high=fig.high,
        qualifier=fig.qualifier,
        victims=fig.victims,
        speaker=fig.source.text if fig.source is not None else None,
        speaker_key=speaker_key(fig.source, doc.group),
        authority=authority(fig.source),
        reported=doc.reported,
        source_group=doc.group,
        revision=bool(_REVISION.search(fig.evidence.text)),
        evidence=fig.evidence,
    )


def _victims_compatible(a: str | None, b: str | None) -> bool:
    va, vb = norm(a), norm(b)
    return va == vb or va in _VICTIMS_GENERIC or vb in _VICTIMS_GENERIC


def _bounds(c: FigureClaim) -> Bounds | None:
    return bounds(c.low, c.high, c.qualifier)


def mark_copies_and_revisions(claims: list[FigureClaim], rejected: frozenset[str] = frozenset()) -> None:
    """Set ``copy_of`` and ``superseded_by`` in place (claims of one category, any order); claims
    whose ref is in ``rejected`` revise nothing and are never marked superseded."""
    claims.sort(key=lambda c: (c.reported or _FAR, c.doc_id, c.index))
    for i, c in enumerate(claims):
        bc = _bounds(c)
        for e in claims[:i]:
            if e.copy_of is not None or e.doc_id == c.doc_id:
                continue
            be = _bounds(e)
            if (
                e.source_group == c.source_group
                and bc is not None
                and be is not None
                and bc.point == be.point
                and _victims_compatible(e.victims, c.victims)
            ):
                c.copy_of = e.ref
                break
    originals = [c for c in claims if c.copy_of is None and c.ref not in rejected]
    for i, c in enumerate(originals):
        for e in originals[:i]:
            if e.superseded_by is not None or not _victims_compatible(e.victims, c.victims):
                continue
            later = (c.reported or _FAR) >= (e.reported or _FAR)
            same_line = e.speaker_key == c.speaker_key or e.source_group == c.source_group
            bc, be = _bounds(c), _bounds(e)
            changed = bc is not None and be is not None and bc.point != be.point
            if later and (same_line or c.revision) and changed:
                e.superseded_by = c.ref


def _side(c: FigureClaim) -> str:
    b = _bounds(c)
    shown = "?" if b is None else str(b.point)
    who = c.speaker or "the outlet"
    return f"{who}: {shown} ({c.qualifier}), reported {c.reported or '?'} [{c.ref}]"


def _review_rules(est: Estimate, claims: list[FigureClaim], reviews: Reviews, out: set[str]) -> None:
    rejected = [
        f"{c.ref} by {v.analyst}" if (v := verdict_of(c, reviews)) else f"{c.ref} (copy of {c.copy_of})"
        for c in claims
        if c.ref in out
    ]
    confirmed = [
        f"{c.ref} by {v.analyst}"
        for c in claims
        if (v := verdict_of(c, reviews)) is not None and v.status == "confirmed"
    ]
    if rejected:
        est.rules["rejected"] = "rejected by an analyst, not counted: " + ", ".join(rejected)
    if confirmed:
        est.rules["confirmed"] = "confirmed by an analyst: " + ", ".join(confirmed)


def _apply_corrections(claims: list[FigureClaim], reviews: Reviews) -> list[str]:
    """Replace corrected figures' values by the analyst's (in place); the rule lines."""
    lines: list[str] = []
    for c in claims:
        v = verdict_of(c, reviews)
        if v is None or v.status != "corrected" or v.low is None:
            continue
        high = v.high if v.high is not None else v.low
        was = "?" if c.low is None else (str(c.low) if c.high in (None, c.low) else f"{c.low}–{c.high}")
        now = str(v.low) if high == v.low else f"{v.low}–{high}"
        c.low, c.high = v.low, high
        lines.append(f"{c.ref} {was} → {now} by {v.analyst}")
    return lines


def estimate(
    category: str, claims: list[FigureClaim], reviews: Reviews = _NO_REVIEWS
) -> tuple[Estimate, Dispute | None]:
    corrected = _apply_corrections(claims, reviews)
    rejected = frozenset(
        c.ref for c in claims if (v := verdict_of(c, reviews)) is not None and v.status == "rejected"
    )
    mark_copies_and_revisions(claims, rejected)
    out = set(rejected) | {c.ref for c in claims if c.copy_of in rejected}
    current = [
        (c, b)
        for c in claims
        if c.copy_of is None and c.superseded_by is None and c.ref not in out
        if (b := _bounds(c))
    ]
    est = Estimate(
        category=category, figures=claims, independent_sources=len({c.source_group for c, _ in current})
    )
    _review_rules(est, claims, reviews, out)
    if corrected:
        est.rules["corrected"] = "corrected by an analyst: " + ", ".join(corrected)
    if not current:
        return est, None
    disagreeing = [
        (a, b)
        for i, a in enumerate(current)
        for b in current[i + 1 :]
        if a[0].speaker_key != b[0].speaker_key and not agree(a[1], b[1])
    ]
    dispute = None
    if disagreeing:
        sides: dict[str, FigureClaim] = {}
        for (a, _), (b, _) in disagreeing:
            sides.setdefault(a.ref, a)
            sides.setdefault(b.ref, b)
        dispute = Dispute(
            kind="toll",
            category=category,
            summary=f"{category}: independent sources disagree ("
            + " vs ".join(str(_bounds(c).point) for c in sides.values() if _bounds(c))  # type: ignore[union-attr]
            + ")",
            sides=[_side(c) for c in sides.values()],
            evidence=[c.evidence for c in sides.values()],
        )

    def confirmed(c: FigureClaim) -> bool:
        v = verdict_of(c, reviews)
        return v is not None and v.status in ("confirmed", "corrected")

    top = max(
        current,
        key=lambda cb: (cb[0].authority, confirmed(cb[0]), cb[0].reported or _FAR, cb[0].doc_id, cb[0].index),
    )
    est.best = top[1].point
    est.rules["best"] = (
        f"latest figure from the most authoritative source: {top[0].speaker or 'the outlet'} "
        f"(authority {top[0].authority}), reported {top[0].reported or '?'} [{top[0].ref}]"
    )
    if confirmed(top[0]):
        v = verdict_of(top[0], reviews)
        how = v.status if v else "confirmed"
        est.rules["best"] += f"; {how} by {v.analyst if v else 'an analyst'}, preferred among equals"
    if dispute is not None:
        low = min(current, key=lambda cb: cb[1].point)
        est.low = low[1].point
        est.rules["low"] = (
            f"disputed: the lowest current figure, {low[0].speaker or 'the outlet'} [{low[0].ref}]"
        )
    else:
        with_lower = [cb for cb in current if cb[1].lower is not None]
        if with_lower:
            low = max(with_lower, key=lambda cb: cb[1].lower or 0)
            est.low = low[1].lower
            est.rules["low"] = (
                f"highest lower bound among independent sources: {low[0].speaker or 'the outlet'} "
                f"({low[0].qualifier}) [{low[0].ref}]"
            )
        else:
            est.low = 0
            est.rules["low"] = "no source states a lower bound"
    if est.low is not None and est.low > est.best:
        est.low = est.best
        est.rules["low"] += "; capped at best"
    high = max(current, key=lambda cb: cb[1].upper if cb[1].upper is not None else cb[1].point)
    est.high = high[1].upper if high[1].upper is not None else high[1].point
    est.rules["high"] = f"highest current figure: {high[0].speaker or 'the outlet'} [{high[0].ref}]"
    if est.high < est.best:
        est.high = est.best
        est.rules["high"] += "; raised to best"
    cons = min(current, key=lambda cb: cb[1].point)
    est.acled = cons[1].point
    est.rules["acled"] = (
        f"ACLED conservative: the lowest current figure, {cons[0].speaker or 'the outlet'} [{cons[0].ref}]"
    )
    superseded = [c.ref for c in claims if c.superseded_by]
    if superseded:
        est.rules["revisions"] = "superseded, not added: " + ", ".join(
            f"{c.ref} → {c.superseded_by}" for c in claims if c.superseded_by
        )
    return est, dispute


def incident_casualties(
    members: Sequence[Member], reviews: Reviews = _NO_REVIEWS
) -> tuple[list[Estimate], list[Dispute]]:
    by_cat: dict[str, dict[str, FigureClaim]] = {}
    for m in members:
        for fi, fig in m.figures:
            c = claim_of(m.doc, fi, fig)
            by_cat.setdefault(fig.category, {}).setdefault(c.ref, c)
    estimates: list[Estimate] = []
    disputes: list[Dispute] = []
    for cat in sorted(by_cat, key=lambda c: (c != "killed", c)):
        est, dispute = estimate(cat, list(by_cat[cat].values()), reviews)
        estimates.append(est)
        if dispute is not None:
            disputes.append(dispute)
    return estimates, disputes


def denials(members: Sequence[Member], place_names: set[str]) -> list[Dispute]:
    """Denial claims in the members' documents that concern this incident: the claim names its
    place, or every violent incident of that document belongs to this incident."""
    keys = {m.key for m in members}
    seen: set[tuple[str, int]] = set()
    said_before: set[tuple[str, str]] = set()
    out: list[Dispute] = []
    for m in sorted(members, key=lambda x: x.order):
        doc = m.doc
        own_events = set(doc.event_members)
        for ci, claim in enumerate(doc.result.claims):
            if claim.stance != "denial" or (doc.doc_id, ci) in seen:
                continue
            text = f"{claim.about} {claim.evidence.text}".lower()
            names_place = any(n and n.lower() in text for n in place_names)
            if not names_place and not (own_events and own_events <= keys):
                continue
            seen.add((doc.doc_id, ci))
            who = claim.speaker.text
            said = (norm(who), norm(claim.about))
            if said in said_before:  # the same denial in a copy of the story
                continue
            said_before.add(said)
            out.append(
                Dispute(
                    kind="denial",
                    summary=f"{who} denies: {claim.about}",
                    sides=[f"{who} (denial) [{doc.doc_id}#claim{ci}]"],
                    evidence=[claim.evidence],
                )
            )
    return out
