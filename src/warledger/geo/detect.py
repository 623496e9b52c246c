"""Toponym detection: gazetteer matching over regex tokens with capitalisation and context cues.

No statistical NER: capitalised token runs are looked up (longest first) in the gazetteer by folded,
loose and — for single words — transliteration-skeleton keys; admin suffix words ("region",
"Oblast", "district", "State") are attached; demonyms, months, person names, title words and
ordinary English words that are also place names are kept out unless the context says "place".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from warledger.geo.lexicon import (
    ABBREVIATION_HEADS,
    CONNECTORS,
    CONTRACTION_HEADS,
    DIRECTION_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    GOVERNOR_WORDS,
    INSTITUTION_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS_DAYS,
    NEAR_WORDS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    STRONG_CUES,
    TITLE_WORDS,
    US_STATES,
    WATER_WORDS,
)
from warledger.geo.normalize import ADMIN_SUFFIXES, fold, loose, skeleton
from warledger.geo.store import Candidate, Gazetteer

TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w]*(?:['’](?![sS]\b)[^\W\d_][\w]*)*|\d+|[^\s\w]")
ARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath"])
_ANYWHERE = [k for k in US_STATES if k.count(".") > 1 or (k.isupper() and len(k) >= 3)]  # "D.C.", "NSW"
_STATE_RE = re.compile(
    r"(?<=, )(" + "|".join(re.escape(k) for k in sorted(US_STATES, key=len, reverse=True)) + r")(?!\w)"
    r"|(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(_ANYWHERE, key=len, reverse=True)) + r")(?!\w)"
)
MAX_WORDS = 6
_COORD_GAP = re.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s*$")
_TAIL_GAP = re.compile(
    r"^\s*(?:(?:village|town|city|settlement|district|raion|rayon|region|oblast)\s*)?,\s*$"
    # the rest of a longer name the gazetteer lacks: "Shakhta imeni Gagarina, Donetsk"
    r"|^(?:\s+(?:[A-Z][\w'’-]*|imeni|im\.|de|of)){1,3}\s*,\s*$",
    re.I,
)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str
    cap: bool
    word: bool
    sent_start: bool = False
    sent: int = 0


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


_BREAK_RE = re.compile(r"[.!?][\"”’'»)]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"(\w+)\.$")


def _breaks(text: str) -> list[int]:
    """Offsets where a new sentence may start: after . ! ? (not after "Mr."), and at line breaks."""
    out = []
    for m in _BREAK_RE.finditer(text):
        if m.group()[0] == ".":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1)
            if w and w.group(1).lower() in TITLE_WORDS:
                continue
        out.append(m.end())
    return out


def tokenize(text: str) -> list[Token]:
    toks: list[Token] = []
    breaks = _breaks(text)
    nb = len(breaks)
    bi = 0
    sent = 0
    first = True
    append = toks.append
    for m in TOKEN_RE.finditer(text):
        t = m.group()
        start = m.start()
        new_sent = first
        while bi < nb and breaks[bi] <= start:
            bi += 1
            new_sent = True
        if new_sent and not first:
            sent += 1
        first = False
        c = t[0]
        word = c.isalpha()
        append(Token(t, start, m.end(), t.lower(), word and c.isupper(), word, new_sent, sent))
    for a, h, b in zip(toks, toks[1:], toks[2:], strict=False):  # "al-Raqqa": the article joins the name
        if a.lower in ARTICLES and h.text == "-" and b.cap and a.end == h.start and h.end == b.start:
            a.cap = True
    return toks


def _inner_ok(span: list[Token], x: int) -> bool:
    """May token ``x`` stand inside a multi-word name? (capitals, connectors, "-", "’s", "St.")"""
    t = span[x]
    if t.cap or t.lower in CONNECTORS or t.text == "-":
        return True
    if t.text in ("'", "’") or (t.text == "s" and x > 0 and span[x - 1].text in ("'", "’")):
        return 0 < x < len(span) - 1
    return t.text == "." and x > 0 and span[x - 1].lower in ABBREVIATION_HEADS


def _headlines(toks: list[Token]) -> dict[int, bool]:
    """Sentences written in Title Case (most content words capitalised)."""
    caps: dict[int, list[int]] = {}
    for t in toks:
        if t.word and t.lower not in FUNCTION_WORDS and t.lower not in CONNECTORS:
            c = caps.setdefault(t.sent, [0, 0])
            c[0] += t.cap
            c[1] += 1
    return {s: n >= 4 and k / n >= 0.8 for s, (k, n) in caps.items()}


def _glue(a: Token, b: Token) -> bool:
    return "-" in (a.text, b.text) or a.text in ("'", "’", ".") or b.text in ("'", "’", ".")


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """True when only spaces separate two tokens (same capitalised run)."""
    gap = text[a.end : b.start]
    return gap.strip() == "" and "\n" not in gap


class Detector:
    """Finds place mentions in text; ``gaz`` supplies candidates and the word lists."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def _cands(self, key: str, single: bool) -> tuple[list[Candidate], str]:
        hit = self.gaz.lookup(key)
        how = "name"
        if not hit:
            lk = loose(key)
            if lk != key:
                hit, how = self.gaz.lookup(lk), "loose"
        if single and len(key) >= 4:
            # romanization variants compete with exact matches ("Elenovka" is also an alternate
            # name of an Armenian town; the Donetsk village is spelled Olenivka)
            seen = {c.id for c in hit}
            extra = [c for c in self.gaz.lookup("~" + skeleton(key)) if c.kind == 3 and c.id not in seen]
            if extra and not hit:
                return extra, "transliteration"
            hit = hit + extra
        return hit, (how if hit else "")

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

    def _is_word(self, w: str) -> bool:
        return w in self.gaz.common

    def detect(self, text: str) -> tuple[list[Mention], list[Token]]:
        self._text = text
        self._persons: set[str] = set()
        toks = tokenize(text)
        self._headline = _headlines(toks)
        out: list[Mention] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if not t.cap:
                i += 1
                continue
            if (
                i + 1 < n
                and t.end + 1 == toks[i + 1].start
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
            for k in range(run, 0, -1):
                span = toks[i : i + k]
                last = span[-1]
                if not last.cap or not all(_inner_ok(span, x) for x in range(len(span))):
                    continue
                if any(
                    not (_adjacent(text, a, b) or (a.end == b.start and _glue(a, b)))
                    for a, b in itertools.pairwise(span)
                ):
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
            if _TAIL_GAP.match(gap):
                b.tail_of = x
            elif _COORD_GAP.match(gap):  # "Georgia and Alabama": listed together, alike
                a.coord.append(x + 1)
                b.coord.append(x)
        return out, toks

    def _add_states(self, text: str, toks: list[Token], out: list[Mention]) -> list[Mention]:
        """US state abbreviations after a town: "Gainesville, Ga.", "Austin, TX"."""
        starts = {t.start: x for x, t in enumerate(toks)}
        added = []
        for mt in _STATE_RE.finditer(text):
            ab = mt.group(1) or mt.group(2)
            if re.search(r"\d\s*$", text[max(0, mt.start() - 4) : mt.start()]):
                continue  # "500 B.C."
            if ab.isupper() and len(ab) == 2 and text[mt.end() : mt.end() + 1].isalpha():
                continue
            name, cc = US_STATES[ab], "US"
            if name[2:3] == ":":
                cc, name = name[:2], name[3:]
            cands = [c for c in self.gaz.lookup(fold(name)) if c.cc == cc and c.is_admin1]
            if not cands or mt.start() not in starts:
                continue
            ti = starts[mt.start()]
            te = ti
            while te < len(toks) and toks[te].end <= mt.end():
                te += 1
            added.append(
                Mention(mt.start(), mt.end(), ab, fold(ab), cands, ti, te, toks[ti].sent, "abbreviation")
            )
        if not added:
            return out
        keep = [m for m in out if not any(a.start < m.end and m.start < a.end for a in added)]
        return sorted(keep + added, key=lambda m: m.start)

    def _skip_single(self, t: Token, key: str) -> bool:
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
        if t.lower in TITLE_WORDS or t.lower in DIRECTION_WORDS or t.lower in CONNECTORS:
            return True
        if t.lower in WATER_WORDS or t.lower in FEATURE_WORDS or t.lower in INSTITUTION_WORDS:
            return True  # "Sea", "City", "Police" on their own are not places
        if len(t.text) <= 3 and re.match(r"-?\d", self._text[t.end : t.end + 2]):
            return True  # "Su-34", "T72": a model designation
        return len(key) < 2

    def _context(self, text: str, toks: list[Token], m: Mention) -> None:
        last = toks[m.tok_end - 1]
        if last.lower in ADMIN_SUFFIXES and m.tok_end - m.tok_start > 1:
            m.suffix = ADMIN_SUFFIXES[last.lower]
        j = m.tok_end
        if (
            j < len(toks)
            and toks[j].lower in ADMIN_SUFFIXES
            and _adjacent(text, last, toks[j])
            and m.suffix is None
        ):
            m.suffix = ADMIN_SUFFIXES[toks[j].lower]
            m.end = toks[j].end
            m.text = text[m.start : m.end]
            m.tok_end = j + 1
            j += 1
        # words after the name inside the same capitalised run: institution / title
        while j < len(toks) and toks[j].cap and _adjacent(text, toks[j - 1], toks[j]):
            if toks[j].lower in GOVERNOR_WORDS:
                m.governor = True
            if toks[j].lower in INSTITUTION_WORDS or toks[j].lower in TITLE_WORDS:
                m.in_org = True
            j += 1
        if j < len(toks) and toks[j].lower in GOVERNOR_WORDS:
            m.governor = True
        if j < len(toks) and toks[j].lower in FEATURE_WORDS and m.feature is None:
            m.feature = FEATURE_WORDS[toks[j].lower]
        # words before: preposition, feature word ("village of"), near-words
        b = m.tok_start - 1
        window = [toks[x].lower for x in range(max(0, b - 4), b + 1) if toks[x].sent == m.sent]
        if b >= 0 and toks[b].lower in PLACE_PREPOSITIONS and toks[b].sent == m.sent:
            m.cue = toks[b].lower
        if window and window[-1] in FEATURE_WORDS:
            m.feature = m.feature or FEATURE_WORDS[window[-1]]
        elif len(window) >= 2 and window[-1] == "of" and window[-2] in FEATURE_WORDS:
            m.feature = m.feature or FEATURE_WORDS[window[-2]]
        for x, w in enumerate(window):  # "the Nigerian state of Niger", "the Syrian city of Homs"
            cc = self.gaz.demonyms.get(w)
            if cc is not None and any(v in FEATURE_WORDS for v in window[x + 1 :]):
                m.country_hint = cc
        if len(window) >= 2 and window[-1] == "of" and window[-2] in WATER_WORDS:
            m.water = True
        if any(w in NEAR_WORDS for w in window):
            m.near = True

    def _neighbour(self, text: str, toks: list[Token], idx: int, other: int) -> Token | None:
        if not (0 <= other < len(toks)):
            return None
        a, b = (toks[other], toks[idx]) if other < idx else (toks[idx], toks[other])
        return toks[other] if toks[other].cap and _adjacent(text, a, b) else None

    def _keep(self, text: str, toks: list[Token], m: Mention) -> bool:
        first = toks[m.tok_start]
        single = m.tok_end - m.tok_start == 1 or (m.suffix is not None and m.tok_end - m.tok_start == 2)
        best = max(m.cands, key=lambda c: (c.is_country, c.kind < 3, c.pop))
        big = best.is_country or best.is_admin1 or best.pop >= 100_000
        m.common = self._is_word(m.key) or (first.sent_start and self._is_word(first.lower) and single)
        if self._headline.get(m.sent) and single and self._is_word(first.lower):
            # In Title Case Headlines Capitals Say Nothing: only a country's own name is safe
            m.cands = [c for c in m.cands if c.is_country and c.kind == 0]
            return bool(m.cands)
        if first.text.isupper() and len(first.text.replace(".", "")) <= 5 and single:
            # acronyms: only countries and first-level units ("US", "UK", "UAE")
            m.cands = [c for c in m.cands if c.is_country or c.is_admin1 or c.fcode == "CONT"]
            return bool(m.cands)
        if m.common and single and m.suffix is None:
            if first.sent_start and m.suffix is None and not (best.is_country or best.pop >= 1_000_000):
                return False
            strong = m.cue in STRONG_CUES or m.feature is not None
            # mid-sentence capitals mark a proper noun: a big place under its own name is enough
            # ("Reading", "Nice"); with a cue ("in Mission") any of its own names will do
            m.cands = [
                c
                for c in m.cands
                if (c.kind <= 1 and strong)
                or (c.kind == 0 and (c.is_country or c.is_admin1 or c.pop >= 50_000))
            ]
            if not m.cands:
                return False
        strong = (
            m.cue in STRONG_CUES or m.feature is not None or m.suffix is not None or m.match == "abbreviation"
        )
        if single and not strong and all(c.kind >= 2 for c in m.cands):
            return False  # a loose spelling alone ("Salah" ~ Salé) needs a cue
        words = m.key.split()
        ordinary = len(words) > 1 and all(w in self.gaz.common for w in words) and not big and not m.suffix
        # "The City", "Red Cross": ordinary words; a small town needs a cue ("in Rock Hill")
        if ordinary and (words[0] in FUNCTION_WORDS or (best.pop < 1000 and m.cue not in STRONG_CUES)):
            return False
        left = self._neighbour(text, toks, m.tok_start, m.tok_start - 1)
        if (
            m.tok_start >= 2
            and toks[m.tok_start - 1].text == "."
            and toks[m.tok_start - 2].lower in TITLE_WORDS
        ):
            left = toks[m.tok_start - 2]  # "Mr. Kelly"
        if left is not None and left.lower in TITLE_WORDS and not m.suffix:
            self._person(m, best)
            return False  # "President Vladimir ..."
        nxt = toks[m.tok_end] if m.tok_end < len(toks) else None
        if (
            single
            and nxt is not None
            and nxt.lower in SPEECH_VERBS
            and m.cue not in PLACE_PREPOSITIONS
            and not (best.is_country or best.pop >= 100_000)
        ):
            self._person(m, best)
            return False  # "Williams said"
        right = self._neighbour(text, toks, m.tok_end - 1, m.tok_end)
        for nb in (left, right):
            if nb is None or len(nb.text) == 1 or nb.lower in INSTITUTION_WORDS or nb.lower in TITLE_WORDS:
                continue
            if nb.lower in DIRECTION_WORDS or nb.lower in CONNECTORS or nb.lower in ADMIN_SUFFIXES:
                continue
            if self._is_word(nb.lower):
                continue
            if fold(nb.text) in self.gaz.demonyms:
                continue
            nb_cands = self.gaz.lookup(fold(nb.text))
            first_name = nb is right and single and not best.is_country
            if not any(c.is_country or c.is_admin1 or c.pop >= 100_000 for c in nb_cands) and (
                first_name or not big
            ):
                if single:
                    self._person(m, best)
                return False  # part of a person's or an organisation's name: "Jens Stoltenberg"
        if m.tok_start > 0 and toks[m.tok_start - 1].lower in ("imeni", "im"):
            return False  # "Shakhta imeni Gagarina": named after a person
        if m.water:
            m.cands = [c for c in m.cands if not c.is_populated and not c.is_admin]
            return bool(m.cands)
        cued = m.cue in STRONG_CUES or m.feature or m.suffix
        return not (m.match == "transliteration" and (m.common or not cued))

    def _person(self, m: Mention, best: Candidate) -> None:
        """Remember a small place's name used as a person's name, to drop its other mentions."""
        if not best.is_country and best.pop < 100_000:
            self._persons.add(m.key)

    def _drop_juxtaposed(self, text: str, toks: list[Token], ms: list[Mention]) -> None:
        """Two place names side by side with nothing between ("Kara Anna") are a person's name."""
        bad: set[int] = set()
        for x, (a, b) in enumerate(itertools.pairwise(ms)):
            if b.tok_start == a.tok_end and _adjacent(text, toks[a.tok_end - 1], toks[b.tok_start]):
                big_a = any(c.is_country for c in a.cands)
                big_b = any(c.is_country for c in b.cands)
                if not (big_a or big_b):
                    bad.update((x, x + 1))
        for x in sorted(bad, reverse=True):
            del ms[x]
