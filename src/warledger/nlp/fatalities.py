"""Fatalities of an incident, following ACLED's coding conventions.

The sum of the incident's ``killed`` figures (subsets not added twice, the conservative ``low`` of
ranges / "at least" / vague quantities: dozens = 12, hundreds = 100); bodies found after violence
count when no death is reported, "N more bodies" are added; a total stated for the incident ("In
total, 29 were killed") replaces the sum of its parts; cumulative tolls are not added to single
counts.  Reported deaths with no number ("killing civilians", "fatalities reported") count 10; "no
casualties" / "casualties unknown" count 0.  Coder notes in ACLED-style text are applied: "[coded as
12]" replaces its sentence's count, "Unspecified fatalities coded as 10", "[50 fatalities split
among 2 events]" (this event's share), "(fatalities coded to X event)" (0 unless X is this report's
place), asides "(in addition to ..., coded separately)" are skipped by the figure rules.
"""

from __future__ import annotations

import re

from warledger.models import Fatalities
from warledger.nlp.types import Analysis

_NO_DEATHS = re.compile(
    r"\b(?:no\s+(?:casualties|fatalities|deaths|injuries|one\s+was\s+(?:killed|hurt))"
    r"|casualties\s+(?:unknown|unclear|not\s+known)|without\s+casualties|fatalities\s+unknown"
    r"|unknown\s+casualties|no\s+one\s+was\s+(?:killed|injured|hurt))\b",
    re.I,
)
_CODED_ELSEWHERE = re.compile(
    r"\((?:fatalities|casualties|deaths)\s+(?:were\s+)?coded\s+to\s+([^)]+)\)", re.I
)
_CODED_AS = re.compile(
    r"[\[(](?:fatalities\s+|deaths\s+)?coded\s+as\s+(?:an?\s+)?(?:additional\s+|further\s+)?(\d+)(?:\s+(?:fatalities|deaths))?(?:[,;][^\])]*)?[\])]",
    re.I,
)
_SPLIT = re.compile(
    r"\b(\d+)\s+(?:fatalities|deaths|casualties)\s+(?:were\s+)?split\s+(?:among|between)\s+(\d+)", re.I
)
_MORE_BODIES = re.compile(r"\b(?:more|additional|further|another)\s+(?:\w+\s+)?bod(?:y|ies)\b", re.I)
_REVISED = re.compile(r"\b(?:rose|risen|climbed|increased|bringing|raising|toll)\b", re.I)
_RUNNING = re.compile(r"\b(?:since|so\s+far|to\s+date|throughout|over\s+the\s+(?:past|last))\b", re.I)
_TOTAL = re.compile(r"\b(?:in\s+total|a\s+total\s+of|in\s+all|altogether|overall)\b", re.I)
_N_CODED = re.compile(r"\[(\d+)\s+fatalities\s+coded\b", re.I)
_CODED = re.compile(
    r"\b(?:fatalities|casualties|deaths)\b[^.\[\]]{0,60}?\bcoded\s+as\s+(\d+)",
    re.I,
)
_UNSPEC_DEATHS = re.compile(
    r"\b(?:(?:suffered|sustained|inflicted)\s+(?:\w+\s+){0,2}(?:losses|casualties)"
    r"|significant\s+number\s+of\s+\w+\s+(?:was|were)\s+killed|kill(?:ed|ing)\s+(?:civilians|people|soldiers|residents|several|many|dozens)"
    r"|fatalities\s+(?:were\s+)?reported|(?:several|many|multiple|numerous|unknown\s+number"
    r"\s+of)\s+(?:\w+\s+)?(?:people|civilians|soldiers|fighters|residents)\s+(?:were\s+)?"
    r"(?:killed|died|dead)|deaths\s+reported|left\s+(?:many|several)\s+dead"
    r"|(?:civilians|people|soldiers)\s+(?:were|have\s+been)\s+killed)\b",
    re.I,
)


def _coded_elsewhere(sentence: str, lead: str) -> bool:
    """A coder's note "(fatalities coded to X event)" in the sentence, X not this report's place."""
    m = _CODED_ELSEWHERE.search(sentence)
    if not m:
        return False
    names = [w for w in re.split(r"[\s,]+", m.group(1)) if w[:1].isupper()]
    return bool(names) and not all(n in lead for n in names)


