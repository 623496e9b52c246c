"""US state and Canadian/Australian province abbreviations after a town: "Gainesville, Ga.", "Austin, TX"."""

from __future__ import annotations

import re
from typing import NamedTuple

from warledger.geo.lexicon import US_STATES
from warledger.geo.normalize import fold
from warledger.geo.store import Candidate, Gazetteer
from warledger.geo.tokens import Tokens

_ANYWHERE = [k for k in US_STATES if k.count(".") > 1 or (k.isupper() and len(k) >= 3)]  # "D.C.", "NSW"
_AFTER_COMMA_RE = re.compile(
    "(" + "|".join(re.escape(k) for k in sorted(US_STATES, key=len, reverse=True)) + r")(?!\w)"
)
# a capital consumed first (the scan jumps from capital to capital), then the look-behind before
# it, then each abbreviation's first letter (looking back) and the rest
_ANYWHERE_RE = re.compile(
    r"([A-Z](?<![\w.][A-Z])(?:"
    + "|".join(
        f"(?<={re.escape(k[0])}){re.escape(k[1:])}"
        for k in sorted(_ANYWHERE, key=len, reverse=True)
        if "A" <= k[0] <= "Z"
    )
    + r"))(?!\w)"
)
_COMMA_CAP = re.compile(r", (?=[A-Z])")


class StateAbbreviation(NamedTuple):
    """An abbreviation in the text, the units it may name, and its token range."""

    start: int
    end: int
    text: str
    cands: list[Candidate]
    tok_start: int
    tok_end: int
    sent: int


def state_matches(text: str) -> list[re.Match[str]]:
    """State abbreviations after ", " and dotted ones ("D.C.") anywhere, in order, one per offset.

    Two cheap scans instead of one alternation tried at every offset of the text.
    """
    found: dict[int, re.Match[str]] = {}
    for c in _COMMA_CAP.finditer(text):
        mt = _AFTER_COMMA_RE.match(text, c.end())
        if mt:
            found[mt.start()] = mt
    for mt in _ANYWHERE_RE.finditer(text):
        found.setdefault(mt.start(), mt)
    return [found[k] for k in sorted(found)]


def state_abbreviations(gaz: Gazetteer, text: str, toks: Tokens) -> list[StateAbbreviation]:
    """The abbreviations of ``text`` that name a first-level unit (or a federal district's city)."""
    out = []
    for mt in state_matches(text):
        ab = mt.group(1)
        if re.search(r"\d\s*$", text[max(0, mt.start() - 4) : mt.start()]):
            continue  # "500 B.C."
        if ab.isupper() and len(ab) == 2 and text[mt.end() : mt.end() + 1].isalpha():
            continue
        name, cc = US_STATES[ab], "US"
        if name[2:3] == ":":
            cc, name = name[:2], name[3:]
        found = [c for c in gaz.lookup(fold(name)) if c.cc == cc]
        # the unit itself; a federal district the gazetteer keeps as its city ("D.C.")
        cands = [c for c in found if c.is_admin1] or [c for c in found if c.fcode == "PPLC"]
        ti = toks.index_at(mt.start())
        if not cands or ti is None:
            continue
        te = ti
        while te < len(toks) and toks[te].end <= mt.end():
            te += 1
        out.append(StateAbbreviation(mt.start(), mt.end(), ab, cands, ti, te, toks[ti].sent))
    return out
