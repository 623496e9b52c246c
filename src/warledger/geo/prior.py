"""Geographic priors: a user's focus setting, and the places a collection of documents resolves.

A bare village name ("shelling near Vodyane") matches several villages, in Ukraine and elsewhere,
and a one-line document gives nothing else to choose by.  Two remedies, both a *prior* that adds a
bounded bonus to the candidates lying where the reader's attention is:

- a **focus** the user declares (setting ``geo_focus``, ``WARLEDGER_GEO_FOCUS``): ``UA`` or
  ``UA:Donetsk,Luhansk`` or ``UA:Donetsk;RU`` (countries as ISO codes, first-level units by any
  spelling the gazetteer knows) — in the spirit of Mordecai's country hint;
- a **collection prior** (``geo_focus=auto``, the default): when many documents are read together
  (``extract_many``: a JSONL file, a folder, a feed), the places they resolve *confidently* show
  which countries, provinces and areas the collection is about.  A second pass re-resolves only the
  documents that have an ambiguous, context-free mention, with that distribution as the prior.  The
  prior is a sum over the collection, so the result does not depend on the documents' order.

The bonus of a town is ``strength × Σ weight × lg(share)`` over four nested footprints: its
country, its first-level unit, the ~80 km around it, and the place itself (named confidently
elsewhere in the collection: "one sense per collection").  ``share`` is the part of the prior's
mass inside the footprint and ``lg(share) = log10(1 + share / 0.001)``, a log-density ratio on the
scale of the resolver's log-population score.  A province gets the first two terms, a country the
first.  ``strength`` is the share of the collection's main country: a collection without one
country holding half its places (a general news feed) gets no prior at all.  The bonus decides
between villages of one name; it does not override a name's own qualifier ("X, Sumy": +8) and
rarely a big city's population.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warledger.geo import Geoparser, Resolved
    from warledger.geo.detect import Mention
    from warledger.geo.store import Candidate
    from warledger.models import Place

__all__ = [
    "FirstPass",
    "GeoPrior",
    "ambiguity",
    "collection_prior",
    "first_pass",
    "focus_prior",
    "geoparse_collection",
    "prior_from_setting",
]

W_COUNTRY, W_REGION, W_NEAR, W_PLACE = 0.5, 1.0, 1.0, 1.0
EPS = 0.001  # shares are compared on a log scale above this
TOP = math.log10(1.0 + 1.0 / EPS)  # the largest term (a share of 1)
MAX_BONUS = (W_COUNTRY + W_REGION + W_NEAR + W_PLACE) * TOP
CELL = 0.5  # degrees; "near" is the 3×3 block of cells around a candidate (~±80 km)
PSEUDO = 25.0  # pseudo-count of prior mass spread nowhere: a handful of documents is a weak prior
MIN_STRENGTH = 0.5  # a collection without one country holding half its places lends no prior
CONFIDENT_MARGIN = 2.0  # a choice this far ahead of its runner-up is evidence about the collection


def _lg(share: float) -> float:
    return math.log10(1.0 + share / EPS) if share > 0 else 0.0


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL), math.floor(lon / CELL))


@dataclass
class GeoPrior:
    """Shares of the prior's mass per country (ISO2), first-level unit ``(cc, a1)`` and grid cell."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float] = field(default_factory=dict)
    cells: dict[tuple[int, int], float] = field(default_factory=dict)
    places: dict[int, float] = field(default_factory=dict)  # per gazetteer id
    label: str = "focus"
    strength: float = 1.0  # scales every bonus: a diffuse collection is a weak prior
    _memo: dict[int, float] = field(default_factory=dict, repr=False, compare=False)
    _top: float | None = field(default=None, repr=False, compare=False)

    @property
    def max_bonus(self) -> float:
        """The largest bonus any candidate can get from this prior (bounds the second pass)."""
        top = self._top
        if top is None:

            def peak(d: dict) -> float:
                return _lg(max(d.values(), default=0.0))

            around = {(y + dy, x + dx) for y, x in self.cells for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
            near = max((self.near_share((y + 0.5) * CELL, (x + 0.5) * CELL) for y, x in around), default=0.0)
            town = W_REGION * peak(self.regions) + W_NEAR * _lg(near) + W_PLACE * peak(self.places)
            top = self._top = self.strength * (W_COUNTRY * peak(self.countries) + town)
        return top

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_memo": {}}  # worker processes start with an empty memo

    def near_share(self, lat: float, lon: float) -> float:
        if not self.cells:
            return 0.0
        y, x = _cell(lat, lon)
        get = self.cells.get
        return sum(get((y + dy, x + dx), 0.0) for dy in (-1, 0, 1) for dx in (-1, 0, 1))

    def bonus(self, c: Candidate) -> float:
        """The prior's support for candidate ``c`` (0 … ``max_bonus``)."""
        v = self._memo.get(c.id)
        if v is not None:
            return v
        cc = _lg(self.countries.get(c.cc, 0.0)) if c.cc else 0.0
        if c.is_country:
            v = W_COUNTRY * cc
        else:
            reg = _lg(self.regions.get((c.cc, c.a1), 0.0)) if c.a1 else 0.0
            if c.is_admin1:
                v = W_COUNTRY * cc + W_REGION * reg
            else:
                v = W_COUNTRY * cc + W_REGION * reg + W_NEAR * _lg(self.near_share(c.lat, c.lon))
                v += W_PLACE * _lg(self.places.get(c.id, 0.0))
        v *= self.strength
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[c.id] = v
        return v

    def describe(self, top: int = 5) -> str:
        """A one-line summary: the heaviest countries and units."""
        cs = ", ".join(f"{k} {v:.0%}" for k, v in sorted(self.countries.items(), key=lambda x: -x[1])[:top])
        rs = ", ".join(
            f"{k[0]}.{k[1]} {v:.0%}" for k, v in sorted(self.regions.items(), key=lambda x: -x[1])[:top]
        )
        return f"{self.label}: {cs}" + (f"; units {rs}" if rs else "")


def _normalise(cnt: Counter, total: float) -> dict:
    return {k: v / total for k, v in cnt.items() if v > 0}


def collection_prior(evidence: Iterable[Sequence[Candidate]], label: str = "collection") -> GeoPrior | None:
    """The prior of a collection from each document's confidently resolved places (one list per
    document; a place counts once per document).  None without evidence, or when no country holds
    ``MIN_STRENGTH`` of it (a general news feed: too diffuse to help, measured on the geoparsing
    corpora, and not worth a second pass)."""
    cc: Counter[str] = Counter()
    reg: Counter[tuple[str, str]] = Counter()
    cells: Counter[tuple[int, int]] = Counter()
    ids: Counter[int] = Counter()
    mass = 0.0
    for doc in evidence:
        for c in {c.id: c for c in doc}.values():
            if not c.cc:
                continue
            mass += 1.0
            cc[c.cc] += 1.0
            if c.is_country or not c.a1:
                continue
            reg[(c.cc, c.a1)] += 1.0
            if not c.is_admin1:
                cells[_cell(c.lat, c.lon)] += 1.0
                ids[c.id] += 1.0
    if mass == 0:
        return None
    strength = max(cc.values()) / mass
    if strength < MIN_STRENGTH:
        return None
    total = mass + PSEUDO
    return GeoPrior(
        _normalise(cc, total),
        _normalise(reg, total),
        _normalise(cells, total),
        _normalise(ids, total),
        label,
        strength,
    )


def focus_prior(spec: str, gp: Geoparser) -> GeoPrior:
    """Parse a focus such as ``UA``, ``UA,RU``, ``UA:Donetsk,Luhansk`` or ``UA:Donetsk;SY``.

    Raises ``InputError`` for an unknown country code or first-level unit."""
    from warledger.errors import InputError

    entries = [e.strip() for e in spec.replace(";", "\n").splitlines() if e.strip()]
    if ":" not in spec:
        entries = [e.strip() for e in spec.replace(",", "\n").splitlines() if e.strip()]
    if not entries:
        raise InputError("empty geo focus")
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str]] = Counter()
    for e in entries:
        code, _, units = e.partition(":")
        code = code.strip().upper()
        if gp.gaz.country(code) is None:
            raise InputError(f"geo focus: unknown country code {code!r} (use ISO 3166 alpha-2, e.g. UA)")
        names = [u.strip() for u in units.split(",") if u.strip()]
        countries[code] += 1.0
        for name in names:
            units_found = {(c.cc, c.a1) for c in gp.lookup(name) if c.is_admin1 and c.cc == code and c.a1}
            if not units_found:
                raise InputError(f"geo focus: no first-level unit {name!r} in {code}")
            for k in units_found:
                regions[k] += 1.0 / (len(names) * len(units_found))
    total = float(len(entries))
    return GeoPrior(_normalise(countries, total), _normalise(regions, total), label=f"focus {spec}")


