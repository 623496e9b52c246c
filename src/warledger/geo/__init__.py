"""Offline geoparsing: find every place a text mentions, resolve it, and locate events.

>>> gp = load_geoparser()
>>> [p.name for p in gp.find_places("Shelling hit the village of Andrievka in the Makarov district.")]
['Andriivka', 'Makariv']

The gazetteer ships with the package (``geo/data/gazetteer.sqlite``, GeoNames CC BY 4.0); places
imported with ``warledger gazetteer import`` are read from the user's gazetteer as well.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warledger.geo.detect import Detector, Mention
from warledger.geo.event import place_for_span as _place_for_span
from warledger.geo.lexicon import CONTINENT_ADJECTIVES, DIRECTION_WORDS, STRONG_CUES
from warledger.geo.normalize import fold
from warledger.geo.prior import GeoPrior
from warledger.geo.resolve import OUTSIDE, Choice, resolve
from warledger.geo.store import SHIPPED, Candidate, Gazetteer, user_gazetteer_path
from warledger.geo.tokens import Tokens
from warledger.models import Place

__all__ = [
    "Demonym",
    "Geoparser",
    "country_of_demonym",
    "gc_paused",
    "load_geoparser",
    "reset_geoparsers",
    "ucdp_where_prec",
]


class Geoparser:
    """Gazetteer-based toponym detection, disambiguation and event location."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.detector = Detector(gazetteer)
        self._points: dict[str, Candidate | None] = {}
        self._dem_words: frozenset[str] | None = None
        # (cc, a1, a2) → admin1 name, admin2 name, and the "admin2, admin1, cc" of a reason
        self._admins: dict[tuple[str, str, str], tuple[str | None, str | None, str]] = {}

    def find_places(
        self,
        text: str,
        prior: GeoPrior | None = None,
        info: list[Resolved] | None = None,
        *,
        demonyms: bool = False,
        mentions: list[Mention] | None = None,
    ) -> list[Place]:
        """Every place mention with its exact span (``text[p.start:p.end] == p.text``), resolved.

        ``prior`` (``warledger.geo.prior``: a focus or a collection's places) favours candidates
        where it lies; ``info``, when given, receives every mention with its choice and whether it
        was kept as a place.  With ``demonyms=True`` nationality words ("Russian shelling") and
        continent adjectives ("European") come too, in text order, as ``Place(kind="demonym")`` at
        their country's (continent's) point: they say whose, never where (``place_for_span`` and
        event location pass over them).  ``mentions`` (from an earlier ``info`` of the same text)
        skips detection: a second pass with a prior only resolves again."""
        if not text or not text.strip():
            return []
        with gc_paused():
            if not demonyms:
                return self._find_places(text, prior, info, mentions=mentions)
            dems: list[Demonym] = []
            places = self._find_places(text, prior, info, dems, mentions)
            return self._with_demonyms(places, dems)

    def _find_places(
        self,
        text: str,
        prior: GeoPrior | None,
        info: list[Resolved] | None,
        dems: list[Demonym] | None = None,
        mentions: list[Mention] | None = None,
    ) -> list[Place]:
        """The places; ``dems``, when given, receives the nationality words, which lend the
        document a mild country focus ("Iraqi troops … Mosul")."""
        toks = None
        if mentions is None:
            mentions, toks = self.detector.detect(text)
        lean: Counter[str] = Counter()
        if dems is not None:
            dems.extend(self._demonyms_in(text, toks if toks is not None else Tokens(text), regions=True))
            lean.update({d.country: DEMONYM_FOCUS for d in dems if len(d.country) == 2})
        choices = resolve(mentions, prior_cc=lean or None, prior=prior)
        focus: Counter[str] = Counter(ch.cand.cc for ch in choices if ch is not None)
        out: list[Place] = []
        for m, ch in zip(mentions, choices, strict=True):
            keep = ch is not None and self._convincing(m, ch, focus)
            if info is not None:
                info.append(Resolved(m, ch, keep))
            if ch is None or not keep:
                continue
            out.append(self._place(m, ch))
        return out

    def place_for_span(self, text: str, start: int, end: int, places: list[Place]) -> Place | None:
        """The event location for evidence ``text[start:end]`` (see ``warledger.geo.event``)."""
        return _place_for_span(text, start, end, places)

    def lookup(self, name: str) -> list[Candidate]:
        """Gazetteer entries for a name (any spelling variant): countries; then entries that have
        the name or an alternate name, towns before administrative areas ("Lviv" the city before
        Lviv Oblast); then loose and transliterated matches; each group most populous first."""
        cands, _how = self.detector._cands(fold(name), " " not in name.strip())
        return sorted(
            cands, key=lambda c: (-int(c.is_country), c.kind >= 2, c.fcode.startswith("ADM"), -c.pop)
        )

    def demonym_country(self, word: str) -> str | None:
        return country_of_demonym(word, self.gaz)

    def find_demonyms(self, text: str, *, regions: bool = False) -> list[Demonym]:
        """Nationality words ("Russian", "Sri Lankan") with their country: actors, not places.

        With ``regions=True`` continent adjectives count too ("European", "African"); their
        ``country`` is then the continent's name, not an ISO code.
        """
        return self._demonyms_in(text, Tokens(text), regions)

    def _demonyms_in(self, text: str, toks: Tokens, regions: bool) -> list[Demonym]:
        """``find_demonyms`` over the text's tokens (the detector's, when it has just made them)."""
        if self._dem_words is None:  # the words a demonym may start with (most words are not)
            keys = [*self.gaz.demonyms, *CONTINENT_ADJECTIVES]
            self._dem_words = frozenset(k.split()[0] for k in keys) | REGION_QUALIFIERS
        words = self._dem_words
        out: list[Demonym] = []
        skip = -1
        for i in toks.caps:
            t = toks[i]
            if i <= skip or (t.lower not in words and t.lower[:-1] not in words):
                continue
            for k in (2, 1):
                if i + k > len(toks) or (k == 2 and toks[i].end + 1 != toks[i + 1].start):
                    continue
                span = text[t.start : toks[i + k - 1].end]
                cc = country_of_demonym(span, self.gaz)
                if cc is None and regions:
                    cc = CONTINENT_ADJECTIVES.get(fold(span).removesuffix("s"))
                if cc:
                    out.append(Demonym(span, t.start, toks[i + k - 1].end, cc))
                    skip = i + k - 1
                    break
                second = toks[i + 1].text if k == 2 else ""
                if second and t.lower in REGION_QUALIFIERS and country_of_demonym(second, self.gaz):
                    skip = i + 1  # "Central American", "Latin American": a region's, not the country's
                    break
        return [d for d in out if fold(d.text)]

    # -- internals -------------------------------------------------------------------------
    def _convincing(self, m: Mention, ch: Choice, focus: Counter[str]) -> bool:
        c = ch.cand
        if OUTSIDE in ch.notes and not (c.is_country or c.is_admin1):
            return False
        if c.is_country or c.is_admin1 or not c.is_populated or c.pop >= 5000 or m.suffix or m.feature:
            return True
        if m.cue in STRONG_CUES or m.tail_of is not None or any(n.startswith("qualified") for n in ch.notes):
            return True
        # a small place without a cue: only when it sits among the document's other places
        return any(n.endswith("km from other places") and float(n.split()[0]) < 50 for n in ch.notes) and (
            focus.get(c.cc, 0) >= 2
        )

    def _place(self, m: Mention, ch: Choice) -> Place:
        c = ch.cand
        admins = self._admins.get((c.cc, c.a1, c.a2))
        if admins is None:
            admin1 = self.gaz.admin_name(f"{c.cc}.{c.a1}") if c.cc and c.a1 else None
            admin2 = self.gaz.admin_name(f"{c.cc}.{c.a1}.{c.a2}") if c.cc and c.a1 and c.a2 else None
            if len(self._admins) > 100_000:
                self._admins.clear()
            where = ", ".join(x for x in (admin2, admin1, c.cc) if x)
            admins = self._admins[c.cc, c.a1, c.a2] = (admin1, admin2, where)
        admin1, admin2, where = admins
        name = c.name
        if c.is_admin1 and c.cc == "UA" and admin1:
            name = admin1 if admin1.endswith("City") else f"{admin1} Oblast"
        if c.is_country or c.is_admin1 or c.fcode in ("RGN", "SEA", "CONT"):
            precision = 3
        elif c.is_admin2 or m.suffix == 2 or m.near:
            precision = 2
        else:
            precision = 1
        where_prec = ucdp_where_prec(c.fcode, precision)
        if m.suffix == 2 and where_prec < 3:
            where_prec = 3  # "Makarov district": the district its seat names
        reason = (
            f"{c.name} ({c.fcode}, {where or 'world'}, pop {c.pop:,}){_HOW.get(m.match, '')}; "
            f"{'; '.join(dict.fromkeys(ch.notes)) or 'most populous'}; best of {ch.n}"
            f" by {min(ch.margin, 99):.1f}"
        )
        conf = 1.0 / (1.0 + pow(2.718281828, -(ch.margin - 0.5)))
        return Place(
            text=m.text,
            start=m.start,
            end=m.end,
            name=name,
            country=c.cc or None,
            admin1=admin1,
            admin2=admin2,
            lat=round(c.lat, 5),
            lon=round(c.lon, 5),
            geonameid=c.id,
            feature_code=c.fcode,
            precision=precision,
            where_prec=where_prec,
            score=round(conf, 3),
            reason=reason,
        )

    def _demonym_point(self, code: str) -> Candidate | None:
        """The country (ISO2 ``code``) or continent (its name) a demonym stands for; memoised."""
        if code not in self._points:
            if len(code) == 2:
                c = self.gaz.country(code)
            else:
                c = next((x for x in self.gaz.lookup(fold(code)) if x.fcode == "CONT" and x.kind == 0), None)
            self._points[code] = c
        return self._points[code]

    def _with_demonyms(self, places: list[Place], dems: list[Demonym]) -> list[Place]:
        """``places`` plus the nationality words and continent adjectives outside them, in text order."""
        spans = [(p.start or 0, p.end or 0) for p in places]
        extra: list[Place] = []
        for d in dems:
            if any(s < d.end and d.start < e for s, e in spans):
                continue  # "American Samoa", "the Sri Lanka Army": part of a place's name
            c = self._demonym_point(d.country)
            if c is None:
                continue
            extra.append(
                Place(
                    text=d.text,
                    kind="demonym",
                    start=d.start,
                    end=d.end,
                    name=c.name,
                    country=c.cc or None,
                    lat=round(c.lat, 5),
                    lon=round(c.lon, 5),
                    geonameid=c.id,
                    feature_code=c.fcode,
                    precision=3,
                    where_prec=ucdp_where_prec(c.fcode, 3),
                    score=1.0,
                    reason=f"nationality word for {c.name}: whose, not where (never an event location)",
                )
            )
        if not extra:
            return places
        return sorted([*places, *extra], key=lambda p: p.start or 0)


