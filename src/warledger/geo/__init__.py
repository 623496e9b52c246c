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
from dataclasses import dataclass
from pathlib import Path

from warledger.geo.detect import Detector, Mention
from warledger.geo.event import place_for_span as _place_for_span
from warledger.geo.lexicon import STRONG_CUES
from warledger.geo.resolve import OUTSIDE, Choice, resolve
from warledger.geo.store import SHIPPED, Candidate, Gazetteer, user_gazetteer_path
from warledger.models import Place

__all__ = ["Demonym", "Geoparser", "country_of_demonym", "load_geoparser", "reset_geoparsers"]


class Geoparser:
    """Gazetteer-based toponym detection, disambiguation and event location."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.detector = Detector(gazetteer)

    def find_places(self, text: str) -> list[Place]:
        """Every place mention with its exact span (``text[p.start:p.end] == p.text``), resolved."""
        if not text or not text.strip():
            return []
        # Parsing allocates many short-lived objects but no reference cycles; inside a big process
        # (an NLP model loaded) each cyclic collection they trigger scans the whole heap, which cost
        # a third of the geoparser's time.  Reference counting still frees everything.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            return self._find_places(text)
        finally:
            if paused:
                gc.enable()

    def _find_places(self, text: str) -> list[Place]:
        mentions, _ = self.detector.detect(text)
        choices = resolve(mentions)
        focus: Counter[str] = Counter(ch.cand.cc for ch in choices if ch is not None)
        out: list[Place] = []
        for m, ch in zip(mentions, choices, strict=True):
            if ch is None or not self._convincing(m, ch, focus):
                continue
            out.append(self._place(m, ch))
        return out

    def place_for_span(self, text: str, start: int, end: int, places: list[Place]) -> Place | None:
        """The event location for evidence ``text[start:end]`` (see ``warledger.geo.event``)."""
        return _place_for_span(text, start, end, places)

    def lookup(self, name: str) -> list[Candidate]:
        """Gazetteer entries for a name (any spelling variant), most populous first."""
        from warledger.geo.normalize import fold

        cands, _how = self.detector._cands(fold(name), " " not in name.strip())
        return sorted(cands, key=lambda c: (-int(c.is_country), -c.pop))

    def demonym_country(self, word: str) -> str | None:
        return country_of_demonym(word, self.gaz)

    def find_demonyms(self, text: str) -> list[Demonym]:
        """Nationality words ("Russian", "Sri Lankan") with their country: actors, not places."""
        from warledger.geo.normalize import fold
        from warledger.geo.tokens import tokenize

        toks = tokenize(text)
        out: list[Demonym] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.cap:
                for k in (2, 1):
                    if i + k > len(toks) or (k == 2 and toks[i].end + 1 != toks[i + 1].start):
                        continue
                    span = text[t.start : toks[i + k - 1].end]
                    cc = country_of_demonym(span, self.gaz)
                    if cc:
                        out.append(Demonym(span, t.start, toks[i + k - 1].end, cc))
                        i += k - 1
                        break
            i += 1
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
        admin1 = self.gaz.admin_name(f"{c.cc}.{c.a1}") if c.cc and c.a1 else None
        admin2 = self.gaz.admin_name(f"{c.cc}.{c.a1}.{c.a2}") if c.cc and c.a1 and c.a2 else None
        name = c.name
        if c.is_admin1 and c.cc == "UA" and admin1:
            name = admin1 if admin1.endswith("City") else f"{admin1} Oblast"
        if c.is_country or c.is_admin1 or c.fcode in ("RGN", "SEA", "CONT"):
            precision = 3
        elif c.is_admin2 or m.suffix == 2 or m.near:
            precision = 2
        else:
            precision = 1
        where = ", ".join(x for x in (admin2, admin1, c.cc) if x)
        how = {
            "name": "",
            "loose": " via a loose spelling",
            "transliteration": " via a transliteration variant",
        }
        reason = (
            f"{c.name} ({c.fcode}, {where or 'world'}, pop {c.pop:,}){how.get(m.match, '')}; "
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
            score=round(conf, 3),
            reason=reason,
        )


@dataclass(frozen=True)
class Demonym:
    """A nationality word in a text and the country (ISO2) it names."""

    text: str
    start: int
    end: int
    country: str


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


def country_of_demonym(word: str, gaz: Gazetteer | None = None) -> str | None:
    """'Russian' → 'RU', 'Ukrainians' → 'UA'; None for other words (for actor countries)."""
    from warledger.geo.normalize import fold

    g = gaz or load_geoparser().gaz
    k = fold(word)
    return g.demonyms.get(k) or g.demonyms.get(k[:-1] if k.endswith("s") else k)
