"""Near-duplicate story detection: MinHash signatures + LSH (datasketch), persisted in the ledger.

A document gets two MinHash signatures of ``PERMS`` permutations each:

* **lexical** — 2-word shingles of its normalised content words (lower case, accents folded,
  stop words dropped, crude suffix stripping, number words as digits).  Syndicated copies and light
  rewrites share most of them.
* **salient** — the tokens a translation keeps: numbers (``1,200`` = ``1200`` = "twelve hundred" is
  not attempted; "seven" = ``7``), and names reduced to a *consonant skeleton* so that transliteration
  variants meet (Kyiv/Kiev → ``kv``, Makariv/Makarov → ``mkrv``, Luhansk/Lugansk → ``lnsk``,
  Halyna/Galina → ``gln``), plus
  the unordered pairs of such tokens that occur in one sentence (which story is told with them).
  A machine-translated copy changes the wording but keeps these.

Two documents are the same story when their number sets agree (bottom-k Jaccard of the number
tokens at least ``NUMBER_AGREEMENT`` — templated reports of *different* events differ in their
dates and counts) and either similarity is high enough for the size of the smaller set
(``LEXICAL_RULE``, ``SALIENT_RULE``: short texts must be much closer than long articles, and very
short ones only match when identical).  The recorded similarity is the larger of the two.
Signatures are stored in the ledger (``save_minhash``, layout in :meth:`Signature.to_bytes`) so
clustering works across runs.  A cluster is named after the id of its first document.

Measured on 400 ACLED coder notes (short, templated, distinct events; pairs checked: 79,800) and the
test stories, see the ingest report: copies, rewrites and translated copies join; unrelated stories
on the same war do not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, pairwise

import numpy as np
from datasketch import MinHash, MinHashLSH

PERMS = 128
SEED = 1
SCHEME = "affine32"  # stored signatures name no scheme: keep it fixed
# (smallest set size, similarity needed there, set size from which on, similarity needed from there)
# Between the two sizes the needed similarity falls linearly; below the smallest size the rule is off.
LEXICAL_RULE = (12, 0.85, 40, 0.5)
SALIENT_RULE = (20, 0.6, 60, 0.35)
NUMBER_AGREEMENT = 0.6
NUMBER_SKETCH = 64
_LSH_THRESHOLD = 0.2

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+|\n+")
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself said says say told according per than that's it's
    also one's mr mrs ms
"""
_STOP = frozenset(_STOP_WORDS.split())
# Capitalised words that are not names: sentence starters, days, months, titles.
_NOT_NAME_WORDS = """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    president minister governor mayor head chief general spokesman spokeswoman official officials
    copyright all rights reserved news world update updated published
"""
_NOT_NAMES = _STOP | frozenset(_NOT_NAME_WORDS.split())
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
}  # fmt: skip
_WEAK = set("aeiouyjwhg")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _number(token: str) -> str | None:
    if token[0].isdigit():
        return re.sub(r"[.,](?=\d{3}\b)", "", token)
    return _NUMBER_WORDS.get(_fold(token))


def skeleton(name: str) -> str:
    """Transliteration-tolerant key: first letter + consonants, weak letters dropped, doubles merged."""
    folded = re.sub(r"[^a-z]", "", _fold(name).split("'")[0])
    if not folded:
        return ""
    out = ["g" if folded[0] == "h" else folded[0]]  # Ukrainian h = Russian g (Halyna/Galina)
    for ch in folded[1:]:
        if ch in _WEAK or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass
class Features:
    lexical: set[str] = field(default_factory=set)
    salient: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)


def features(text: str) -> Features:
    """The lexical and salient feature sets of a text (see the module docstring)."""
    out = Features()
    content: list[str] = []
    sentences = [_TOKEN.findall(sentence) for sentence in _SENTENCE_END.split(text)]
    # A capitalised sentence opener is a name only if the word never appears in lower case.
    lower = {t for tokens in sentences for t in tokens if t[0].islower()}
    for tokens in sentences:
        keys: set[str] = set()
        for i, token in enumerate(tokens):
            number = _number(token)
            folded = _fold(token)
            if number is not None:
                keys.add("#" + number)
                out.numbers.add(number)
                content.append(number)
                continue
            if folded in _STOP:
                continue
            content.append(_stem(folded.split("'")[0]))
            capitalised = token[0].isupper()
            opener_ok = i > 0 or token.isupper() or token.lower() not in lower
            if capitalised and folded not in _NOT_NAMES and opener_ok:
                key = skeleton(token)
                if len(key) >= 2:
                    keys.add("@" + key)
        out.salient |= keys
        out.salient.update(f"{a}|{b}" for a, b in combinations(sorted(keys), 2))
    out.lexical = {f"{a} {b}" for a, b in pairwise(content)}
    return out