def prior_from_setting(value: str | None, gp: Geoparser) -> GeoPrior | None:
    """The static prior a ``geo_focus`` setting names; None for ``auto``, ``off`` or empty."""
    v = (value or "").strip()
    if v.lower() in ("", "auto", "off", "none"):
        return None
    return focus_prior(v, gp)


# -- the collection's two passes -------------------------------------------------------------


def ambiguity(info: Sequence[Resolved]) -> float:
    """How much a prior would need to add to change this document's places: the smallest lead of
    a choice over its runner-up among the context-free mentions with several candidates (0 when
    one of them was dropped or left unresolved; infinite when there is none).  A name qualified
    by another ("X, Donetsk") and the qualifier itself have their context: they do not count."""
    tails = {r.mention.tail_of for r in info if r.mention.tail_of is not None}
    out = math.inf
    for i, r in enumerate(info):
        m = r.mention
        if len(m.cands) < 2 or m.tail_of is not None or i in tails:
            continue
        if r.choice is None or not r.kept:
            return 0.0
        if any(n.startswith("qualified by") for n in r.choice.notes):
            continue
        out = min(out, r.choice.margin)
    return out


def confident(info: Sequence[Resolved]) -> list[Candidate]:
    """The places of a document that count as evidence for a collection prior."""
    return [
        r.choice.cand
        for r in info
        if r.choice is not None
        and r.kept
        and (len(r.mention.cands) == 1 or r.choice.margin >= CONFIDENT_MARGIN)
    ]


