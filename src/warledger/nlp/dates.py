"""Dates anchored on the publication date (never on the machine clock).

Handled: weekdays ("on Wednesday" in a Thursday story → the day before; the same weekday → that
day), "yesterday", "today", "tonight", "overnight", "last night", "last week" / "this week"
(week intervals), "last month", "early/mid/late March" (intervals of ~10 days), "March 16",
"16 March 2022", "in mid-April", "in a few weeks" / "in recent days" (an interval ending on the
publication date), "in 2014", "last year".  Without a publication date, every relative expression
stays unresolved (start = end = None) while absolute ones ("16 March 2022", "in 2014") resolve.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MON})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b")),
    (
        "mdy",
        re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ),
    (
        "part",
        re.compile(
            rf"\b(?P<p>early|mid|late|end\s+of|beginning\s+of|the\s+end\s+of|start\s+of)[-\s]+"
            rf"(?P<m>{_MON})(?:\s+(?P<y>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|during|throughout|by|until)\s+(?P<m>{_MON})(?:\s+(?P<y>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<last>last|this|on|early|late)\s+)?(?P<wd>{_WD})(?:\s+(?P<tod>night|morning"
            rf"|evening|afternoon))?\b",
            re.I,
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<r>yesterday|today|tonight|overnight|last\s+night|this\s+morning|earlier\s+today"
            r"|the\s+day\s+before|last\s+week|this\s+week|earlier\s+this\s+week|past\s+week"
            r"|last\s+month|this\s+month|last\s+year|this\s+year|last\s+weekend|over\s+the\s+weekend"
            r"|(?:in|over|during)\s+(?:the\s+)?(?:a\s+few|several|past|last|recent|two|three|four)"
            r"\s+(?:days|weeks|months))\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|during|of|by)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*(?:people|civilians|troops))", re.I
        ),
    ),
]


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_REL_KEYS = ("day", "night", "week", "month", "year", "morning")


@dataclass
class DateMention:
    """A date expression (document offsets) with its resolved interval."""

    start: int
    end: int
    text: str
    first: date | None
    last: date | None
    precision: str | None
    statement: bool = False  # the day of a statement ("said on Thursday"), not of the event
    since: bool = False  # the start of an open interval ("since 24 February", "since March")


_SPEECH = (
    r"(?:said|says|say|told\s+(?:[\w.'’-]+\s+){0,3}?|announced|stated|reported|added|wrote|confirmed|tweeted|posted"
    r"|declared|claimed|warned|noted|explained|insisted|denied|acknowledged|admitted|revealed)"
)
_STATEMENT_BEFORE = re.compile(rf"\b{_SPEECH}\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.I)
_STATEMENT_AFTER = re.compile(rf"^\s*,?\s*{_SPEECH}\b", re.I)


def _month_year(month: int, year: int | None, published: date | None) -> int | None:
    if year:
        return year
    if published is None:
        return None
    return published.year if month <= published.month + 1 else published.year - 1


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date | None, date | None, str]:
    g = m.groupdict()
    if kind in {"dmy", "mdy"}:
        mon = _MONTHS[g["m"].lower().rstrip(".")]
        y = _month_year(mon, int(g["y"]) if g.get("y") else None, published)
        try:
            d = date(y, mon, int(g["d"])) if y else None
        except ValueError:
            return None, None, "day"
        return d, d, "day"
    if kind in {"part", "month"}:
        mon = _MONTHS[g["m"].lower().rstrip(".")]
        y = _month_year(mon, int(g["y"]) if g.get("y") else None, published)
        if not y:
            return None, None, "month" if kind == "month" else "interval"
        last_day = calendar.monthrange(y, mon)[1]
        if kind == "month":
            return date(y, mon, 1), date(y, mon, last_day), "month"
        p = g["p"].lower()
        if p == "early" or "beginning" in p or "start" in p:
            return date(y, mon, 1), date(y, mon, 10), "interval"
        if p == "mid":
            return date(y, mon, 11), date(y, mon, 20), "interval"
        return date(y, mon, 21), date(y, mon, last_day), "interval"
    if kind == "year":
        y = int(g["y"])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if published is None:
        return None, None, "day" if kind == "weekday" else "interval"
    if kind == "weekday":
        wd = WEEKDAYS.index(g["wd"].lower())
        back = (published.weekday() - wd) % 7
        if (g.get("last") or "").lower() == "last" and back == 0:
            back = 7
        d = published - timedelta(days=back)
        return d, d, "day"
    r = " ".join(g["r"].lower().split())
    if r in {"today", "tonight", "this morning", "earlier today"}:
        return published, published, "day"
    if r in {"yesterday", "last night", "the day before"}:
        d = published - timedelta(days=1)
        return d, d, "day"
    if r == "overnight":
        return published - timedelta(days=1), published, "interval"
    if r in {"last week", "past week"}:
        start = published - timedelta(days=published.weekday() + 7)
        return start, start + timedelta(days=6), "week"
    if r in {"this week", "earlier this week"}:
        return published - timedelta(days=published.weekday()), published, "week"
    if r in {"last weekend", "over the weekend"}:
        sat = published - timedelta(days=(published.weekday() - 5) % 7 or 7)
        return sat, sat + timedelta(days=1), "interval"
    if r == "last month":
        first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return first, published.replace(day=1) - timedelta(days=1), "month"
    if r == "this month":
        return published.replace(day=1), published, "month"
    if r == "last year":
        y = published.year - 1
        return date(y, 1, 1), date(y, 12, 31), "year"
    if r == "this year":
        return date(published.year, 1, 1), published, "year"
    unit = 7 if "week" in r else 30 if "month" in r else 1
    n = {"a few": 3, "several": 4, "two": 2, "three": 3, "four": 4}.get(
        next((k for k in ("a few", "several", "two", "three", "four") if k in r), ""), 3
    )
    return published - timedelta(days=unit * n), published, "interval"


def find_dates(text: str, start: int, end: int, published: date | None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` resolved against ``published``."""
    seg = text[start:end]
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    low = seg.lower()
    digit = any(c.isdigit() for c in seg)
    month = any(m in low for m in _MONTH_KEYS)
    for kind, rx in _PATTERNS:
        # cheap substring tests skip the patterns that cannot match (the pass runs on every sentence)
        if (kind in {"dmy", "mdy"} and not (digit and month)) or (kind in {"part", "month"} and not month):
            continue
        if (kind == "year" and not digit) or (kind == "weekday" and "day" not in low):
            continue
        if kind == "rel" and not any(k in low for k in _REL_KEYS):
            continue
        for m in rx.finditer(seg):
            s, e = m.start() + start, m.end() + start
            if any(s < te and ts < e for ts, te in taken):
                continue
            if (
                kind == "weekday"
                and not m.group("last")
                and not re.search(
                    r"\b(?:on|since|by|until|last|this)\s+$", seg[max(0, m.start() - 8) : m.start()], re.I
                )
                and m.start() > 0
            ):
                # bare weekday mid-sentence: still a date ("Russian shelling Wednesday killed ...")
                pass
            try:
                first, last, prec = _resolve(kind, m, published)
            except (ValueError, KeyError):
                continue
            taken.append((s, e))
            possessive = text[e : e + 2] in {"'s", "’s"}  # "said Monday's attack ...": the event's day
            stmt = not possessive and bool(
                _STATEMENT_BEFORE.search(text, max(start, s - 40), s) or _STATEMENT_AFTER.match(text, e, end)
            )
            since = bool(
                re.match(r"since\b", text[s:e], re.I)
                or re.search(r"\bsince\s+$", text[max(start, s - 8) : s], re.I)
            )
            out.append(DateMention(s, e, text[s:e], first, last, prec, stmt, since))
    out.sort(key=lambda d: d.start)
    return out
