"""Speakers: who said each figure and claim.

Patterns (on one sentence): "X said/says/told/reported ...", "..., X said.", "... , said X.",
"according to X", quotes attributed after the quote, pronouns ("he said" → the last named
speaker, resolved by the engine), anonymous sources ("speaking on condition of anonymity"),
institutions ("police", "the health ministry", "OCHA").  The speaker phrase is split into
``name`` (a person's name), ``role`` ("Donetsk District Governor", "spokesman") and
``organization`` ("General Staff of the Armed Forces of Ukraine", "United States").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warledger.nlp.lexicon import ANON_RE, INSTITUTIONS, PRONOUNS, ROLE_WORDS

_VERBS = (
    r"said|says|say|told|tells|stated|states|announced|announces|added|adds|reported|reports|claimed"
    r"|claims|insisted|insists|confirmed|confirms|wrote|writes|noted|alleged|denied"
    r"|denies|warned|warns|explained|tweeted|posted|acknowledged|admitted|accused|accuses|saw|see|sees"
    r"|counted|recorded|documented|described|quoted"
)
_AUX = (
    r"(?:(?:has|have|had|also|previously|later|earlier|had\s+earlier|separately|further|then|would|will)\s+)*"
)
_SAY_AFTER = re.compile(rf"(?P<np>[^,.;:“”\"()]{{2,140}}?)\s+{_AUX}(?P<verb>{_VERBS})\b")
_SAY_INVERTED = re.compile(r"(?:[,”\"]\s*)(?P<verb>said|says|told|added|wrote)\s+(?P<np>[^,.;:“”\"]{2,120})")
_VERB_ONLY = re.compile(rf"\b(?P<verb>{_VERBS})\b")
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|previously|later|earlier|separately|further|then|would|will))*\s*$"
)
_PUNCT = re.compile(r"[,.;:“”\"()]")
_SAY_APPOSITIVE = re.compile(
    rf"(?P<np>[^,.;:“”\"()]{{2,100}}?),\s+(?:who\s+\w+|speaking|spoke|a|an|the|himself|herself)\b[^,.;“”\"]{{0,120}},"
    rf"\s+{_AUX}(?P<verb>{_VERBS})\b"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<np>[^,.;:“”\"()]{2,120})", re.I)
_LEAD_STRIP = re.compile(
    r"^(?:and|but|while|as|that|then|so|meanwhile|however|in|on|at|since|after|before"
    r"|also|which|who|when|where|where|because|if|although|though|now)\s+",
    re.I,
)
_CLAUSE_WORDS = re.compile(r"\b(?:that|which|who|where|when|after|before|because|while|as|if|since)\b", re.I)
_NAME_STOP = {"the", "a", "an", "of", "for", "and", "in", "at", "on", "to", "from", "with", "by", "de", "al"}
_ORG_HINT = {
    "forces",
    "staff",
    "ministry",
    "army",
    "police",
    "council",
    "office",
    "committee",
    "commission",
    "service",
    "agency",
    "department",
    "administration",
    "government",
    "command",
    "authority",
    "authorities",
    "nations",
    "states",
    "kingdom",
    "union",
    "cross",
    "crescent",
    "observatory",
    "organization",
    "organisation",
    "mission",
    "brigade",
    "regiment",
    "battalion",
    "guard",
    "militia",
    "party",
    "front",
    "movement",
    "group",
    "republic",
    "kremlin",
    "pentagon",
    "nato",
    "un",
    "ocha",
    "unicef",
    "who",
    "icrc",
    "oblast",
    "region",
    "district",
    "province",
    "state",
    "city",
    "health",
    "defense",
    "defence",
    "interior",
    "affairs",
}
_NOT_SPEAKER = re.compile(
    r"^(?:it|this|that|there|which|what|who|one|some|many|others?|reports?|the\s+report"
    r"|the\s+statement|media|images|videos?|photos?)$",
    re.I,
)


@dataclass
class Attribution:
    """A speaker phrase in a sentence (document offsets)."""

    start: int
    end: int
    text: str
    name: str | None
    role: str | None
    organization: str | None
    anonymous: bool
    pronoun: bool
    verb: str
    verb_pos: int  # document offset of the speech verb


def _clean_np(np: str) -> tuple[str, int]:
    """Strip leading clause words; return the phrase and how many chars were cut from the left."""
    cut = 0
    # keep only the part after the last clause boundary word ("... after X" → X)
    parts = list(_CLAUSE_WORDS.finditer(np))
    if parts:
        last = parts[-1]
        rest = np[last.end() :]
        if rest.strip():
            cut = last.end()
            np = rest
    while True:
        m = _LEAD_STRIP.match(np.lstrip())
        if not m:
            break
        lead = len(np) - len(np.lstrip())
        cut += lead + m.end()
        np = np.lstrip()[m.end() :]
    lead = len(np) - len(np.lstrip())
    return np.strip(), cut + lead


_ORG_WORDS = {
    "office",
    "ministry",
    "council",
    "agency",
    "department",
    "service",
    "services",
    "committee",
    "commission",
    "mission",
    "organization",
    "organisation",
    "staff",
    "forces",
    "army",
    "police",
    "observatory",
    "network",
    "union",
    "cross",
    "crescent",
    "force",
    "rights",
    "doctors",
    "command",
    "administration",
    "government",
    "authorities",
    "authority",
    "kremlin",
    "pentagon",
    "military",
    "navy",
    "brigade",
    "battalion",
    "regiment",
    "militia",
    "party",
    "group",
    "movement",
    "front",
    "coalition",
    "alliance",
    "nations",
    "secretariat",
    "court",
    "parliament",
    "senate",
    "directorate",
    "unit",
    "guard",
    "hospital",
    "institute",
    "fund",
    "programme",
    "program",
    "watch",
}
_PLACEISH = {
    "ukraine",
    "russia",
    "sudan",
    "mali",
    "syria",
    "israel",
    "gaza",
    "myanmar",
    "burkina",
    "faso",
    "niger",
    "nigeria",
    "united",
    "states",
    "kingdom",
    "nations",
    "european",
    "ukrainian",
    "russian",
    "sudanese",
    "palestinian",
    "israeli",
    "syrian",
    "malian",
    "burmese",
    "american",
    "british",
    "french",
    "us",
    "uk",
    "un",
    "eu",
    "nato",
    "darfur",
    "khartoum",
    "kyiv",
    "kiev",
    "moscow",
    "donetsk",
    "luhansk",
    "kharkiv",
    "mariupol",
}


def _bare(w: str) -> str:
    return re.sub(r"(?:’s|'s|[’'])$", "", w).lower().strip(",;:")


def split_speaker(phrase: str) -> tuple[str | None, str | None, str | None]:
    """("Donetsk District Governor Pavlo Kirilenko") → (name, role, organization)."""
    words = phrase.split()
    if not words:
        return None, None, None
    lw = [_bare(w) for w in words]
    # trailing person name: up to 3 capitalised words that are not roles, organisations or places
    name_words: list[str] = []
    i = len(words) - 1
    while (
        i >= 0
        and words[i][:1].isupper()
        and lw[i] not in ROLE_WORDS
        and lw[i] not in _ORG_WORDS
        and lw[i] not in INSTITUTIONS
        and lw[i] not in _PLACEISH
        and lw[i] not in _NAME_STOP
        and len(name_words) < 3
    ):
        name_words.insert(0, words[i])
        i -= 1
    if name_words and i >= 0 and lw[i] in {"for", "of", "and", "the", "on", "de"}:
        name_words, i = (
            [],
            len(words) - 1,
        )  # "Observatory for Human Rights": part of a name of an organisation
    rest = words[: i + 1]
    rl = lw[: i + 1]
    if (
        name_words
        and rest
        and rl[-1] not in ROLE_WORDS
        and rl[-1] not in _PLACEISH
        and rl[-1] not in _ORG_WORDS
        and not words[i][:1].isupper()
        and rl[-1] not in _NAME_STOP
    ):
        # "... workers Anna" is unusual; "64-year-old Valentina Klimenko" keeps the name
        pass
    role_pos = [
        j
        for j, w in enumerate(rl)
        if w in ROLE_WORDS and not (w == "general" and j + 1 < len(rl) and rl[j + 1] == "staff")
    ]
    name = " ".join(name_words) or None
    if not role_pos:
        if not rest:
            return name, None, None
        if any(w in _ORG_WORDS or w in INSTITUTIONS or w in _PLACEISH for w in rl):
            return name, None, " ".join(rest)
        return name, " ".join(rest), None
    r = role_pos[-1]
    # role words directly before the last one belong to the role ("Deputy Prime Minister")
    r0 = r
    while r0 - 1 >= 0 and rl[r0 - 1] in ROLE_WORDS:
        r0 -= 1
    prefix, after = rest[:r0], rest[r + 1 :]
    org = None
    if after and _bare(after[0]) in {"for", "of", "at", "from", "with", "in"}:
        org_words = after[1:]
        if org_words and org_words[0].lower() == "the":
            org_words = org_words[1:]
        org = " ".join(org_words) or None
        after = []
    role_words = rest[r0 : r + 1]
    if prefix and any(_bare(w) in _ORG_WORDS or _bare(w) in INSTITUTIONS for w in prefix) and not org:
        org = " ".join(prefix)
    else:
        role_words = prefix + role_words
    role = " ".join(role_words + after) or None
    return name, role, org


def _make(text: str, s: int, e: int, verb: str, verb_pos: int, sent: str) -> Attribution | None:
    phrase = text[s:e]
    if not phrase or _NOT_SPEAKER.match(phrase) or len(phrase.split()) > 14:
        return None
    low = phrase.lower()
    pron = low in PRONOUNS
    anon = bool(ANON_RE.search(sent)) and not pron
    bare = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
    if (
        not pron
        and verb != "according"
        and not (bare[:1].isupper() or any(w in ROLE_WORDS or w in INSTITUTIONS for w in low.split()))
    ):
        return None
    if pron:
        return Attribution(s, e, phrase, None, None, None, False, True, verb, verb_pos)
    name, role, org = split_speaker(re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I))
    if anon:
        name = None
    return Attribution(s, e, phrase, name, role, org, anon, False, verb, verb_pos)


_SEGMENT = re.compile(r"[^,;:“”\"()]+")


def _is_name(segment: str) -> bool:
    """2–4 capitalised words, none a role, institution or function word: a person's name."""
    words = segment.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper()
        and _bare(w) not in ROLE_WORDS
        and _bare(w) not in INSTITUTIONS
        and _bare(w) not in _NAME_STOP
        and _bare(w) not in _ORG_WORDS
        for w in words
    )


