"""Incidents: group the figures, places, actors and dates of one event and type it like ACLED.

Grouping: sentences are read in order; a sentence with an event cue opens an incident unless the
current incident is in the same paragraph, of the same ACLED event type, at the same place and of
the same kind of count (cumulative tolls are kept apart from single incidents).  Sentences with
only figures or casualty words join the current incident of their paragraph.

Bodies found after a shelling or a clash in the same paragraph join that incident; background
sentences ("... have been fighting for eight years") open none; a place used for a party ("Moscow
troops") is not taken as the event location.  Fatalities follow ACLED's conventions (see
``warledger.nlp.fatalities``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from warledger.models import DateRef, Evidence, Fatalities, Incident, Place, Source
from warledger.nlp.events import CONTEXT, has_civilian_target
from warledger.nlp.fatalities import coded_value, fatalities
from warledger.nlp.types import Analysis, EventCue

# cue kind → (event_type, sub_event_type); priority = list order
KIND_TYPES: list[tuple[str, tuple[str, str]]] = [
    ("chemical", ("Explosions/Remote violence", "Chemical weapon")),
    ("suicide", ("Explosions/Remote violence", "Suicide bomb")),
    ("excessive", ("Protests", "Excessive force against protesters")),
    ("intervention", ("Protests", "Protest with intervention")),
    ("riot", ("Riots", "Violent demonstration")),
    ("mob", ("Riots", "Mob violence")),
    ("protest", ("Protests", "Peaceful protest")),
    ("sexual", ("Violence against civilians", "Sexual violence")),
    ("disrupted", ("Strategic developments", "Disrupted weapons use")),
    ("grenade", ("Explosions/Remote violence", "Grenade")),
    ("ied", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("regain", ("Battles", "Government regains territory")),
    ("transfer", ("Strategic developments", "Non-violent transfer of territory")),
    ("capture", ("Battles", "Non-state actor overtakes territory")),
    ("shootdown", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("attack_fire", ("Violence against civilians", "Attack")),
    ("air", ("Explosions/Remote violence", "Air/drone strike")),
    ("shelling", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("abduct", ("Violence against civilians", "Abduction/forced disappearance")),
    ("arrest", ("Strategic developments", "Arrests")),
    ("attack", ("Violence against civilians", "Attack")),
    ("clash", ("Battles", "Armed clash")),
    ("looting", ("Strategic developments", "Looting/property destruction")),
    ("bodies", ("Violence against civilians", "Attack")),
    ("agreement", ("Strategic developments", "Agreement")),
    ("hq", ("Strategic developments", "Headquarters or base established")),
    ("change", ("Strategic developments", "Change to group/activity")),
    ("withdraw", (CONTEXT, "Troop movement")),
    ("sanctions", (CONTEXT, "Sanctions")),
    ("humanitarian", (CONTEXT, "Humanitarian access")),
    ("blockade", (CONTEXT, "Blockade/siege")),
    ("evacuation_call", (CONTEXT, "Evacuation")),
    ("evacuation", ("Strategic developments", "Other")),
    ("denial", (CONTEXT, "Denial")),
    ("killing", ("Violence against civilians", "Attack")),
]
_PRIORITY = {k: i for i, (k, _) in enumerate(KIND_TYPES)}
_TYPES = dict(KIND_TYPES)
_COUNTRY = {
    "UA": "Ukraine",
    "RU": "Russia",
    "SD": "Sudan",
    "PS": "Palestine",
    "IL": "Israel",
    "MM": "Myanmar",
    "SY": "Syria",
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "NG": "Nigeria",
    "SO": "Somalia",
    "YE": "Yemen",
    "IQ": "Iraq",
    "AF": "Afghanistan",
    "ET": "Ethiopia",
    "CD": "Democratic Republic of Congo",
    "LB": "Lebanon",
    "BY": "Belarus",
}
_ATTRIBUTIVE_NEXT = re.compile(
    r"(?:['’]s)?\s+(?:troops|forces|military|army|soldiers|servicemen|units|regime|authorities|officials|government"
    r"|side|command|militants|fighters)\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:have|has|had)\s+been\s+\w+ing\b[^.;]*?\b(?:for\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\w+\s+)?"
    r"(?:years|decades|months)|since\s+(?:19|20)\d\d)\b",
    re.I,
)
_FIG_KIND = {
    "killed": "killing",
    "injured": "killing",
    "bodies_found": "bodies",
    "trapped": "blockade",
    "detained": "abduct",
    "displaced": "evacuation",
    "evacuated": "evacuation",
    "troops": "withdraw",
    "missing": "abduct",
}
# weapon / event nouns that alone do not make an event ("Kuleba listed aircraft and missiles")
_WEAK_CUE = re.compile(
    r"^(?:artillery|mortars?|rockets?|missiles?|MLRS|Grad|Uragan|Smerch|Tornado|howitzers?|Tochka|Iskander|Kalibr"
    r"|heavy\s+weapons|anti-aircraft|Stingers?|MANPADS?|drones?|UAVs?|warplanes?|fighter\s+jets?|air\s+force|bomber"
    r"|explosions?|blasts?|strikes?|offensive\s+operations?|battles?|combat|projectiles|engag\w+|sanctions?"
    r"|refugees|siege|surrounded|blocked|grenade\s+launchers?|unexploded\s+ordnance|detonat\w+)$",
    re.I,
)
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_STATE_OWN = {"Military Forces of Ukraine (2019-)", "Police Forces", "Military Forces"}


def _kind_of(cues: list[EventCue]) -> str | None:
    kinds = [c.kind for c in cues]
    if not kinds:
        return None
    return min(kinds, key=lambda k: _PRIORITY.get(k, 99))


def _type_for(kind: str, text: str, actors: list[str]) -> tuple[str, str]:
    et, st = _TYPES.get(kind, ("Strategic developments", "Other"))
    if (
        kind == "abduct"
        and actors
        and actors[0] in _STATE_OWN
        and not re.search(r"abduct|kidnap|disappear", text, re.I)
    ):
        return "Strategic developments", "Arrests"
    if (
        kind == "arrest"
        and actors
        and actors[0] not in _STATE_OWN
        and actors[0] != "Police Forces"
        and re.search(r"civilians?|residents?|activists?|mayor|journalists?|volunteers?", text, re.I)
    ):
        return "Violence against civilians", "Abduction/forced disappearance"
    # ACLED: control changing hands without violence (a withdrawal, a handover) is a non-violent transfer
    no_fight = re.search(
        r"without\s+(?:a\s+)?(?:fight|resistance|fighting|clashes|a\s+shot)|peacefully|handed\s+over"
        r"|after\s+(?:the\s+)?(?:\w+\s+){0,3}(?:forces|troops|army)\s+(?:had\s+)?(?:withdr\w+|retreated|left|pulled\s+out)"
        r"|(?:withdr\w+|retreat\w*|pulled\s+out|left)\s+(?:\w+\s+){0,6}?from",
        text,
        re.I,
    )
    fight = re.search(r"\b(?:clash\w*|fighting|battles?|fought|assault|storm\w*|shell\w*)\b", text, re.I)
    if kind in {"regain", "capture", "withdraw"} and no_fight and not fight:
        return "Strategic developments", "Non-violent transfer of territory"
    if kind == "regain" and actors and actors[0] not in _STATE_OWN | {"Military Forces of Ukraine (2019-)"}:
        return "Battles", "Non-state actor overtakes territory"
    if kind == "capture" and actors and actors[0] in _STATE_OWN:
        return "Battles", "Government regains territory"
    if kind == "capture" and re.search(
        r"without\s+(?:a\s+)?(?:fight|resistance|fighting|clashes)", text, re.I
    ):
        return "Strategic developments", "Non-violent transfer of territory"
    armed = [a for a in actors if not a.startswith(("Government of", "Protesters", "Rioters", "European"))]
    soldiers = re.search(
        r"\b(?:soldiers?|servicem[ae]n|troops|fighters|militants|pilots?|crew|marines|regiment"
        r"|battalion|saboteurs?|column|positions|tanks?|military\s+vehicles)\b",
        text,
        re.I,
    )
    if kind in {"killing", "attack"} and not has_civilian_target(text) and (len(set(armed)) >= 2 or soldiers):
        return "Battles", "Armed clash"
    if kind == "shelling" and re.search(
        r"\b(?:small\s+arms|firearms|snipers?|automatic\s+weapons|both\s+directions|shots|bursts\s+of\s+fire"
        r"|clash\w*|fighting|battles?|unspecified\s+weapons|(?:fires?|shots)\s+(?:were\s+)?exchanged|fired\s+back|return(?:ed|ing)\s+fire"
        r"|responded\s+with\s+fire)\b",
        text,
        re.I,
    ):
        return "Battles", "Armed clash"
    if kind == "bodies" and not re.search(
        r"kill|shot|tortur|execut|murder|victims|hands\s+tied|wounds", text, re.I
    ):
        return CONTEXT, "Bodies discovered"
    return et, st


def _country_name(place: Place | None) -> str | None:
    return _COUNTRY.get(place.country or "", place.country) if place and place.country else None


def _actor_name(acled: str, country: str | None) -> str:
    if acled == "Military Forces":
        return f"Military Forces of {country}" if country else acled
    if acled in {"Police Forces", "Protesters", "Rioters", "Unidentified Armed Group", "Civilians"}:
        if acled == "Police Forces" and country:
            return f"Police Forces of {country}" + (" (2019-)" if country == "Ukraine" else "")
        return f"{acled} ({country})" if country else acled
    return acled


def build_incidents(
    text: str,
    analysis: Analysis,
    *,
    published: date | None,
    locate: Callable[[int, int], Place | None],
) -> list[Incident]:
    """Group the document's events into incidents (see the module docstring)."""
    an = analysis
    locate = _non_attributive(text, an, locate)
    n = len(an.sentences)
    groups: list[dict] = []
    cur: dict | None = None
    fig_by_sent: dict[int, list[int]] = {}
    for fi, si in enumerate(an.figure_sentences):
        fig_by_sent.setdefault(si, []).append(fi)
    single_paragraph = len({s.paragraph for s in an.sentences}) == 1
    for si in range(n):
        s = an.sentences[si]
        sent_text = text[s.start : s.end]
        cues = [c for c in an.cues if c.sentence == si]
        figs = fig_by_sent.get(si, [])
        kind = _kind_of(cues)
        weak = kind in (None, "killing")  # no event of its own: details of the current incident
        if any(an.figures[i].category == "bodies_found" for i in figs) and (
            kind is None or _TYPES.get(kind, ("", ""))[0] not in {"Battles", "Explosions/Remote violence"}
        ):
            kind = "bodies"  # bodies pulled from the rubble after shelling stay with the shelling
        if (kind is None or kind == "killing") and figs:
            cats = [an.figures[i].category for i in figs]
            kind = "killing" if "killed" in cats or "injured" in cats else _FIG_KIND.get(cats[0], kind)
        if kind is None:
            continue
        if (
            not figs
            and _BACKGROUND.search(sent_text)
            and not any(s.start <= d.start < s.end and d.precision == "day" for d in an.dates)
        ):
            continue  # "separatists have been fighting Ukrainian forces for eight years": background
        quoted = sent_text[:1] in "“\"‘'"
        att_spans = [(a.start, a.end) for a in an.attributions if s.start <= a.start < s.end]
        own_actors = [
            a for a in an.actors if a.sentence == si and not any(st <= a.start < en for st, en in att_spans)
        ]
        strong = [c for c in cues if not _WEAK_CUE.match(c.text)]
        dated = any(s.start <= d.start < s.end for d in an.dates)
        place = locate(s.start, s.end) if strong and not figs else None
        has_anchor = bool(figs or dated or (strong and (own_actors or place or single_paragraph)))
        if figs and all(an.figures[i].category == "troops" for i in figs):
            kind = next((c.kind for c in cues if c.kind in {"withdraw", "change", "hq"}), kind)
        if kind in {"sanctions", "denial", "evacuation_call", "blockade"}:
            has_anchor = has_anchor or bool(att_spans) or any(a.sentence == si for a in an.actors)
        coder_note = coded_value(sent_text) is not None  # "Unspecified fatalities coded as 10."
        if (kind == "killing" or not has_anchor or quoted) and not figs and not (coder_note and cur is None):
            if cur is not None and an.sentences[cur["sents"][-1]].paragraph == s.paragraph and not quoted:
                cur["sents"].append(si)
            continue
        place = locate(s.start, s.end)
        et = _TYPES.get(kind, ("", ""))[0]
        cum = any(an.figures[i].cumulative for i in figs)
        if cur is not None and an.sentences[cur["sents"][-1]].paragraph == s.paragraph:
            cur_et = _TYPES.get(cur["kind"], ("", ""))[0]
            # bodies found after a violent event in the same paragraph are that event's dead
            same_family = cur_et == et or kind == "killing" or (kind == "bodies" and cur_et in _VIOLENT_TYPES)
            same_place = (
                weak
                or place is None
                or cur["place"] is None
                or place.name == cur["place"].name
                or (kind == "bodies" and _within(cur["place"], place))
            )
            same_count = not figs or not cur["figs"] or cum == cur["cum"]
            if same_family and same_place and same_count:
                if _PRIORITY.get(kind, 99) < _PRIORITY.get(cur["kind"], 99) and (
                    cur["kind"] in {"killing", "bodies"} or _TYPES.get(cur["kind"], ("", ""))[0] == et
                ):
                    cur["kind"] = kind
                cur["sents"].append(si)
                cur["figs"].extend(figs)
                cur["cum"] = cur["cum"] or cum
                continue
        cur = {"kind": kind, "sents": [si], "figs": list(figs), "place": place, "cum": cum}
        groups.append(cur)
    out: list[Incident] = []
    for g in groups:
        out.append(_incident(text, an, g, locate))
    return out


