"""Figures: which quantities in a sentence count people, in which category, of which victims.

The category comes from the governing cue of the number: an active verb before it ("killed five",
"burned 50 people", "withdrew 24,000 troops"), a passive or predicate after it ("five were killed",
"160,000 people remain trapped"), a nominal head ("the death toll rose to 40", "the bodies of 410
civilians", "60 bodies", "left 8 wounded"), or -- when the dependency parse is available -- the
head verb of the counted noun.  A cue directly followed by another number belongs to that number.
Subsets ("... 210 were children", "including two children") inherit the category of the figure
they belong to (``parent``).  Non-figures are rejected: ages, years, dates, times, money,
percentages, populations, distances, equipment, members, durations, ordinals, phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warledger.nlp.figure_rules import (
    _APPOS,
    _ASIDE,
    _BOUNDARY,
    _CONJ,
    _CONJ_CATS,
    _IN_HOSPITAL_AFTER,
    _OF_THE,
    _STRONG_NOUN_CUES,
    _SUBSET_AFTER,
    _SUBSET_BEFORE,
    _THEN_KILLED,
    _TOLL_BEFORE,
    _WEAK,
    _counted_noun,
    _counts_other_things,
    _cue_category,
    _is_nonfigure,
    _words,
)
from warledger.nlp.lexicon import (
    CUMULATIVE_RE,
    NON_FIGURE_NOUNS,
    SINGULAR_VICTIMS,
    VICTIMS,
)
from warledger.nlp.numbers import NumberMention


@dataclass
class FigureCandidate:
    """A figure found in one sentence (offsets are document offsets)."""

    category: str
    low: int | None
    high: int | None
    qualifier: str
    victims: str | None
    cumulative: bool
    start: int  # the number phrase
    end: int
    sent_start: int
    sent_end: int
    confidence: float
    parent: int | None = None  # index into the list being built (document order)
    cue: str | None = None
    noun: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class ParseToken:
    """A parsed token as plain data (document offsets)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index of the head token in the same list


