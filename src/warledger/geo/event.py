"""Event location: the place where a figure or incident happened, not merely one that is mentioned.

Only toponyms count: nationality words (``Place.kind == "demonym"``) are never a location.
Order of preference: a place in the same sentence (after "in/at/near/outside", the most specific,
closest to the evidence); "the city/town/village" → the last town named before; then the nearest
preceding place in the paragraph; then in the two paragraphs before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from warledger.geo.lexicon import ANAPHORA, INSTITUTION_WORDS, NEAR_WORDS, TITLE_WORDS
from warledger.models import Place

_SENT_END = re.compile(r"[.!?][\"”’»)]*\s+(?=[\"“«(]?[A-Z0-9])|\n")
_PARA = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[A-Za-z']+")
_EVENT_PREPS = frozenset(["in", "at", "near", "outside", "around", "into", "on"])
_RELATIVE = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "mi",
        "northern",
        "southern",
        "eastern",
        "western",
    ]
)
_ANAPHOR_RE = re.compile(
    r"\b(?:the|this|that)\s+(?:same\s+)?(?:\w+\s+)?(" + "|".join(ANAPHORA) + r")\b", re.I
)


class _Breaks(NamedTuple):
    """Sentence and paragraph breaks (full-text scans) of one text."""

    text: str
    sent: list[tuple[int, int]]
    sent_starts: list[int]
    para: list[tuple[int, int]]


_LAST: list[_Breaks] = []  # the last text asked about: a document's spans come in a row


def _breaks(text: str) -> _Breaks:
    last = _LAST[-1] if _LAST else None
    if last is not None and last.text is text:
        return last
    sent = [m.span() for m in _SENT_END.finditer(text)]
    b = _Breaks(text, sent, [x for x, _ in sent], [m.span() for m in _PARA.finditer(text)])
    _LAST[:] = [b]  # one atomic swap: threads at worst recompute
    return b


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    b = _breaks(text)
    k = bisect_left(b.sent_starts, start)  # breaks that begin before ``start``
    s = 0
    if k:
        # the breaks of a scan that stops at ``start`` (its look-ahead cannot see past it): the
        # earlier ones are the full scan's; the last two are scanned again
        j = max(0, k - 2)
        s = b.sent[j - 1][1] if j else 0
        for m in _SENT_END.finditer(text, b.sent[j][0], start):
            s = m.end()
    m = _SENT_END.search(text, max(end, s))
    return s, (m.start() + 1 if m else len(text))


def _para_bounds(text: str, pos: int) -> tuple[int, int]:
    b = _breaks(text)
    s = 0
    for ps, pe in b.para:  # (a break running past ``pos`` is scanned again, cut at ``pos``)
        if pe <= pos:
            s = pe
            continue
        for m in _PARA.finditer(text, ps, pos):
            s = m.end()
        break
    m = _PARA.search(text, pos)
    return s, (m.start() if m else len(text))


def _specificity(p: Place) -> float:
    fc = p.feature_code or ""
    if fc.startswith("PPL"):
        return 2.0
    if fc in ("ADM2", "ADM2H", "ADM3"):
        return 1.6
    if fc == "ADM1":
        return 1.0
    if fc.startswith("PCL") or fc == "CONT":
        return 0.0
    return 1.2


def _prev_words(text: str, pos: int) -> list[str]:
    """Up to four words before ``pos`` in the same clause."""
    chunk = re.split(r"[,;:.!?()\n]", text[max(0, pos - 50) : pos])[-1]
    return [w.lower() for w in _WORD.findall(chunk)][-4:]


def _near(text: str, p: Place) -> bool:
    before = _WORD.findall(text[max(0, (p.start or 0) - 40) : p.start or 0].lower())[-3:]
    return any(w in NEAR_WORDS for w in before)


def _next_word(text: str, pos: int) -> str:
    m = _WORD.search(text, pos, pos + 30)
    return m.group().lower() if m else ""


def _with_precision(text: str, p: Place, how: str) -> Place:
    prec = p.precision or 1
    where = p.where_prec
    if _near(text, p) and prec == 1:
        prec = 2
        where = 2 if where in (None, 1) else where  # UCDP: within 25 km of the place
    reason = f"{how}; {p.reason}" if p.reason else how
    return p.model_copy(update={"precision": prec, "where_prec": where, "reason": reason})


def place_for_span(text: str, start: int, end: int, places: list[Place]) -> Place | None:
    """The place where the event whose evidence is ``text[start:end]`` happened (see module doc)."""
    # nationality words ("Russian shelling") say whose, never where
    located = [p for p in places if p.start is not None and p.lat is not None and p.kind == "toponym"]
    if not located:
        return None
    s, e = _bounds(text, start, end)
    s, e = min(s, start), max(e, end)
    same = [p for p in located if s <= p.start < e]  # type: ignore[operator]
    if same:

        def score(p: Place) -> float:
            v = _specificity(p)
            prev = _prev_words(text, p.start or 0)
            if prev[-2:-1] and prev[-1] in ("of", "from") and prev[-2] in _RELATIVE:
                v -= 1.5  # "west of Kyiv", "km from Kyiv": a reference point
            elif any(w in _EVENT_PREPS for w in prev[-4:]):
                v += 1.5
            nxt = _next_word(text, p.end or 0)
            if nxt in INSTITUTION_WORDS or nxt in TITLE_WORDS:
                v -= 0.8
            if prev and prev[-1] in TITLE_WORDS:
                v -= 1.0
            dist = (
                0
                if start <= (p.start or 0) < end
                else min(abs((p.start or 0) - end), abs(start - (p.end or 0)))
            )
            v -= min(1.0, dist / 300)
            return v

        specific = [p for p in same if _specificity(p) > 0]
        best = max(specific or same, key=score)
        if _specificity(best) >= 1.0 or not _ANAPHOR_RE.search(text[s:e]):
            return _with_precision(text, best, "named in the same sentence")
    else:
        best = None
    before = [p for p in located if (p.end or 0) <= s]
    m = _ANAPHOR_RE.search(text[s:e])
    if m and before:
        kind = ANAPHORA[m.group(1).lower()]
        pool = [p for p in before if kind == "ANY" or (p.feature_code or "").startswith(kind)]
        if pool:
            return _with_precision(
                text, pool[-1], f"'{m.group(0)}' refers to the last {m.group(1).lower()} named"
            )
    ps, _ = _para_bounds(text, start)
    para = [p for p in before if (p.start or 0) >= ps]
    specific = [p for p in para if _specificity(p) > 0]
    if specific or para:
        return _with_precision(text, (specific or para)[-1], "nearest place before, same paragraph")
    # up to two paragraphs back
    lo = ps
    for _ in range(2):
        lo, _e = _para_bounds(text, max(0, lo - 2))
        earlier = [p for p in before if (p.start or 0) >= lo and _specificity(p) > 0]
        if earlier:
            return _with_precision(text, earlier[-1], "nearest place in the paragraphs before")
        if lo == 0:
            break
    return _with_precision(text, best, "the only place in the sentence") if best is not None else None