_HOW = {"loose": " via a loose spelling", "transliteration": " via a transliteration variant"}


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (nested uses are fine).

    Parsing allocates many short-lived objects but no reference cycles; inside a big process (an
    NLP model loaded) each cyclic collection they trigger scans the whole young generation, the
    parse's transient objects included, which cost a third of the geoparser's time.  Reference
    counting still frees everything.  Callers parsing a series of documents (``first_pass`` over
    a batch) may hold the pause across several of them, then collect once for all."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@dataclass(frozen=True)
class Resolved:
    """A detected mention, the candidate chosen for it (if any), and whether it became a place."""

    mention: Mention
    choice: Choice | None
    kept: bool


@dataclass(frozen=True)
class Demonym:
    """A nationality word in a text and the country (ISO2) it names."""

    text: str
    start: int
    end: int
    country: str


DEMONYM_FOCUS = 0.5  # a nationality word counts half a place of its country in the document focus
# first words that make a nationality word a region's adjective ("Central American", "East African")
REGION_QUALIFIERS = DIRECTION_WORDS | {"latin", "anglo", "pan"}

_LOCK = threading.Lock()
_CACHE: dict[str, Geoparser] = {}


def load_geoparser(gazetteer_path: str | os.PathLike[str] | None = None) -> Geoparser:
    """The process-wide geoparser: the shipped gazetteer plus the user's imported one, if any.

    ``gazetteer_path`` names the user gazetteer (default ``$WARLEDGER_GAZETTEER`` or
    ``~/.local/share/warledger/gazetteer.sqlite``); a missing user file is simply skipped.
    """
    user = Path(gazetteer_path) if gazetteer_path is not None else user_gazetteer_path()
    key = str(user)
    with _LOCK:
        gp = _CACHE.get(key)
        if gp is None:
            paths = [SHIPPED] + ([user] if user.exists() and user.resolve() != SHIPPED.resolve() else [])
            gp = _CACHE[key] = Geoparser(Gazetteer(paths))
        return gp


def reset_geoparsers() -> None:
    """Forget the cached geoparsers (after an import changed the user's gazetteer)."""
    with _LOCK:
        _CACHE.clear()


def ucdp_where_prec(fcode: str | None, precision: int | None) -> int:
    """UCDP ``where_prec`` of a resolved place: 1 the place, 2 near it, 3 a district, 4 a province,
    5 a region or continent, 6 the country, 7 a sea or ocean (international waters)."""
    fc = fcode or ""
    if fc.startswith("PCL"):
        return 6
    if fc in ("SEA", "OCN", "GULF", "BAY", "STRT"):
        return 7
    if fc in ("CONT", "RGN", "PEN", "ISL"):
        return 5
    if fc == "ADM1":
        return 4
    if fc.startswith("ADM"):
        return 3
    return 2 if precision == 2 else 4 if precision == 3 else 1


def country_of_demonym(word: str, gaz: Gazetteer | None = None) -> str | None:
    """'Russian' → 'RU', 'Ukrainians' → 'UA'; None for other words (for actor countries)."""

    g = gaz or load_geoparser().gaz
    k = fold(word)
    return g.demonyms.get(k) or g.demonyms.get(k[:-1] if k.endswith("s") else k)