@dataclass
class FirstPass:
    """One document's places without a prior, its evidence for the prior, and its ``ambiguity``."""

    places: list[Place]
    evidence: list[Candidate]
    margin: float
    mentions: list[Mention] | None = None  # kept for a second pass in the same process

    def __getstate__(self) -> dict:
        return {**self.__dict__, "mentions": None}  # detected again rather than shipped around

    def again(self, find: Callable[..., list[Place]], text: str, prior: GeoPrior) -> list[Place]:
        """The places with ``prior`` when it could change them, else the first pass's."""
        if not self.redo(prior):
            return self.places
        return find(text, prior=prior, mentions=self.mentions)

    def redo(self, prior: GeoPrior) -> bool:
        """Could ``prior`` change this document's places?"""
        return self.margin < prior.max_bonus


def first_pass(find: Callable[..., list[Place]], text: str) -> FirstPass:
    """Parse ``text`` with ``find`` (``Geoparser.find_places`` or a wrapper taking ``info=``)."""
    info: list[Resolved] = []
    places = find(text, info=info)
    margin = ambiguity(info)
    kept = [r.mention for r in info] if margin < math.inf else None
    return FirstPass(places, confident(info), margin, kept)


def geoparse_collection(
    gp: Geoparser, texts: Sequence[str], prior: GeoPrior | None = None
) -> tuple[list[list[Place]], GeoPrior | None]:
    """Places of every text, with the collection's own prior (or the given one) applied to the
    documents that have an ambiguous mention.  Returns the places and the prior used."""
    firsts = [first_pass(gp.find_places, t) for t in texts]
    if prior is None:
        prior = collection_prior(f.evidence for f in firsts)
    if prior is None:
        return [f.places for f in firsts], None
    return [f.again(gp.find_places, t, prior) for t, f in zip(texts, firsts, strict=True)], prior