def _has_role(segment: str) -> bool:
    return any(_bare(w) in ROLE_WORDS for w in segment.split())


def _role_name_appositive(
    text: str, sent_start: int, left: str, verb: str, verb_pos: int
) -> Attribution | None:
    """ "The mayor of Mariupol, Vadym Boichenko, said" and "Vadym Boichenko, the city's mayor,
    said": a role phrase and a name in two comma-separated segments right before the verb."""
    segs = [(m.start(), m.group()) for m in _SEGMENT.finditer(left) if m.group().strip()]
    if len(segs) < 2 or not left.rstrip().endswith(","):
        return None
    (s1, first), (s2, second) = segs[-2], segs[-1]
    # the two segments must be adjacent: only a comma between them
    if left[s1 + len(first) : s2].strip() != ",":
        return None
    role_seg, name_seg, role_first = (
        (first, second, True)
        if _is_name(second.strip()) and _has_role(first)
        else (second, first, False)
        if _is_name(first.strip()) and _has_role(second)
        else (None, None, False)
    )
    if role_seg is None or name_seg is None:
        return None
    role_np, cut = _clean_np(role_seg if role_first else role_seg.strip())
    name_np = name_seg.strip()
    if not role_np:
        return None
    trailing, role, org = split_speaker(re.sub(r"^(?:the|a|an)\s+", "", role_np, flags=re.I))
    if trailing and org and org.split()[-1].lower() in {"in", "of", "at", "for", "from"}:
        org = f"{org} {trailing}"  # "director of the hospital in Idlib": the place ends the organisation
    if role_first:
        start = sent_start + s1 + cut
        end = sent_start + s2 + second.index(name_np) + len(name_np)
    else:
        start = sent_start + s1 + first.index(name_np)
        end = sent_start + s2 + second.rstrip().__len__()
    if role is None and org is None:
        return None
    return Attribution(start, end, text[start:end], name_np, role, org, False, False, verb, verb_pos)


