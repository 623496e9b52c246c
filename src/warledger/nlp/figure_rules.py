"""Word-level rules of the figure pass: cue words, counted nouns, non-figures and the patterns of
revised tolls, hospital stays, coordinated and appositive victims and coder asides."""

from __future__ import annotations

import re

from warledger.nlp.lexicon import (
    CATEGORY_CUE_RES,
    MONTH_RE,
    NON_FIGURE_NOUNS,
    POPULATION_RE,
    SINGULAR_VICTIMS,
    VICTIMS,
    wordset,
)
from warledger.nlp.numbers import NumberMention

_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_BOUNDARY = {".", ";", ":", "while", "whereas", "although", "though", "—", "–", "(", ")", "?", "!"}
_STRONG_NOUN_CUES = {
    "bodies",
    "body",
    "corpses",
    "dead",
    "deaths",
    "wounded",
    "injured",
    "casualties",
    "fatalities",
    "prisoners",
    "hostages",
    "detainees",
    "refugees",
    "displaced",
    "lives",
    "injuries",
    "evacuees",
    "pows",
    "captives",
    "missing",
}
_WEAK = {"troops", "servicemen", "contingent", "sent", "toll"}
_SUBSET_BEFORE = re.compile(
    r"(?:including|includ(?:es|ed)|among\s+them|among\s+whom|of\s+whom|of\s+them|incl\.)"
    r"\s*$",
    re.I,
)
_SUBSET_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|whom)\s+(?:were|are|was|is)?\s*|(?:were|are|was|is)\s+)(?:\w+\s+)?(\w+)", re.I
)
# a revised / reported toll: "the death toll ... rose to seven", "bringing the number of dead to 12"
_TOLL_BEFORE = re.compile(
    r"\b(?:(?:death\s+)?toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|fatalities|victims|those\s+killed)"
    r"|fatalities|deaths|dead)\b(?:(?!\d)[^.;:])*?\b(?:rose|risen|rising|rises|climbed|climbing|increased|grew|jumped"
    r"|reached|hit|stands|stood|now|revised\s+(?:up|down)\w*|raised|updated|swelled|mounted|soared)"
    r"\s+(?:to\s+)?$"
    r"|\b(?:bringing|taking|pushing|raising|lifting)\s+(?:the\s+)?(?:overall\s+|total\s+)?(?:death\s+toll|toll"
    r"|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|fatalities|victims))(?:\s+\w+){0,4}?\s+to\s+$",
    re.I,
)
# still in hospital: injured, not trapped ("Fourteen people remain in hospital")
_IN_HOSPITAL_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:remain(?:ed|s)?|are|were|is|was|still|being)\s+(?:still\s+)?(?:in\s+(?:the\s+)?"
    r"(?:hospitals?|intensive\s+care|critical|serious|grave|stable)|hospitali[sz]ed|receiving\s+treatment"
    r"|being\s+treated|treated\s+in)",
    re.I,
)
_APPOS = re.compile(r"\s*,\s*(?:including|among\s+(?:them|whom)|of\s+whom)\b[^,;.()]{0,80},", re.I)
_CONJ = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?", re.I)
_CONJ_CATS = {"killed", "injured", "detained", "missing", "bodies_found"}
_THEN_KILLED = re.compile(
    r"\b(?:and|then|later|before|after)\s+(?:\w+\s+)?(?:killed|executed|shot|murdered|beheaded|slaughtered)"
    r"\s+(?:all\s+(?:of\s+)?)?them\b",
    re.I,
)
_ASIDE = re.compile(
    r"\b(?:in\s+addition\s+to|coded|separately|not\s+(?:included|counted)|reported\s+earlier)\b", re.I
)
_OF_THE = re.compile(r"^\s+of\s+(?:the|those|these)\s+(\w+)", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₴₽]|US\$|USD|EUR|GBP|Rs\.?)\s*$")
_NONFIG_AFTER = re.compile(
    r"^(?:\s*(?:%|percent\b|per\s+cent\b|dollars\b|euros\b|st\b|nd\b|rd\b|th\b)|:\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|-(?:year|month|week|day|hour|minute|kilomet|km|mile|meter|metre|storey|story|floor|point|member|mm)"
    rf"|\s+{MONTH_RE}(?!\w)|\s*(?:and|to|or|-|–|&)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}(?!\w)"
    r"|\s*(?:years?|yrs)\s+old)",
    re.I,
)
_NONFIG_BEFORE = re.compile(
    rf"(?:{MONTH_RE}\s+$|\baged\s+$|\bage\s+of\s+$|\bNo\.\s*$|\bnumber\s+$|#\s*$|\bin\s+$|\bsince\s+$|\bby\s+$"
    r"|\bRoute\s+$|\bResolution\s+$|\bArticle\s+$|\bpage\s+$|\bchapter\s+$|\bfrom\s+$|\bunit\s+$|\bbrigade\s+$)",
    re.I,
)


