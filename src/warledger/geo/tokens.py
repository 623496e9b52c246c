"""Regex tokens with sentence numbers, built column by column (the geoparser's hottest loop)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, compress, count, pairwise, repeat
from operator import itemgetter
from typing import NamedTuple

from warledger.geo.lexicon import TITLE_WORDS

# (possessive quantifiers: nothing follows them that could make the engine back into them, so they
# only spare it the bookkeeping for that)
TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}+|[^\W\d_]\w*+(?:['’](?![sS]\b)[^\W\d_]\w*+)*+|\d++|[^\s\w]")
# the same pattern as one capture group: ``split`` gives the gaps and tokens in turn (gap, token, …,
# gap), whose cumulated lengths are the tokens' offsets; no match object is made per token
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
ARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath"])


class Token(NamedTuple):
    """One regex token (a tuple: ``Tokens`` builds thousands per article at C speed)."""

    text: str
    start: int
    end: int
    lower: str
    cap: bool
    word: bool
    sent_start: bool = False
    sent: int = 0


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


_FIRST = itemgetter(0)
_HYPHEN_CAP = re.compile(r"-(?=[A-Z])")  # a literal first: much faster than a look-behind
_WORDY = re.compile(r"\w")


class Tokens(list[Token]):
    """The regex tokens of a text (a list), with the indices of the capitalised ones (``caps``).

    Sentence numbers count the sentence breaks before a token (breaks with no word between them
    count once).  Built column by column: this is the geoparser's hottest loop.
    """

    def __init__(self, text: str) -> None:
        # every column is built by ``map`` over C callables: no Python frame runs per token
        parts = _SPLIT_RE.split(text)
        strs = parts[1::2]
        offsets = list(accumulate(map(len, parts)))  # the end of each part
        starts = offsets[0:-1:2]
        raw = _breaks(text)
        brk = self.breaks = [b for x, b in enumerate(raw) if x == 0 or _WORDY.search(text, raw[x - 1], b)]
        # a sentence number is the count of breaks at or before the token: cut the token list at
        # each break (a few bisections per text instead of one per token)
        n = len(starts)
        cuts = [bisect_left(starts, b) for b in brk]
        sents: list[int] = []
        for x, (lo, hi) in enumerate(pairwise([0, *cuts])):
            sents += repeat(x, hi - lo)
        sents += repeat(len(cuts), n - (cuts[-1] if cuts else 0))
        news = [False] * n  # the first token of each sentence
        for c in (0, *cuts):
            if c < n:
                news[c] = True
        firsts = list(map(_FIRST, strs))
        caps = list(map(str.isupper, firsts))
        cols = zip(
            strs,
            starts,
            offsets[1::2],
            map(str.lower, strs),
            caps,
            map(str.isalpha, firsts),
            news,
            sents,
            strict=True,
        )
        super().__init__(map(tuple.__new__, repeat(Token), cols))
        self.text = text
        self.starts = starts
        self.caps = list(compress(count(), caps))
        if "-" in text:  # "al-Raqqa": the article joins the name and counts as capitalised
            art = []
            for h in _HYPHEN_CAP.finditer(text):
                if not _WORDY.match(text, h.start() - 1) or h.start() == 0:
                    continue
                x = (self.index_at(h.start()) or 0) - 1
                before = text[starts[x] - 1] if x >= 0 and starts[x] > 0 else " "
                if x >= 0 and strs[x].lower() in ARTICLES and not (before.isalnum() or before in "-_"):
                    art.append(x)
            for x in art:
                self[x] = self[x]._replace(cap=True)
            if art:
                self.caps = sorted(set(self.caps) | set(art))

    def sentence_words(self, sent: int) -> list[Token]:
        """The tokens of sentence number ``sent``."""
        lo = self.breaks[sent - 1] if sent > 0 else 0
        hi = self.breaks[sent] if sent < len(self.breaks) else len(self.text)
        return self[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def index_at(self, pos: int) -> int | None:
        """The index of the token starting at offset ``pos``, if one does."""
        x = bisect_left(self.starts, pos)
        return x if x < len(self.starts) and self.starts[x] == pos else None


def tokenize(text: str) -> list[Token]:
    """Every token of ``text``."""
    return Tokens(text)


def glue(a: Token, b: Token) -> bool:
    return "-" in (a.text, b.text) or a.text in ("'", "’", ".") or b.text in ("'", "’", ".")


def adjacent(text: str, a: Token, b: Token) -> bool:
    """True when only spaces separate two tokens (same capitalised run)."""
    gap = text[a.end : b.start]
    return gap.strip() == "" and "\n" not in gap


def linked(text: str, a: Token, b: Token) -> bool:
    """May two neighbouring tokens belong to one name (only spaces between, or glued by "-", "'", ".")?"""
    return adjacent(text, a, b) or (a.end == b.start and glue(a, b))


def next_to_capital(text: str, toks: Tokens, start: int, end: int) -> bool:
    """Is a capitalised word right before or after tokens ``start:end`` ("Kara Anna", "France-Presse")?"""
    a, b = start - 1, end
    if a >= 1 and toks[a].text == "-" and toks[a - 1].cap:
        return True
    if a >= 0 and toks[a].cap and adjacent(text, toks[a], toks[a + 1]):
        return True
    return b < len(toks) and toks[b].cap and adjacent(text, toks[b - 1], toks[b])
