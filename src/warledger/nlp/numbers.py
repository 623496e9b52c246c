"""Finding quantities in raw text: digits, number words, vague quantities, ranges and qualifiers.

Pure functions on strings (no spaCy) so that the cheap pass can run them on every sentence.

Conventions (ACLED's conservative coding):
- "a dozen" = 12 (exact), "dozens" / "scores" = 12, "hundreds" = 100, "thousands" = 1000,
  "tens of thousands" = 10000, "several" / "a few" = 3 -- all with qualifier ``vague`` (except
  "a dozen"), ``low`` = the conservative value, ``high`` = None.
- qualifiers: "at least", "no fewer than", "... or more" → ``at_least``; "more than", "over",
  "in excess of", "upwards of" → ``more_than``; "about", "around", "nearly", "almost", "some",
  "roughly", "approximately", "an estimated" → ``about``; "up to", "as many as", "fewer than",
  "less than", "at most" → ``up_to``; "between A and B", "A to B", "A-B", "A or B" → ``range``.
- ``low``/``high``: exact → low = high = n; at_least / more_than → low = n, high = None;
  up_to → low = None, high = n; about → low = high = n; range → low = A, high = B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from warledger.nlp.lexicon import wordset

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMWORD = "|".join(sorted(UNITS + TENS + list(SCALES), key=len, reverse=True))
_WORDNUM_RE = rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:and[\s-]+)?(?:{_NUMWORD}))*)"
_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\u00a0\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SCALE_SUFFIX = r"(?:\s+(?:million|thousand|hundred)|\s?(?:k|m)\b)?"

VAGUE = {
    "dozens": 12,
    "scores": 12,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
    "several": 3,
    "a few": 3,
    "a number of": 3,
    "a handful": 3,
    "several dozen": 24,
    "a few dozen": 24,
    "several hundred": 200,
    "a few hundred": 200,
    "several thousand": 2000,
    "a few thousand": 2000,
}
_VAGUE_RE = "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True))

_PRE_QUAL = [
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of", "at_least"),
    (r"more\s+than|over|in\s+excess\s+of|upwards\s+of|above|exceeding", "more_than"),
    (r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most|under|almost|nearly", "up_to"),
    (
        r"about|around|approximately|roughly|some|an\s+estimated|estimated|an\s+approximate|close\s+to"
        r"|circa|c\.|approx\.",
        "about",
    ),
]
_PRE_QUAL_RE = re.compile(
    r"(?P<q>" + "|".join(f"(?:{p})" for p, _ in _PRE_QUAL) + r")\s+(?:an\s+estimated\s+)?$", re.I
)

_NUM_RE = re.compile(
    rf"(?<![\w.$€£])(?<![A-Za-z]-)(?:(?P<a_dozen>a\s+dozen|half\s+a\s+dozen)|(?P<vague>{_VAGUE_RE})(?=\s+(?:of\s+)?[a-z])"
    rf"|(?P<digits>(?:{_DIGITS_RE}){_SCALE_SUFFIX})|(?P<words>{_WORDNUM_RE}))(?![\w])",
    re.I,
)
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|or|and)\s*$", re.I)


@dataclass
class NumberMention:
    """A quantity found in text: ``text[start:end]`` is the whole phrase incl. the qualifier."""

    start: int
    end: int
    num_start: int  # where the number itself starts (after the qualifier)
    low: int | None
    high: int | None
    value: int
    qualifier: str
    is_word: bool = False
    noun_pos: int | None = None  # for singular mentions: where the counted noun starts


def parse_number(s: str) -> int | None:
    """Parse one number phrase ("5,000", "24 000", "twenty-four thousand", "1.5 million")."""
    s = s.strip().lower().replace("\u00a0", " ")
    if not s:
        return None
    m = re.fullmatch(r"([\d.,\s]+?)\s*(million|thousand|hundred|k|m)?", s)
    if m:
        raw = m.group(1).replace(",", "").replace(" ", "")
        mult = {"million": 1_000_000, "m": 1_000_000, "thousand": 1000, "k": 1000, "hundred": 100}.get(
            m.group(2) or "", 1
        )
        try:
            return round(float(raw) * mult)
        except ValueError:
            return None
    words = re.sub(r"\band\b", " ", s.replace("-", " "))
    words = " ".join(words.split())
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


def _pre_qualifier(text: str, start: int) -> tuple[int, str | None]:
    window = text[max(0, start - 30) : start]
    m = _PRE_QUAL_RE.search(window)
    if not m:
        return start, None
    q = m.group("q").lower()
    for pat, name in _PRE_QUAL:
        if re.fullmatch(pat, q, re.I):
            if name == "up_to" and q in {"almost", "nearly"}:
                return start - len(window) + m.start(), "about"
            return start - len(window) + m.start(), name
    return start, None


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity in ``text`` with its qualifier, joining ranges ("between 30 and 40")."""
    raw: list[tuple[int, int, int, bool, bool]] = []  # start, end, value, is_vague, is_word
    for m in _NUM_RE.finditer(text):
        s = m.group(0)
        if m.group("a_dozen"):
            raw.append((m.start(), m.end(), 6 if s.lower().startswith("half") else 12, False, True))
        elif m.group("vague"):
            raw.append((m.start(), m.end(), VAGUE[" ".join(s.lower().split())], True, True))
        else:
            v = parse_number(s)
            if v is None:
                continue
            if m.group("words") and s.lower() in {"hundred", "thousand", "million"}:
                continue
            raw.append((m.start(), m.end(), v, False, bool(m.group("words"))))
    out: list[NumberMention] = []
    i = 0
    while i < len(raw):
        s, e, v, vague, isw = raw[i]
        # ranges: A-B, A to B, A or B, between A and B
        if i + 1 < len(raw) and not vague and not raw[i + 1][3]:
            s2, e2, v2, _, _ = raw[i + 1]
            sep = text[e:s2]
            between = re.search(r"between\s+$", text[max(0, s - 10) : s], re.I)
            sep_ok = _RANGE_SEP.match(sep) and (sep.strip().lower() != "and" or between)
            if sep_ok and v2 > v and not (sep.strip() == "-" and v >= 1900 and v2 < 100):
                qs = s - len(between.group(0)) if between else s
                out.append(NumberMention(qs, e2, s, v, v2, v, "range", isw))
                i += 2
                continue
        qs, q = _pre_qualifier(text, s)
        post = re.match(r"\s+(?:or\s+more|or\s+more\s+than\s+that|plus|\+)\b", text[e : e + 20], re.I)
        end = e
        if post:
            q = "at_least"
            end = e + post.end()
        elif text[e : e + 1] == "+":
            q, end = "at_least", e + 1
        if vague:
            q = "vague"
        q = q or "exact"
        low: int | None
        high: int | None
        if q in {"exact", "about"}:
            low, high = v, v
        elif q in {"at_least", "more_than", "vague"}:
            low, high = v, None
        else:
            low, high = None, v
        out.append(NumberMention(qs if q not in {"exact", "vague"} else s, end, s, low, high, v, q, isw))
        i += 1
    return out


