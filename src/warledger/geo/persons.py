"""Person names that contain place names ("Kara Anna", "Lisa Chad said", "Jordan Peterson, who…").

A short run of capitalised words (two or three, on one line) that is not itself a gazetteer name
and sits where a person's name stands is a person, and the place names inside it are not places:

* before it: "By" (a byline), "said"/"told", a title or role word ("Minister", "writers");
* after it: a speech or reporting verb ("said", "told", "contributed", "reported"), "who", or an
  apposition (", a nurse", ", the mayor of …", ", 45,");
* joined by "and" to such a run ("By Kara Anna and Valentina Klimenko").

Only the shape and these generic cues are used — no list of names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from warledger.geo.lexicon import (
    CONNECTORS,
    DIRECTION_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    MONTHS_DAYS,
    REGION_ADJECTIVES,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    WATER_WORDS,
)
from warledger.geo.normalize import ADMIN_SUFFIXES, fold

_W = r"[\w'’]*+(?:-[A-Z][\w'’]*+)*+"
# two or more capitalised words on one line (the capital first, then the look-behind: fast to scan;
# possessive quantifiers: no space can follow a word's end but its end, so backing off never helps)
_RUN = re.compile(r"[A-Z](?<![\w'’.-][A-Z])" + _W + r"(?:[ \t]+[A-Z]" + _W + ")+")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]*$")
_BY_BEFORE = re.compile(r"(?:^|\n)[ \t]*$|\b(?:photos?|written|reported|posted|edited)[ \t]+$", re.I)
REPORT_VERBS = frozenset(
    SPEECH_VERBS
    | {"contributed", "reported", "reports", "tells", "writes", "adds", "spoke", "speaks", "who", "whose"}
)
_BEFORE = frozenset({"said", "says", "told"}) | TITLE_WORDS | ROLE_WORDS
_AFTER = re.compile(
    r"[ \t]*,[ \t]*(?:who\b|whose\b|\d{1,3}(?=[ \t]*[,;)]|[ \t]+of\b))|[ \t]+(?:"
    + "|".join(sorted(REPORT_VERBS))
    + r")\b"
)
_LEADING = TITLE_WORDS | ROLE_WORDS
_WORD = re.compile(r"\S+")
PARTY_WORDS = frozenset(
    [
        "conservative",
        "conservatives",
        "democrat",
        "democrats",
        "democratic",
        "labour",
        "liberal",
        "republican",
        "republicans",
    ]
)
# organisation words: a run holding one is a body, not a person ("Downtown Cleveland Alliance says")
ORG_WORDS = frozenset(
    [
        "alliance",
        "association",
        "coalition",
        "company",
        "corp",
        "corporation",
        "foundation",
        "fund",
        "group",
        "inc",
        "league",
        "ltd",
        "network",
        "organisation",
        "organization",
        "party",
        "partnership",
        "society",
        "trust",
        "united",
    ]
)
_POSSESSIVE = re.compile(r"['’]s?$")
_AND = re.compile(r"[ \t]*,?[ \t]+and[ \t]+$")
_STOP = (
    TITLE_WORDS
    | INSTITUTION_WORDS
    | DIRECTION_WORDS
    | CONNECTORS
    | FUNCTION_WORDS
    | MONTHS_DAYS
    | REGION_ADJECTIVES
    | WATER_WORDS
    | frozenset(FEATURE_WORDS)
    | frozenset(ADMIN_SUFFIXES)
    | PARTY_WORDS
    | ORG_WORDS
)


def person_spans(
    text: str,
    is_place_name: Callable[[str], bool],
    demonyms: dict[str, str],
    places: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Character spans of the person names in ``text`` that the cues above mark (see module doc).

    ``is_place_name`` tells whether a folded run is a gazetteer name as a whole ("New York",
    "Saudi Arabia"): such runs are never taken for persons.  With ``places`` (sorted spans of the
    place names found), only the runs holding one of them — and their neighbours in a list of
    names — are looked at.
    """
    found = list(_RUN.finditer(text))
    if places is not None:
        near: set[int] = set()
        y = 0
        for x, m in enumerate(found):  # both lists are sorted: one merge pass
            while y < len(places) and places[y][0] < m.start():
                y += 1
            if y < len(places) and places[y][0] < m.end():
                near.update((x - 1, x, x + 1))
        found = [m for x, m in enumerate(found) if x in near]
    runs: list[tuple[int, int, bool]] = []  # (start, end, marked by its own cues)
    for m in found:
        words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(m.group())]
        titled = False
        if words and words[0][2] == "By" and _BY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            words, titled = words[1:], True  # a byline: "By Kara Anna"
        while words and words[0][2].lower().rstrip(".") in _LEADING:
            words, titled = words[1:], True  # "President Volodymyr Zelenskyy", "writers Yuras Karmanau"
        if not 2 <= len(words) <= 3:
            continue
        names = [_POSSESSIVE.sub("", w) for _s, _e, w in words]
        parts = [p.lower() for w in names for p in w.split("-")]
        if any(p in _STOP or len(p) < 2 for p in parts) or any(fold(w) in demonyms for w in names):
            continue
        caps = [len(w) > 1 and w.isupper() for w in names]
        if (any(caps) and not all(caps)) or any(c and len(w) <= 3 for c, w in zip(caps, names, strict=True)):
            continue  # acronyms: "UN", "HSBC Malta" (a byline in capitals, "KARA ANNA", is a name)
        if _POSSESSIVE.search(words[-1][2]):
            continue  # "Trend Iran's …": an owner, not a name in a speaker's place
        start, end = m.start() + words[0][0], m.start() + words[-1][1]
        if is_place_name(fold(text[start:end])):
            continue
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        by = bool(
            before
            and before.group(1) == "by"
            and _BY_BEFORE.search(text, max(0, before.start() - 12), before.start())
        )
        cued = (
            titled
            or by
            or bool(before and before.group(1).lower() in _BEFORE)
            or bool(_AFTER.match(text, end))
        )
        runs.append((start, end, cued))
    if not runs:
        return []
    marked = [r[2] for r in runs]
    for _ in range(2):  # "X Y and Z W": a list of names shares the cue of either end
        for x in range(1, len(runs)):
            if marked[x] != marked[x - 1] and _AND.match(text[runs[x - 1][1] : runs[x][0]]):
                marked[x] = marked[x - 1] = True
    return [(s, e) for (s, e, _c), ok in zip(runs, marked, strict=True) if ok]
