"""Toponym detection: gazetteer matching over regex tokens with capitalisation and context cues.

No statistical NER: capitalised token runs are looked up (longest first) in the gazetteer by folded,
loose and — for single words — transliteration-skeleton keys; admin suffix words ("region",
"Oblast", "district", "State") are attached; demonyms, months, person names, title words and
ordinary English words that are also place names are kept out unless the context says "place";
place names inside person names marked by generic cues ("By Kara Anna", "Lisa Chad said") are
dropped (``warledger.geo.persons``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from warledger.geo.cues import MentionCues
from warledger.geo.lexicon import (
    ABBREVIATION_HEADS,
    CONNECTORS,
    CONTRACTION_HEADS,
    DIRECTION_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS_DAYS,
    PLACE_PREPOSITIONS,
    REGION_ADJECTIVES,
    TITLE_WORDS,
    WATER_WORDS,
)
from warledger.geo.normalize import ADMIN_SUFFIXES, SKELETON_COUNTRIES, fold, loose, skeleton
from warledger.geo.states import state_abbreviations
from warledger.geo.store import Candidate, Gazetteer
from warledger.geo.tokens import Token, Tokens, linked

MAX_WORDS = 8  # "Democratic People's Republic of Korea" is 7 tokens
_NUMBERED = re.compile(r" (?:No\.? ?)?\d")
_DIGIT_AFTER = re.compile(r"-?\d")
_IN_GAP = re.compile(r"^\s+(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?$")
_COORD_GAP = re.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s*$")
_TAIL_GAP = re.compile(
    r"^\s*(?:(?:village|town|city|settlement|district|raion|rayon|region|oblast)\s*)?,\s*$"
    # the rest of a longer name the gazetteer lacks: "Shakhta imeni Gagarina, Donetsk"
    r"|^(?:\s+(?:[A-Z][\w'’-]*|imeni|im\.|de|of)){1,3}\s*,\s*$",
    re.I,
)


@dataclass
class Mention:
    """A detected place name with its gazetteer candidates and the context cues around it."""

    start: int
    end: int
    text: str
    key: str
    cands: list[Candidate]
    tok_start: int
    tok_end: int  # exclusive
    sent: int
    match: str = "name"  # name | loose | transliteration
    suffix: int | None = None  # 1 province-like suffix word, 2 district-like
    governor: bool = False
    cue: str | None = None  # preposition right before
    feature: str | None = None  # PPL / ADM / PCL from a feature word ("village of X", "X city")
    near: bool = False
    in_org: bool = False  # inside an organisation or title ("Kyiv Oblast Police")
    common: bool = False  # the name is also an ordinary English word
    country_hint: str | None = None  # from a demonym just before: "the Nigerian state of Niger"
    water: bool = False  # "Sea of X", "Gulf of X": the name of a water body, not of a town
    tail_of: int | None = None  # index of the mention this one qualifies ("X, Donetsk")
    coord: list[int] = field(default_factory=list)  # mentions listed with this one ("X and Y")
    extra: dict[str, float] = field(default_factory=dict)


def _inner_ok(toks: list[Token], j: int) -> bool:
    """May token ``j`` stand inside a multi-word name, neither first nor last? (capitals,
    connectors, "-", "’s", "St.")"""
    t = toks[j]
    if t.cap or t.lower in CONNECTORS or t.text in ("-", "'", "’"):
        return True
    if t.text == "s":
        return toks[j - 1].text in ("'", "’")
    return t.text == "." and toks[j - 1].lower in ABBREVIATION_HEADS


def _strength(c: Candidate) -> tuple[bool, bool, int]:
    return (c.is_country, c.kind < 3, c.pop)


_NO_TOKENS = Tokens("")
_NO_CANDIDATES: list[Candidate] = []  # the memo's value for every miss (shared: never mutated)


def _may_be_variant(hit: list[Candidate]) -> bool:
    """Should a romanization variant be looked for? Not when the word is already the own name of a
    place outside the East Slavic countries and of none inside them ("Washington", "Smith")."""
    return not hit or any(c.kind >= 1 or c.cc in SKELETON_COUNTRIES for c in hit)


class Detector(MentionCues):
    """Finds place mentions in text; ``gaz`` supplies candidates and the word lists."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        # The name memo: candidates and how they matched, one pair of dicts per span length
        # (longer spans, single words), with plain string keys; every miss shares one empty list.
        # A new name so leaves no tuple or list behind: each would count towards (and be scanned by)
        # the next cyclic garbage collection, which runs in the caller's time.
        self._memo: tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]] = ({}, {})
        self._how: tuple[dict[str, str], dict[str, str]] = ({}, {})
        self._bests: dict[int, Candidate] = {}  # by id(...) of the candidate lists in ``_best_of``
        self._best_of: dict[int, list[Candidate]] = {}
        self._lex: dict[str, bool] = {}
        # first words of the multi-word demonyms: a capital starting none opens no demonym
        self._demonym_heads = frozenset(k.split(" ")[0] for k in gaz.demonyms if " " in k)
        # the state of the text being read (see ``detect``)
        self._text = ""
        self._toks = _NO_TOKENS
        self._persons: set[str] = set()
        self._headline: dict[int, bool] = {}

    def _cands(self, key: str, single: bool) -> tuple[list[Candidate], str]:
        """Candidates of a folded span and how they matched (memoised: names recur across texts)."""
        memo = self._memo[single]
        hit = memo.get(key)
        if hit is not None:
            return hit, self._how[single][key]
        if len(memo) > 100_000:
            memo.clear()
            self._how[single].clear()
        hit, how = self._find(key, single)
        memo[key] = hit
        self._how[single][key] = how
        return hit, how

    def _find(self, key: str, single: bool) -> tuple[list[Candidate], str]:
        hit = self.gaz.lookup(key)
        how = "name"
        if not hit:
            lk = loose(key)
            if lk != key:
                hit, how = self.gaz.lookup(lk), "loose"
        if single and len(key) >= 4 and _may_be_variant(hit):
            # romanization variants compete with exact matches ("Elenovka" is also an alternate
            # name of an Armenian town; the Donetsk village is spelled Olenivka)
            seen = {c.id for c in hit}
            extra = [c for c in self.gaz.lookup("~" + skeleton(key)) if c.kind == 3 and c.id not in seen]
            if extra and not hit:
                return extra, "transliteration"
            if extra:
                hit = hit + extra
        return (hit, how) if hit else (_NO_CANDIDATES, "")

    def district_stem(self, key: str) -> list[Candidate]:
        """Adjectival district names: 'beryslavskyi' → Beryslav, 'kakhovskyi' → Kakhovka."""
        found: dict[int, Candidate] = {}
        for end in ("skyi", "skyy", "skiy", "skij", "skoho", "kyi", "kyy", "kiy", "ska", "ske", "yi", "iy"):
            if key.endswith(end) and len(key) - len(end) >= 3:
                stem = key[: -len(end)]
                for v in (stem, stem + "a", stem + "ka", stem + "sk", stem + "y", stem + "i"):
                    for c in self.gaz.lookup(v):
                        found.setdefault(c.id, c)
                if found:
                    break
        return list(found.values())

    def _best(self, cands: list[Candidate]) -> Candidate:
        """The strongest candidate of a list (country, own or alternate name, population); memoised
        for the shared candidate lists of the name memo."""
        k = id(cands)
        if self._best_of.get(k) is cands:
            return self._bests[k]
        best = max(cands, key=_strength)
        if len(self._bests) > 100_000:
            self._bests.clear()
            self._best_of.clear()
        self._bests[k] = best
        self._best_of[k] = cands
        return best

    def _is_word(self, w: str) -> bool:
        return w in self.gaz.common

    def detect(self, text: str) -> tuple[list[Mention], Tokens]:
        """The place mentions of ``text`` (in order) and its tokens."""
        try:
            return self._detect(text)
        finally:
            # forget the text's state: kept until the next text, its tokens would be scanned (and
            # promoted) by the caller's next cyclic garbage collection
            self._text = ""
            self._toks = _NO_TOKENS
            self._persons.clear()
            self._headline.clear()

    def _detect(self, text: str) -> tuple[list[Mention], Tokens]:
        self._text = text
        toks = Tokens(text)
        self._toks = toks
        out: list[Mention] = []
        i = 0
        n = len(toks)
        for ci in toks.caps:
            if ci < i:
                continue
            i = ci
            t = toks[i]
            if t.lower in FUNCTION_WORDS and (i + 1 == n or not toks[i + 1].cap) and not t.text.isupper():
                continue  # "The", "But" opening a sentence (fast path of ``_skip_single``)
            if (
                i + 1 < n
                and toks[i + 1].cap
                and t.end + 1 == toks[i + 1].start
                and fold(t.text).partition(" ")[0] in self._demonym_heads
                and fold(f"{t.text} {toks[i + 1].text}") in self.gaz.demonyms
            ):
                i += 2  # "Sri Lankan", "South Ossetian": a two-word demonym
                continue
            found = None
            run = 1  # how far a multi-word name could reach: capitals, connectors, glue
            while (
                run < MAX_WORDS
                and i + run < n
                and (toks[i + run].cap or toks[i + run].lower in CONNECTORS or toks[i + run].text in "-'’.s")
            ):
                run += 1
            reach = 1  # the longest span whose tokens are all linked (the pairs are checked once)
            while reach < run:
                a, b = toks[i + reach - 1], toks[i + reach]
                # (one space between them: the common case of ``linked``, without its calls)
                if (b.start - a.end == 1 and text[a.end] == " ") or linked(text, a, b):
                    reach += 1
                else:
                    break
            inner = 1  # tokens i+1 … i+inner-1 may stand inside a name (checked once for every span)
            while inner < reach - 1 and _inner_ok(toks, i + inner):
                inner += 1
            for k in range(reach, 0, -1):
                if k == 1:
                    key = fold(t.text)
                else:
                    last = toks[i + k - 1]  # a capital, after tokens that may stand inside a name
                    if not last.cap or k > inner + 1:
                        continue
                    key = fold(text[t.start : last.end])
                if k == 1 and self._skip_single(t, key):
                    break
                cands, how = self._cands(key, k == 1)
                nxt = toks[i + k] if i + k < n else None
                if nxt is not None and nxt.lower in ADMIN_SUFFIXES and ADMIN_SUFFIXES[nxt.lower] == 2:
                    stem = [c for c in self.district_stem(key) if c.id not in {x.id for x in cands}]
                    if stem:
                        cands, how = cands + stem, how or "district adjective"
                if cands:
                    found = (k, key, cands, how)
                    break
            if not found:
                i += 1
                continue
            k, key, cands, how = found
            m = Mention(
                t.start,
                toks[i + k - 1].end,
                text[t.start : toks[i + k - 1].end],
                key,
                cands,
                i,
                i + k,
                t.sent,
                how,
            )
            self._context(text, toks, m)
            if self._keep(text, toks, m):
                out.append(m)
            i += k
        if out:
            out = self._drop_person_names(text, out)
        out = [
            m
            for m in out
            if not (
                m.key in self._persons and m.tok_end - m.tok_start == 1 and m.cue not in PLACE_PREPOSITIONS
            )
        ]
        out = self._add_states(text, toks, out)
        self._drop_juxtaposed(text, toks, out)
        for x, (a, b) in enumerate(itertools.pairwise(out)):
            gap = text[a.end : b.start]
            if a.sent != b.sent:
                continue
            if _TAIL_GAP.match(gap) or (a.suffix == 2 and _IN_GAP.match(gap)):
                b.tail_of = x  # "X, Donetsk"; "the Industrialny district of Kharkiv'
            elif _COORD_GAP.match(gap):  # "Georgia and Alabama": listed together, alike
                a.coord.append(x + 1)
                b.coord.append(x)
        return out, toks

    def _add_states(self, text: str, toks: Tokens, out: list[Mention]) -> list[Mention]:
        """US state abbreviations after a town: "Gainesville, Ga.", "Austin, TX"."""
        added = [
            Mention(
                st.start,
                st.end,
                st.text,
                fold(st.text),
                st.cands,
                st.tok_start,
                st.tok_end,
                st.sent,
                "abbreviation",
            )
            for st in state_abbreviations(self.gaz, text, toks)
        ]
        if not added:
            return out
        keep = [m for m in out if not any(a.start < m.end and m.start < a.end for a in added)]
        return sorted(keep + added, key=lambda m: m.start)

    def _skip_single(self, t: Token, key: str) -> bool:
        lex = self._lex.get(t.text)
        if lex is None:
            if len(self._lex) > 100_000:
                self._lex.clear()
            lex = self._lex[t.text] = self._skip_word(t, key)
        if lex:
            return True
        if len(t.text) <= 3 and _DIGIT_AFTER.match(self._text, t.end):
            return True  # "Su-34", "T72": a model designation
        return t.lower in self.gaz.common and bool(_NUMBERED.match(self._text, t.end))

    def _skip_word(self, t: Token, key: str) -> bool:
        """The word-only reasons to skip a single capitalised word (the same for every occurrence)."""
        if len(t.text) <= 2 and not t.text.isupper():
            return True
        if t.lower in FUNCTION_WORDS and not t.text.isupper():
            return True
        if "'" in t.text or "’" in t.text:
            head = re.split(r"['’]", t.lower)[0]
            if head in CONTRACTION_HEADS:
                return True  # "I'm", "Don't"
        if (
            t.lower in MONTHS_DAYS
            or t.lower in MONTH_ABBREVIATIONS
            or key in self.gaz.demonyms
            or key.rstrip("s") in self.gaz.demonyms
        ):
            return True
        if t.lower in REGION_ADJECTIVES and not t.text.isupper():
            return True  # "European", "Arab": adjectives, not places
        if t.lower in TITLE_WORDS or t.lower in DIRECTION_WORDS or t.lower in CONNECTORS:
            return True
        if t.lower in WATER_WORDS or t.lower in FEATURE_WORDS or t.lower in INSTITUTION_WORDS:
            return True  # "Sea", "City", "Police" on their own are not places
        # (numbered facilities — "Mine 6/7", "Route 66" — depend on the text: ``_skip_single``)
        return len(key) < 2