def figures_in_sentence(
    text: str,
    sent_start: int,
    sent_end: int,
    mentions: list[NumberMention],
    previous: list[FigureCandidate],
    parse: list[ParseToken] | None = None,
    unresolved: list[NumberMention] | None = None,
) -> list[FigureCandidate]:
    """Figures of one sentence; ``previous`` are the document's figures so far (for subsets).

    Without a ``parse``, numbers that count people but have no cue in their window are appended to
    ``unresolved``: the engine parses those sentences and asks again with the dependency parse.
    """
    sent = text[sent_start:sent_end]
    words = _words(sent, sent_start)
    num_spans = [(m.start, m.end) for m in mentions]
    out: list[FigureCandidate] = []
    cumulative = bool(CUMULATIVE_RE.search(sent))

    def word_index(pos: int) -> int:
        for i, (s, _e, _w) in enumerate(words):
            if s >= pos:
                return i
        return len(words)

    def belongs_to_next_number(k: int) -> bool:
        # a cue word directly followed (within 2 words) by a number belongs to that number
        end = words[k][1]
        for s, _e in num_spans:
            if s >= end:
                gap = text[end:s].lower().split()
                return all(g in {"of", "the", "a", "total", "another", "some", "nearly"} for g in gap)
        return False

    for mi, m in enumerate(mentions):
        if _is_nonfigure(text, m):
            continue
        after_i = word_index(m.end)
        before_i = word_index(m.start)
        if m.noun_pos is not None:
            noun_i = word_index(m.noun_pos)
            noun = words[noun_i][2].lower() if noun_i < len(words) else None
        else:
            noun, noun_i = _counted_noun(words, after_i, one=m.value == 1)
        if text.rfind("[", sent_start, m.start) > text.rfind("]", sent_start, m.start):
            continue  # editorial / coder brackets: "[3 fatalities split among 2 events]"
        if re.search(
            r"\bcoded\s+as\s+(?:an?\s+)?(?:additional\s+|further\s+)?$",
            text[max(sent_start, m.start - 30) : m.start],
            re.I,
        ):
            continue  # a coder's note ("Unspecified fatalities coded as 10"), applied by the incident
        po = text.rfind("(", sent_start, m.start)
        if po > text.rfind(")", sent_start, m.start):
            pc = text.find(")", m.end, sent_end)
            if pc > 0 and _ASIDE.search(text, po, pc):
                continue  # "(in addition to the civilian killed ..., coded separately)": counted elsewhere
        if noun in NON_FIGURE_NOUNS and noun not in VICTIMS:
            continue
        if noun is None and m.noun_pos is None and _counts_other_things(words, after_i):
            continue
        if m.noun_pos is not None and noun in NON_FIGURE_NOUNS:
            continue
        if (
            m.is_word
            and m.value == 1
            and noun is None
            and not re.match(r"\s+(?:was|died|is|has\s+been|had\s+been)\b", text[m.end : m.end + 16])
        ):
            continue  # "one" / "a" alone: "one of the ...", "including one that"
        prev_end = mentions[mi - 1].end if mi else sent_start
        next_start = mentions[mi + 1].start if mi + 1 < len(mentions) else sent_end
        # subset of an earlier figure?
        parent_idx: int | None = None
        sub_victim: str | None = None
        pool = [*previous, *out]
        before_txt = text[max(sent_start, m.start - 30) : m.start]
        after_txt = text[m.end : min(sent_end, m.end + 40)]
        sm = _SUBSET_AFTER.match(after_txt) if noun is None else None
        sw = sm.group(1).lower() if sm else ""
        if sm and VICTIMS.get(sw) and sw not in _STRONG_NOUN_CUES and not _cue_category(sw):
            sub_victim = VICTIMS[sm.group(1).lower()]
        elif _SUBSET_BEFORE.search(before_txt) and VICTIMS.get(noun or "") and noun not in _STRONG_NOUN_CUES:
            sub_victim = VICTIMS[noun]
        if sub_victim:
            for pi in range(len(pool) - 1, -1, -1):
                cand = pool[pi]
                if (
                    cand.category
                    in {
                        "killed",
                        "injured",
                        "missing",
                        "detained",
                        "bodies_found",
                        "displaced",
                        "evacuated",
                        "trapped",
                    }
                    and cand.sent_start >= sent_start - 400
                ):
                    parent_idx = pi
                    break
        if sub_victim and parent_idx is None and not previous:
            # the parent is in an earlier sentence: the engine links it ("subset" is resolved there)
            out.append(
                FigureCandidate(
                    "subset",
                    m.low,
                    m.high,
                    m.qualifier,
                    sub_victim,
                    cumulative,
                    m.start,
                    m.end,
                    sent_start,
                    sent_end,
                    0.6,
                    noun=noun,
                )
            )
            continue
        if parent_idx is not None:
            par = pool[parent_idx]
            out.append(
                FigureCandidate(
                    par.category,
                    m.low,
                    m.high,
                    m.qualifier,
                    sub_victim,
                    par.cumulative,
                    m.start,
                    m.end,
                    sent_start,
                    sent_end,
                    0.7,
                    parent=parent_idx,
                    cue=par.cue,
                    noun=noun,
                )
            )
            continue
        conj_prev = _conj_sibling(text, out, m, noun)
        if conj_prev is not None and (conj_prev.parent is not None or conj_prev.category == "subset"):
            prev = conj_prev
            # "including three children and four soldiers": a subset of the same figure
            out.append(
                FigureCandidate(
                    prev.category,
                    m.low,
                    m.high,
                    m.qualifier,
                    VICTIMS.get(noun or "") or prev.victims,
                    prev.cumulative,
                    m.start,
                    m.end,
                    sent_start,
                    sent_end,
                    0.6,
                    parent=prev.parent,
                    cue=prev.cue,
                    noun=noun,
                    extra=dict(prev.extra),
                )
            )
            continue
        # category from cues
        best: tuple[int, str, str] | None = None  # distance, category, cue
        toll = _TOLL_BEFORE.search(text, max(sent_start, m.start - 160), m.start)
        if toll and (noun is None or noun in VICTIMS or noun in SINGULAR_VICTIMS):
            best = (0, "killed", "toll")
        elif _IN_HOSPITAL_AFTER.match(text, m.end, min(sent_end, m.end + 60)):
            best = (0, "injured", "hospital")
        if best is None and noun in _STRONG_NOUN_CUES:
            cat = _cue_category(noun)
            if cat:
                best = (0, cat, noun)
        if best is None:
            # after: from the counted noun to the clause end / next number
            k0 = noun_i + 1 if noun else after_i
            limit = next_start
            noun_end = words[noun_i][1] if noun and noun_i < len(words) else m.end
            if mi + 1 < len(mentions) and _CONJ.fullmatch(text, noun_end, next_start):
                # "the driver and the wounded soldier died": one predicate for both
                limit = mentions[mi + 2].start if mi + 2 < len(mentions) else sent_end
                nxt_m = mentions[mi + 1]
                k0 = word_index(nxt_m.noun_pos if nxt_m.noun_pos is not None else nxt_m.end) + 1
            appos = _APPOS.match(text, noun_end, sent_end)
            if appos:  # "29, including three children and one student, were killed": skip the aside
                k0 = word_index(appos.end())
                limit = next((x.start for x in mentions if x.start >= appos.end()), sent_end)
            for k in range(k0, min(k0 + 12, len(words))):
                s, _e, w = words[k]
                if s >= limit or w.lower() in _BOUNDARY:
                    break
                cat = _cue_category(w) or _cue_category(f"{w} {words[k + 1][2]}" if k + 1 < len(words) else w)
                if cat and not belongs_to_next_number(k):
                    if cat == "troops" and w.lower() in _WEAK:
                        continue
                    best = (1 if appos else k - k0 + 1, cat, w)
                    break
            # before: back to the previous number / clause start
            for k in range(before_i - 1, max(-1, before_i - 7), -1):
                s, e, w = words[k]
                if e <= prev_end or w in {",", ".", ";", ":"}:
                    break
                cat = _cue_category(w) or (_cue_category(f"{words[k - 1][2]} {w}") if k > 0 else None)
                if w.lower() == "shot" and k == before_i - 1:
                    cat = "killed"  # "shot two civilians" (ACLED: shot with no outcome = killed)
                if cat and (best is None or before_i - k < best[0]):
                    best = (before_i - k, cat, w)
                    break
        if best is None and noun is not None:  # "14 wounded men", "two dead soldiers"
            adj = next((w for _s, _e, w in words[after_i:noun_i] if w.lower() in _STRONG_NOUN_CUES), None)
            cat_adj = _cue_category(adj) if adj else None
            if adj and cat_adj:
                best = (3, cat_adj, adj)
        if best is None and conj_prev is not None:
            best = (
                6,
                conj_prev.category,
                conj_prev.cue or conj_prev.category,
            )  # "the mayor and two volunteers"
        if best is None and parse:
            best = _parse_cue(parse, m)
        if best is None and parse is None and unresolved is not None and (noun in VICTIMS or noun is None):
            unresolved.append(m)
        if (
            best is None
            and noun in {"troops", "servicemen", "soldiers"}
            and re.search(
                r"\b(?:withdr|deploy|mass|amass|station|sen[dt]|redeploy|pull|move|mobili|reinforce)",
                sent,
                re.I,
            )
        ):
            best = (5, "troops", noun)
        if best is None:
            continue
        _, cat, cue = best
        if cat == "detained" and _THEN_KILLED.search(text, m.end, sent_end):
            cat = "killed"  # "rounded up six men and executed them"
        if (cue or "").lower() == "shot" and re.search(r"wound|injur|hospital|survived", sent, re.I):
            cat = "injured"  # "shot" with a wound mentioned: not a death
        ofm = _OF_THE.match(text[m.end : m.end + 30])
        if ofm and ofm.group(1).lower() in _STRONG_NOUN_CUES and _cue_category(ofm.group(1)) == cat:
            par = next((pi for pi in range(len(pool) - 1, -1, -1) if pool[pi].category == cat), None)
            if par is not None:
                out.append(
                    FigureCandidate(
                        cat,
                        m.low,
                        m.high,
                        m.qualifier,
                        pool[par].victims,
                        pool[par].cumulative,
                        m.start,
                        m.end,
                        sent_start,
                        sent_end,
                        0.6,
                        parent=par,
                        cue=cue,
                        noun=noun,
                    )
                )
                continue
            if not previous:  # "Eight of the wounded ...": the parent is in an earlier sentence
                out.append(
                    FigureCandidate(
                        "subset",
                        m.low,
                        m.high,
                        m.qualifier,
                        None,
                        cumulative,
                        m.start,
                        m.end,
                        sent_start,
                        sent_end,
                        0.6,
                        cue=cue,
                        noun=noun,
                        extra={"category": cat},
                    )
                )
                continue
        if cat == "troops" and noun not in {
            "troops",
            "soldiers",
            "servicemen",
            None,
            "fighters",
            "marines",
            "paratroopers",
            "mercenaries",
            "personnel",
        }:
            continue
        victims = (VICTIMS.get(noun) or VICTIMS.get(noun + "s") or "people") if noun else None
        if noun in {"others", "more"}:
            victims = None
        if noun == "others" or (victims is None and noun in {"others", "more"}):
            same = [c for c in out if c.victims]
            victims = same[-1].victims if same else None
        if cat == "troops":
            victims = "troops"
        conf = 0.55 + (0.2 if noun in VICTIMS else 0.0) + (0.15 if best[0] <= 2 else 0.0)
        conf -= 0.2 if m.qualifier == "vague" else 0.0
        out.append(
            FigureCandidate(
                cat,
                m.low,
                m.high,
                m.qualifier,
                victims or ("people" if noun else None),
                cumulative or (cat == "troops" and False),
                m.start,
                m.end,
                sent_start,
                sent_end,
                round(min(0.95, max(0.05, conf)), 2),
                cue=cue,
                noun=noun,
            )
        )
    return out


