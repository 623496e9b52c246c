"""Context cues of toponym detection: whether a gazetteer match in running text is a place.

The admin suffix and qualifier around a mention ("X region", "X, Donetsk"), the words before it
("village of", "near"), person names, headlines, vessels and juxtaposed names decide whether a
capitalised run that the gazetteer knows is kept as a place.  ``Detector`` (``warledger.geo.detect``)
inherits these checks; they read its per-text state.
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import TYPE_CHECKING

from warledger.geo.lexicon import (
    CITY_PART_WORDS,
    CONNECTORS,
    DIRECTION_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    GOVERNOR_WORDS,
    GROUP_WORDS,
    INSTITUTION_WORDS,
    MATERIEL_WORDS,
    NEAR_WORDS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    STRONG_CUES,
    TITLE_WORDS,
    VESSEL_WORDS,
    WATER_WORDS,
)
from warledger.geo.normalize import ADMIN_SUFFIXES, fold
from warledger.geo.persons import person_spans
from warledger.geo.store import Candidate
from warledger.geo.tokens import Token, Tokens, adjacent, next_to_capital

if TYPE_CHECKING:
    from warledger.geo.detect import Mention

_FEATURE_SET = frozenset(FEATURE_WORDS)


_LOWER = itemgetter(Token._fields.index("lower"))


_NOT_CONTENT = FUNCTION_WORDS | CONNECTORS


def _headline(toks: list[Token]) -> bool:
    """Is this sentence written in Title Case (most content words capitalised)?"""
    caps = [t.cap for t in toks if t.word and t.lower not in _NOT_CONTENT]
    n = len(caps)
    return n >= 4 and sum(caps) / n >= 0.8


class MentionCues:
    """Context checks for ``Detector`` (its per-text state: ``_text``, ``_toks``, ``_persons``…)."""

    def _context(self, text: str, toks: Tokens, m: Mention) -> None:
        last = toks[m.tok_end - 1]
        if last.lower in ADMIN_SUFFIXES and m.tok_end - m.tok_start > 1:
            m.suffix = ADMIN_SUFFIXES[last.lower]
        j = m.tok_end
        if (
            j < len(toks)
            and toks[j].lower in ADMIN_SUFFIXES
            and adjacent(text, last, toks[j])
            and m.suffix is None
        ):
            m.suffix = ADMIN_SUFFIXES[toks[j].lower]
            m.end = toks[j].end
            m.text = text[m.start : m.end]
            m.tok_end = j + 1
            j += 1
        # words after the name inside the same capitalised run: institution / title
        while j < len(toks) and toks[j].cap and adjacent(text, toks[j - 1], toks[j]):
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
        sent = m.sent
        before = toks[max(0, b - 4) : b + 1]
        if before and before[0].sent == sent:  # (sentence numbers never decrease: all of them)
            window = list(map(_LOWER, before))
        else:
            window = [w.lower for w in before if w.sent == sent]
        if b >= 0 and toks[b].lower in PLACE_PREPOSITIONS and toks[b].sent == m.sent:
            m.cue = toks[b].lower
        if window and window[-1] in FEATURE_WORDS:
            m.feature = m.feature or FEATURE_WORDS[window[-1]]
        elif len(window) >= 2 and window[-1] == "of" and window[-2] in FEATURE_WORDS:
            m.feature = m.feature or FEATURE_WORDS[window[-2]]
        if not _FEATURE_SET.isdisjoint(window):  # "the Nigerian state of Niger", "the Syrian city of Homs"
            for x, w in enumerate(window):
                cc = self.gaz.demonyms.get(w)
                if cc is not None and any(v in FEATURE_WORDS for v in window[x + 1 :]):
                    m.country_hint = cc
        if len(window) >= 2 and window[-1] == "of" and window[-2] in WATER_WORDS:
            m.water = True
        if not NEAR_WORDS.isdisjoint(window):
            m.near = True

    def _neighbour(self, text: str, toks: Tokens, idx: int, other: int) -> Token | None:
        if not (0 <= other < len(toks)):
            return None
        a, b = (toks[other], toks[idx]) if other < idx else (toks[idx], toks[other])
        return toks[other] if toks[other].cap and adjacent(text, a, b) else None

    def _keep(self, text: str, toks: Tokens, m: Mention) -> bool:
        first = toks[m.tok_start]
        single = m.tok_end - m.tok_start == 1 or (m.suffix is not None and m.tok_end - m.tok_start == 2)
        best = self._best(m.cands)
        big = best.is_country or best.is_admin1 or best.pop >= 100_000
        m.common = self._is_word(m.key) or (first.sent_start and self._is_word(first.lower) and single)
        if single and self._is_word(first.lower) and self._is_headline(m.sent):
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
            nxt is not None
            and not m.suffix
            and (
                nxt.lower in MATERIEL_WORDS
                or nxt.lower in CITY_PART_WORDS
                or (nxt.lower in GROUP_WORDS and not big and single)
            )
        ):
            return False  # "Grad missiles", "Wagner group", "Kirov microdistrict": not the town
        if self._after_vessel_word(toks, m.tok_start):
            return False  # "the warship 'Moskva'": a ship's name
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

    @staticmethod
    def _after_vessel_word(toks: Tokens, x: int) -> bool:
        """Is token ``x`` the start of a ship's name: after "warship", "vessel" (and a quote or one
        more capitalised word: "vessel Yasa Jupiter")?"""
        j = x - 1
        while j >= 0 and toks[j].text in ("'", "‘", "“", '"'):
            j -= 1
        if j >= 1 and toks[j].cap and toks[j].sent == toks[x].sent:
            j -= 1
        return j >= 0 and toks[j].lower in VESSEL_WORDS

    def _is_headline(self, sent: int) -> bool:
        h = self._headline.get(sent)
        if h is None:
            h = self._headline[sent] = _headline(self._toks.sentence_words(sent))
        return h

    def _person(self, m: Mention, best: Candidate) -> None:
        """Remember a small place's name used as a person's name, to drop its other mentions."""
        if not best.is_country and best.pop < 100_000:
            self._persons.add(m.key)

    def _drop_person_names(self, text: str, ms: list[Mention]) -> list[Mention]:
        """Drop the places inside person names ("By Kara Anna", "Lisa Chad said"); remember them."""
        toks = self._toks
        inner = [(m.start, m.end) for m in ms if next_to_capital(text, toks, m.tok_start, m.tok_end)]
        if not inner:
            return ms  # no place name stands next to another capitalised word
        spans = person_spans(text, lambda k: bool(self._cands(k, False)[0]), self.gaz.demonyms, inner)
        if not spans:
            return ms
        keep = []
        for m in ms:
            best = self._best(m.cands)
            # a country or province is a given name only as the first word ("Jordan Peterson");
            # last, it is an organisation's ("Environment Canada", "Agence France-Presse")
            inside = [s for s, e in spans if s <= m.start and m.end <= e]
            if inside and (m.start == inside[0] or not (best.is_country or best.is_admin1)):
                self._person(m, best)
            else:
                keep.append(m)
        return keep

    def _drop_juxtaposed(self, text: str, toks: Tokens, ms: list[Mention]) -> None:
        """Two place names side by side with nothing between ("Kara Anna") are a person's name."""
        bad: set[int] = set()
        for x, (a, b) in enumerate(itertools.pairwise(ms)):
            if b.tok_start == a.tok_end and adjacent(text, toks[a.tok_end - 1], toks[b.tok_start]):
                big_a = any(c.is_country for c in a.cands)
                big_b = any(c.is_country for c in b.cands)
                if not (big_a or big_b):
                    bad.update((x, x + 1))
        for x in sorted(bad, reverse=True):
            del ms[x]