def fatalities(
    an: Analysis, fig_ids: list[int], text: str, violent: bool = False, lead: str | None = None
) -> Fatalities:
    killed = [i for i in fig_ids if an.figures[i].category == "killed" and an.figures[i].parent is None]
    if not killed and violent:  # ACLED counts bodies found after violence as the event's fatalities
        killed = [
            i for i in fig_ids if an.figures[i].category == "bodies_found" and an.figures[i].parent is None
        ]
    elif violent:  # "later 2 more bodies were found": added to the deaths already reported
        killed += [
            i
            for i in fig_ids
            if an.figures[i].category == "bodies_found"
            and an.figures[i].parent is None
            and _MORE_BODIES.search(an.figures[i].evidence.text)
            and not _REVISED.search(an.figures[i].evidence.text)
        ]
    split = _SPLIT.search(text)
    if split:  # "[50 fatalities split among 2 events]": this event's share
        v = round(int(split.group(1)) / max(1, int(split.group(2))))
        return Fatalities(low=v, best=v, high=v)
    # a coder's value for one sentence ("Dozens were killed [coded as 12]") replaces that sentence's count
    override: dict[str, int] = {}
    for i in killed:
        ev = an.figures[i].evidence.text
        cm = coded_value(ev)
        if cm is not None:
            override[ev] = cm
    coded = coded_value(text)
    if coded is not None and not override:
        return Fatalities(low=coded, best=coded, high=coded)
    lead = lead if lead is not None else text.split(". ", 1)[0]
    # ACLED-style note: deaths counted with another event, unless it names this report's place
    had = bool(killed)
    killed = [i for i in killed if not _coded_elsewhere(an.figures[i].evidence.text, lead)]
    if had and not killed:
        return Fatalities(low=0, best=0, high=0)
    totals = [
        i
        for i in killed
        if _TOTAL.search(an.figures[i].evidence.text) and not _RUNNING.search(an.figures[i].evidence.text)
    ]
    if totals and len(killed) > 1:  # "In total, 29 were killed": the note's own sum of the parts
        top = max(totals, key=lambda i: an.figures[i].low or an.figures[i].high or 0)
        rest = sum(an.figures[i].low or an.figures[i].high or 0 for i in killed if i != top)
        if (an.figures[top].low or an.figures[top].high or 0) >= rest:
            killed = [top]
    if not killed:
        if _NO_DEATHS.search(text):
            return Fatalities(low=0, best=0, high=0)
        if _UNSPEC_DEATHS.search(text):
            return Fatalities(low=None, best=10, high=None)
        return Fatalities()
    # several counts of one incident: a non-cumulative set is summed; cumulative tolls are not added
    non_cum = [i for i in killed if not an.figures[i].cumulative] or killed
    if len(non_cum) > 1 and any(an.figures[i].cumulative for i in killed):
        non_cum = [max(non_cum, key=lambda i: an.figures[i].low or an.figures[i].high or 0)]
    if override:
        counted: set[str] = set()
        total = 0
        for i in non_cum:
            ev = an.figures[i].evidence.text
            if ev in override:
                if ev not in counted:
                    total += override[ev]
                    counted.add(ev)
                continue
            total += an.figures[i].low if an.figures[i].low is not None else (an.figures[i].high or 0)
        return Fatalities(low=total, best=total, high=total)
    lows = [an.figures[i].low if an.figures[i].low is not None else an.figures[i].high for i in non_cum]
    highs = [an.figures[i].high for i in non_cum]
    low = sum(v or 0 for v in lows)
    high = sum(highs) if all(h is not None for h in highs) else None  # type: ignore[misc]
    return Fatalities(low=low, best=low, high=high)


def coded_value(text: str) -> int | None:
    """The fatalities a coder's note assigns ("[coded as 12]", "(fatalities coded as 3)")."""
    m = _CODED.search(text) or _N_CODED.search(text) or _CODED_AS.search(text)
    return int(m.group(1)) if m else None