def _minhash(items: Iterable[str]) -> MinHash:
    mh = MinHash(num_perm=PERMS, seed=SEED, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8", "surrogatepass") for s in items])
    return mh


def _number_sketch(numbers: Iterable[str]) -> tuple[int, ...]:
    """Bottom-k sketch of the number tokens: the ``NUMBER_SKETCH`` smallest 64-bit hashes."""
    hashes = {int.from_bytes(hashlib.blake2b(n.encode(), digest_size=8).digest(), "little") for n in numbers}
    return tuple(sorted(hashes)[:NUMBER_SKETCH])


@dataclass
class Signature:
    lexical: MinHash
    salient: MinHash
    lexical_size: int
    salient_size: int
    numbers: tuple[int, ...] = ()

    def to_bytes(self) -> bytes:
        """``PERMS`` lexical + ``PERMS`` salient hash values, the two set sizes, then the number
        sketch — all little-endian uint64."""
        head = np.array([self.lexical_size, self.salient_size], dtype="<u8")
        return (
            self.lexical.hashvalues.astype("<u8").tobytes()
            + self.salient.hashvalues.astype("<u8").tobytes()
            + head.tobytes()
            + np.array(self.numbers, dtype="<u8").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        fixed = (2 * PERMS + 2) * 8
        if len(data) < fixed or len(data) % 8 or len(data) > fixed + NUMBER_SKETCH * 8:
            raise ValueError(f"a stored signature has {len(data)} bytes, not the expected layout")
        values = np.frombuffer(data, dtype="<u8")
        lexical = _restore(values[:PERMS])
        salient = _restore(values[PERMS : 2 * PERMS])
        numbers = tuple(int(v) for v in values[2 * PERMS + 2 :])
        return cls(lexical, salient, int(values[2 * PERMS]), int(values[2 * PERMS + 1]), numbers)


def _restore(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=PERMS, seed=SEED, scheme=SCHEME, hashvalues=values.astype(np.uint64))


def signature(text: str) -> Signature:
    feats = features(text)
    return Signature(
        _minhash(feats.lexical),
        _minhash(feats.salient),
        len(feats.lexical),
        len(feats.salient),
        _number_sketch(feats.numbers),
    )


def number_agreement(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two documents' number sets (1.0 if both have none)."""
    if not a and not b:
        return 1.0
    union = sorted(set(a) | set(b))[:NUMBER_SKETCH]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def _needed(size: int, rule: tuple[int, float, int, float]) -> float:
    low_size, low_needed, high_size, high_needed = rule
    if size < low_size:
        return float("inf")
    if size >= high_size:
        return high_needed
    return low_needed + (high_needed - low_needed) * (size - low_size) / (high_size - low_size)


@dataclass(frozen=True)
class Match:
    doc_id: str
    similarity: float
    lexical: float
    salient: float


def compare(a: Signature, b: Signature) -> Match | None:
    """Similarities of two signatures, or None when they are not the same story."""
    lexical = float(a.lexical.jaccard(b.lexical))
    salient = float(a.salient.jaccard(b.salient))
    if lexical == 1.0 and salient == 1.0 and a.numbers == b.numbers:
        return Match("", 1.0, lexical, salient)
    if number_agreement(a.numbers, b.numbers) < NUMBER_AGREEMENT:
        return None
    same = lexical >= _needed(min(a.lexical_size, b.lexical_size), LEXICAL_RULE) or salient >= _needed(
        min(a.salient_size, b.salient_size), SALIENT_RULE
    )
    if not same:
        return None
    return Match("", max(lexical, salient), lexical, salient)


class StoryIndex:
    """LSH indexes over stored signatures; ``best_match`` finds a document's closest story."""

    def __init__(self) -> None:
        self._lexical = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=PERMS)
        self._salient = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=PERMS)
        self._signatures: dict[str, Signature] = {}

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc_id: str, sig: Signature) -> None:
        if doc_id in self._signatures:
            return
        self._signatures[doc_id] = sig
        self._lexical.insert(doc_id, sig.lexical)
        self._salient.insert(doc_id, sig.salient)

    def best_match(self, sig: Signature, *, exclude: str | None = None) -> Match | None:
        candidates = set(self._lexical.query(sig.lexical)) | set(self._salient.query(sig.salient))
        best: Match | None = None
        for other in sorted(candidates):
            if other == exclude:
                continue
            found = compare(sig, self._signatures[other])
            if found is not None and (best is None or found.similarity > best.similarity):
                best = Match(other, found.similarity, found.lexical, found.salient)
        return best