def _incident(text: str, an: Analysis, g: dict, locate: Callable[[int, int], Place | None]) -> Incident:
    first, last = an.sentences[g["sents"][0]], an.sentences[g["sents"][-1]]
    span = text[first.start : last.end]
    sents = set(g["sents"])
    att_spans = [(a.start, a.end) for a in an.attributions if first.start <= a.start < last.end]
    actors = [
        a
        for a in an.actors
        if a.sentence in sents
        and (g["kind"] in {"sanctions", "denial"} or not any(st <= a.start < en for st, en in att_spans))
    ]
    names = [a.acled for a in actors]
    cue = next((c for c in an.cues if c.sentence in sents and c.kind == g["kind"]), None)
    if cue is not None:
        before = [a for a in actors if a.end <= cue.start and a.sentence == cue.sentence]
        if not before:  # "Police said they detained ...": the speaker is the actor
            before = [
                a
                for a in an.actors
                if a.sentence == cue.sentence
                and a.end <= cue.start
                and any(st <= a.start < en for st, en in att_spans)
            ]
        if before:
            subj = before[-1].acled
            names = [subj] + [nm for nm in names if nm != subj]
    et, st = _type_for(g["kind"], span, names)
    if et in _VIOLENT_TYPES:
        armed = [n for n in names if not n.startswith("Government of") and n != "European Union"]
        names = armed
    place = g["place"] or locate(first.start, last.end)
    country = _country_name(place)
    actor1 = _actor_name(names[0], country) if names else None
    actor2 = None
    for nm in names[1:]:
        cand = _actor_name(nm, country)
        if cand != actor1:
            actor2 = cand
            break
    victims = {an.figures[i].victims for i in g["figs"]}
    civil = bool(
        victims & {"civilians", "children", "women", "people", "journalists"}
    ) or has_civilian_target(span)
    if et == "Violence against civilians" or (
        et == "Explosions/Remote violence" and civil and actor2 is None
    ):
        actor2 = _actor_name("Civilians", country)
    if et == "Protests" and actor1 != _actor_name("Protesters", country):
        actor1, actor2 = _actor_name("Protesters", country), actor1 if st != "Peaceful protest" else None
    if (
        st == "Air/drone strike"
        and actor1
        and actor1.startswith("Military Forces of")
        and "Air Force" not in actor1
    ):
        actor1 = f"{actor1} Air Force"
    date_ref: DateRef | None = None
    dates = [d for d in an.dates if first.start <= d.start < last.end]
    if not dates:
        para = first.paragraph
        dates = [
            d
            for d in an.dates
            if d.start < first.start and an.sentences[_sent_of(an, d.start)].paragraph == para
        ][-1:]
    if dates:
        d = next((x for x in dates if not x.statement), dates[0])  # not the day of a statement
        date_ref = DateRef(text=d.text, start=d.first, end=d.last, precision=d.precision)  # type: ignore[arg-type]
    src: Source | None = None
    if g["figs"]:
        src = an.figures[g["figs"][0]].source
    else:
        atts = [a for a in an.attributions if first.start <= a.start < last.end]
        if atts:
            a = atts[0]
            src = Source(
                text=a.text, name=a.name, role=a.role, organization=a.organization, anonymous=a.anonymous
            )
        else:
            src = an.outlet
    violent = et in _VIOLENT_TYPES
    lead = text[an.sentences[0].start : an.sentences[0].end] if an.sentences else ""
    coder_note = coded_value(span) is not None
    fat = (
        fatalities(an, g["figs"], span, violent, lead) if violent or g["figs"] or coder_note else Fatalities()
    )
    return Incident(
        event_type=et,
        sub_event_type=st,
        actor1=actor1,
        actor2=actor2,
        location=place,
        date=date_ref,
        fatalities=fat,
        figures=sorted(g["figs"]),
        source=src,
        evidence=Evidence(start=first.start, end=last.end, text=span),
    )