def _conj_sibling(
    text: str, out: list[FigureCandidate], m: NumberMention, noun: str | None
) -> FigureCandidate | None:
    """The figure this number is coordinated with ("the mayor and two volunteers"), if any."""
    if not out or _CONJ.fullmatch(text, out[-1].end, m.start) is not None:
        return None
    prev = out[-1]
    gap = text[prev.end : m.start]
    if (
        prev.end <= m.start
        and prev.category in _CONJ_CATS | {"subset"}
        and re.fullmatch(r"[\s\w'’-]{0,60}?\s(?:and|as\s+well\s+as)\s+", gap)
        and not re.search(r"\b(?:who|which|that|were|was|had|have|has|is|are)\b", gap)
        and not (noun is None and prev.noun is None)
    ):
        return prev
    return None


def _parse_cue(parse: list[ParseToken], m: NumberMention) -> tuple[int, str, str] | None:
    """The governing verb/noun of the number in the dependency parse (up to three heads up)."""
    idx = next((i for i, t in enumerate(parse) if t.start >= m.num_start), None)
    if idx is None:
        return None
    seen = 0
    i = idx
    while seen < 3:
        h = parse[i].head
        if h == i:
            break
        i = h
        seen += 1
        cat = _cue_category(parse[i].text) or _cue_category(parse[i].lemma)
        if cat and cat != "troops":
            return (seen + 3, cat, parse[i].text)
    return None
