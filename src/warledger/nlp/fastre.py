"""Fast scanning with many ordered regex alternatives: dispatch on the first character.

``OrderedScanner([(label, pattern), ...])`` behaves like ``finditer`` over the alternation
``(?P<l0>\\b(?:p0)\\b)|(?P<l1>\\b(?:p1)\\b)|...`` (leftmost match; at one position the first listed
pattern wins; matches do not overlap) but only tries, at each word start, the patterns that can
begin with that character.  The first-character sets are computed from the parsed patterns.
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
import string
from collections.abc import Iterator

_ALL = frozenset(string.ascii_letters + string.digits + "_-'’\"“(")


def _first(items: list, flags: int) -> tuple[set[str], bool]:
    """(possible first characters, can be empty) of a parsed sequence."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            ch = chr(av)
            out |= {ch.lower(), ch.upper()} if flags & re.I else {ch}
            return out, False
        if op is C.NOT_LITERAL or op is C.ANY:
            return set(_ALL), False
        if op is C.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(chr(iav))
                elif iop is C.RANGE:
                    chars |= {chr(c) for c in range(iav[0], iav[1] + 1)}
                else:
                    return set(_ALL), False
            out |= {c.lower() for c in chars} | {c.upper() for c in chars} if flags & re.I else chars
            return out, False
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue
        if op is C.BRANCH:
            empty = False
            for br in av[1]:
                s, e = _first(list(br), flags)
                out |= s
                empty = empty or e
            if not empty:
                return out, False
            continue
        if op is C.SUBPATTERN:
            sub_flags = flags | (av[1] or 0)
            s, e = _first(list(av[3]), sub_flags)
            out |= s
            if not e:
                return out, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            s, e = _first(list(sub), flags)
            out |= s
            if lo > 0 and not e:
                return out, False
            continue
        return set(_ALL), False
    return out, True


class OrderedScanner:
    """Ordered alternatives, scanned with first-character dispatch (see the module docstring)."""

    def __init__(self, patterns: list[tuple[str, str]], flags: int = 0) -> None:
        self.labels = [lab for lab, _ in patterns]
        firsts: list[set[str]] = []
        for _, p in patterns:
            s, empty = _first(list(P.parse(p, flags)), flags)
            firsts.append(set(_ALL) | s if empty else s)
        by_char: dict[str, list[int]] = {}
        for i, fs in enumerate(firsts):
            for ch in fs:
                by_char.setdefault(ch, []).append(i)
        self._by_char: dict[str, re.Pattern[str]] = {}
        cache: dict[tuple[int, ...], re.Pattern[str]] = {}
        for ch, idx in by_char.items():
            key = tuple(idx)
            if key not in cache:
                cache[key] = re.compile("|".join(rf"(?P<g{i}>\b(?:{patterns[i][1]})\b)" for i in idx), flags)
            self._by_char[ch] = cache[key]
        self._starts = re.compile(r"\b\w|[\"“'’(-]")

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[str, re.Match[str]]]:
        end = len(text) if end is None else end
        pos = start
        by_char = self._by_char
        labels = self.labels
        for sm in self._starts.finditer(text, start, end):
            p = sm.start()
            if p < pos:
                continue
            rx = by_char.get(text[p])
            if rx is None:
                continue
            m = rx.match(text, p, end)
            if m is None:
                continue
            yield labels[int((m.lastgroup or "g0")[1:])], m
            pos = m.end() if m.end() > p else p + 1