_SINGULAR_RE: re.Pattern[str] | None = None
_PERSONS: set[str] = set()  # filled on first use from the lexicon (singular person nouns)
_NOT_PERSON = wordset(
    "number few dozen hundred rest majority bulk total remaining entire whole same other engine idea plan"
)
_KIN = "son|daughter|wife|husband|brother|sister|father|mother|grandson|granddaughter|nephew|niece|baby"
_COLLECTIVE = wordset(
    "regiment brigade battalion unit column group company platoon squad crew convoy family garrison division "
    "army force team detachment contingent population city town village"
)
_BARE_ADJ = wordset("local elderly young teenage pregnant civilian wounded female male unarmed")
_NOT_BARE = wordset(
    "a an the another of each every no any one his her their its this that whose which our my your a. per"
)


def find_singulars(text: str) -> list[NumberMention]:
    """ "a civilian", "the pilot", "another soldier", "a local priest was killed": one person (exact 1)."""
    global _SINGULAR_RE
    if _SINGULAR_RE is None:
        from warledger.nlp.lexicon import SINGULAR_VICTIMS

        nouns = "|".join(SINGULAR_VICTIMS)
        _PERSONS.update(SINGULAR_VICTIMS)
        _SINGULAR_RE = re.compile(
            rf"\b(?P<art>a|an|another|the)\s+(?:(?!(?:{nouns})\b)\w[\w-]*\s+){{0,2}}?(?P<n>{nouns})\b(?!-)"
            rf"|\b(?P<art2>a|an|another|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<n2>[a-z]{{3,}})\s+(?:was\s+(?:killed|shot"
            rf"|executed|murdered|found\s+dead|wounded|injured|abducted|detained)|died)\b"
            rf"|(?<![\w-])(?P<n3>{nouns})\s+(?:was\s+)?(?:killed|died|shot\s+dead|wounded|injured|hurt)\b"
            rf"|\b(?P<v4>killed|killing|kills|shot\s+dead|shot|executed|executing|murdered|murdering)\s+(?P<art4>a|an|the)\s+"
            rf"(?:(?:{_NUMWORD})\b)?(?P<n4>[a-z][\w-]{{2,}})\b"
            rf"|\b(?P<art5>his|her|their)\s+(?:(?:elderly|young|teenage|pregnant|\d+-year-old)\s+)?(?P<n5>{_KIN})\b(?![-'’])",
            re.I,
        )
    out = []
    for m in _SINGULAR_RE.finditer(text):
        if m.group("n3"):
            # headline style without an article: "Ukrainian soldier killed in shelling"
            before = re.findall(r"[\w'-]+|[^\w\s]", text[max(0, m.start() - 40) : m.start()])[-3:]
            words: list[str] = []
            for w in reversed(before):  # the words of the same noun phrase, nearest first
                if not re.match(r"[\w'-]", w):
                    break
                words.append(w)
            if any(w.lower() in _NOT_BARE or w[:1].isdigit() or parse_number(w) is not None for w in words):
                continue
            if words and words[0][:1].islower() and words[0].lower() not in _BARE_ADJ:
                continue
            out.append(NumberMention(m.start(), m.start(), m.start(), 1, 1, 1, "exact", True, m.start()))
            continue
        if m.group("n4"):  # "killed the school principal": one person
            n4 = m.group("n4").lower()
            if n4 in _NOT_PERSON or (m.group("v4").lower() == "shot" and n4 not in _PERSONS):
                continue
            out.append(
                NumberMention(
                    m.start("art4"), m.end("art4"), m.start("art4"), 1, 1, 1, "exact", True, m.start("n4")
                )
            )
            continue
        if m.group("n5"):  # "killed the imam and his son": one person
            out.append(
                NumberMention(m.start(), m.end("art5"), m.start(), 1, 1, 1, "exact", True, m.start("n5"))
            )
            continue
        art = "art" if m.group("art") else "art2"
        noun = "n" if m.group("n") else "n2"
        if m.group(noun).lower() in _COLLECTIVE:
            continue  # "the whole regiment was killed": not one person
        if (
            art == "art"
            and m.group("art").lower() == "the"
            and m.group(noun).lower() in {"member", "official"}
        ):
            continue
        out.append(NumberMention(m.start(), m.end(art), m.start(), 1, 1, 1, "exact", True, m.start(noun)))
    return out