def _cue_category(word: str) -> str | None:
    for rx, cat in CATEGORY_CUE_RES:
        if rx.match(word):
            return cat
    return None


def _words(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in _WORD_RE.finditer(text)]


def _is_nonfigure(text: str, m: NumberMention) -> bool:
    after = text[m.end : m.end + 25]
    before = text[max(0, m.num_start - 20) : m.num_start]
    if _NONFIG_AFTER.match(after) or _CURRENCY_BEFORE.search(before):
        return True
    if _NONFIG_BEFORE.search(before) and m.qualifier in {"exact", "range"}:
        # "in 2014", "since 2014", "aged 64", "March 16" -- but "in 12 villages" is caught by nouns
        num = text[m.num_start : m.end]
        if re.search(r"(?:in|since|by|from)\s+$", before, re.I):
            return bool(re.fullmatch(r"(?:1[89]|20)\d\d", num.strip()))
        return True
    if re.search(r"\d[\d\s-]{6,}\d", text[max(0, m.num_start - 6) : m.end + 6]) and not re.search(
        r"\d{1,3}(?:[ ,]\d{3})+", text[m.num_start : m.end]
    ):
        return True  # phone numbers and other long digit strings
    if re.search(r"[/.]\d", text[m.end : m.end + 2]) or re.search(r"\d[/.]$", before):
        return True  # 10/03/2022, 3.5.1, coordinates
    if POPULATION_RE.search(text[max(0, m.start - 40) : m.start]):
        return True
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", text[m.num_start : m.end].strip()) and m.low == m.high)


_FUNCTION_AFTER = wordset(
    "were was are is have had has of and or in on at by from to more others other later also still who that "
    "which people died as among including between reportedly allegedly remain remained so for with"
)


def _counts_other_things(words: list[tuple[int, int, str]], idx: int) -> bool:
    """True when the number counts an unknown plural noun ("two IFVs", "five houses"), not people."""
    for k in range(idx, min(idx + 3, len(words))):
        w = words[k][2]
        lw = w.lower()
        if not w.isalpha() or lw in _FUNCTION_AFTER or _cue_category(lw) or lw in VICTIMS:
            return False
        if w[:1].isupper() and re.search(r"(?:ans|ese|is|ers|ians)$", w) and not w.isupper():
            return False  # "Ukrainians", "Sudanese", "Israelis", "Islamists"
        if (lw.endswith("s") and len(lw) > 3) or w.isupper():
            return True
    return False


def _counted_noun(words: list[tuple[int, int, str]], idx: int, one: bool = False) -> tuple[str | None, int]:
    """The noun counted by the number ending before word ``idx``: ("civilians", its index)."""
    j = idx
    if j < len(words) and words[j][2].lower() == "of":  # "dozens of", "one of the"
        j += 1
        if j < len(words) and words[j][2].lower() in {"the", "them", "those", "these", "whom"}:
            if words[j][2].lower() in {"them", "whom"}:
                return None, idx
            j += 1
    for k in range(j, min(j + 4, len(words))):
        w = words[k][2].lower()
        nxt = words[k + 1][2].lower() if k + 1 < len(words) else ""
        if w in _STRONG_NOUN_CUES and (nxt in VICTIMS or nxt in SINGULAR_VICTIMS):
            continue  # "two wounded soldiers": an adjective
        if w in VICTIMS or w in NON_FIGURE_NOUNS or w in _STRONG_NOUN_CUES or w in SINGULAR_VICTIMS:
            return w, k
        if (
            w + "s" in VICTIMS
            and VICTIMS[w + "s"]
            and not (nxt.isalpha() and nxt.endswith("s") and len(nxt) > 3)
        ):
            return w + "s", k  # singular of a known plural: "one rebel"
        if nxt in {"was", "were"} and k > j and w.isalpha() and w not in NON_FIGURE_NOUNS:
            return w, k  # "one LPR rebel was killed"
        if (
            one
            and k == j
            and w.isalpha()
            and words[k][2].islower()
            and not w.endswith("s")
            and w not in _FUNCTION_AFTER
            and not _cue_category(w)
        ):
            return w, k  # an unknown singular noun: "kills one militiaman"
        if w in _BOUNDARY or w in {
            ",",
            "were",
            "was",
            "are",
            "is",
            "have",
            "has",
            "had",
            "who",
            "that",
            "and",
            "in",
            "on",
            "at",
            "from",
            "to",
            "by",
            "remain",
            "remained",
            "died",
            "of",
            "with",
            "for",
        }:
            return None, idx
        if _cue_category(w) and k > j:
            return None, idx
        if k == j and w.isalpha() and nxt in {"was", "were", "died", "had", "have", "has"}:
            return w, k  # "one pilot died", "three medics were ..."
    return None, idx