def attributions_in_sentence(text: str, sent_start: int, sent_end: int) -> list[Attribution]:
    """All speaker attributions in ``text[sent_start:sent_end]`` (document offsets)."""
    sent = text[sent_start:sent_end]
    out: list[Attribution] = []
    if not _VERB_ONLY.search(sent) and "ccording" not in sent:
        return out
    for m in _ACCORDING.finditer(sent):
        np, cut = _clean_np(m.group("np"))
        np = re.split(r"\s+(?:in|on|at|who|which|that|to)\s+", np)[0].strip()
        s = sent_start + m.start("np") + m.group("np").find(np) if np else -1
        if np and s >= 0:
            a = _make(text, s, s + len(np), "according", sent_start + m.start(), sent)
            if a:
                out.append(a)
    for m in _SAY_INVERTED.finditer(sent):
        np = m.group("np").strip()
        np = re.split(r"\s+(?:on|in|at|who|which|that|when|to|after|before)\s+", np)[0].strip()
        if np:
            s = sent_start + m.start("np")
            a = _make(text, s, s + len(np), m.group("verb").lower(), sent_start + m.start("verb"), sent)
            if a and not any(abs(a.start - o.start) < 3 for o in out):
                out.append(a)
    for vm in _VERB_ONLY.finditer(sent):
        left = sent[: vm.start()]
        tail = _AUX_TAIL.search(left)
        left = left[: tail.start()] if tail else left
        cut_at = max((p.end() for p in _PUNCT.finditer(left, max(0, len(left) - 141))), default=0)
        raw = left[cut_at:]
        cands = [(cut_at, raw)] if len(raw.strip()) >= 2 and len(raw) <= 141 else []
        pair = _role_name_appositive(
            text, sent_start, left, vm.group("verb").lower(), sent_start + vm.start()
        )
        if pair and not any(o.start <= pair.start < o.end or pair.start <= o.start < pair.end for o in out):
            out.append(pair)
            continue
        if left.rstrip().endswith(",") or (left[cut_at - 1 : cut_at] == "," and cut_at > 1):
            am = _SAY_APPOSITIVE.search(sent[max(0, vm.start() - 260) : vm.end()])
            if am:
                base = max(0, vm.start() - 260)
                cands.append((base + am.start("np"), am.group("np")))
        verb = vm.group("verb").lower()
        for np_start, raw_np in cands:
            np, cut = _clean_np(raw_np)
            np = re.sub(r"\s+(?:has|have|had|also|previously|later|earlier)$", "", np)
            if not np:
                continue
            s = sent_start + np_start + cut
            if verb in {"saw", "see", "sees", "counted", "recorded", "documented"} and not re.search(
                r"\b(?:AP|Associated Press|Reuters|AFP|journalists?|reporters?|correspondents?"
                r"|witnesses|monitors?)\b",
                np,
            ):
                continue
            a = _make(text, s, s + len(np), verb, sent_start + vm.start(), sent)
            if a and not any(o.start <= a.start < o.end or a.start <= o.start < a.end for o in out):
                out.append(a)
                break
    out.sort(key=lambda a: a.start)
    return out