def _attributive(text: str, place: Place | None) -> bool:
    """The place names a party, not a location: "Moscow troops", "Kyiv's forces"."""
    return bool(place is not None and place.end is not None and _ATTRIBUTIVE_NEXT.match(text, place.end))


def _non_attributive(
    text: str, an: Analysis, locate: Callable[[int, int], Place | None]
) -> Callable[[int, int], Place | None]:
    """``locate`` that passes over places used attributively; it tries the span's other sentences,
    then the neighbouring sentences of the paragraph, and gives no place rather than the party's."""

    def wrapped(start: int, end: int) -> Place | None:
        p = locate(start, end)
        if p is None or not _attributive(text, p):
            return p
        idx = [i for i, s in enumerate(an.sentences) if s.start < end and s.end > start]
        tried = set(idx)
        order = [i for i in idx if not (an.sentences[i].start <= (p.start or 0) < an.sentences[i].end)]
        if idx:
            para = an.sentences[idx[0]].paragraph
            for j in (idx[0] - 1, idx[-1] + 1):
                if 0 <= j < len(an.sentences) and an.sentences[j].paragraph == para and j not in tried:
                    order.append(j)
        for i in order:
            q = locate(an.sentences[i].start, an.sentences[i].end)
            if q is not None and not _attributive(text, q):
                return q
        return None

    return wrapped


def _within(inner: Place, outer: Place) -> bool:
    """``outer`` is the province (or country) that ``inner`` lies in."""
    if (outer.precision or 1) < 3 and not (outer.feature_code or "").startswith(("ADM1", "PCL")):
        return False
    if outer.country and inner.country and outer.country != inner.country:
        return False
    return bool(outer.admin1 is None or outer.admin1 == inner.admin1 or outer.name == inner.admin1)


def _sent_of(an: Analysis, pos: int) -> int:
    for i, s in enumerate(an.sentences):
        if s.start <= pos < s.end:
            return i
    return 0