_PAIR_RE = re.compile(
    r"\b(?:the|his|her|their|both|both\s+of\s+(?:the|his|her|their))\s+(?P<n>parents)\b"
    r"|\b(?:a|the)\s+(?:(?:young|elderly|married|local)\s+)?(?P<n2>couple)\b(?!\s+of)",
    re.I,
)
_SAME_PHRASE = re.compile(r"(?:\s+(?:of\s+)?(?:the|those|these|them)?)?\s*", re.I)


def find_quantities(text: str) -> list[NumberMention]:
    """Numbers plus singular person mentions, in text order, without overlaps."""
    # a number glued to a word ("64-year-old", "two-storey") is an attribute, never a count
    nums = [n for n in find_numbers(text) if not re.match(r"-[^\W\d_]", text[n.end : n.end + 2])]
    taken: set[int] = set()  # noun positions already counted
    for pm in _PAIR_RE.finditer(text):  # "the parents and one child were killed": two people
        nums.append(
            NumberMention(
                pm.start(),
                pm.start("n") if pm.group("n") else pm.start("n2"),
                pm.start(),
                2,
                2,
                2,
                "exact",
                True,
                pm.start("n") if pm.group("n") else pm.start("n2"),
            )
        )
    plain = list(nums)
    for m in find_singulars(text):
        noun_at = m.noun_pos if m.noun_pos is not None else m.end
        if any(n.start <= m.start < n.end or m.start <= n.start <= noun_at for n in plain):
            continue
        art = text[m.start : m.end].strip().lower()
        noun_word = re.match(r"[\w-]+", text[noun_at:])
        if (
            art == "the"
            and noun_word
            and noun_word.group(0).lower() in _PERSONS
            and re.search(
                rf"\b(?:a|an|the|one)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(noun_word.group(0))}\b",
                text[: m.start],
                re.I,
            )
        ):
            continue  # "... killed an Israeli man, mistaking the man for ...": the same person
        # the noun of a number just before ("One pilot died", "one of the civilians was killed")
        if any(
            n.end <= m.start and _SAME_PHRASE.fullmatch(text, n.end, m.start)
            for n in plain
            if n.qualifier != "vague"
        ):
            continue
        if noun_at in taken or any(o.start == m.start for o in nums if o.noun_pos is not None):
            continue  # "shot and killed an Israeli man": one person, found by two patterns
        taken.add(noun_at)
        nums.append(m)
    nums.sort(key=lambda n: n.start)
    return nums
