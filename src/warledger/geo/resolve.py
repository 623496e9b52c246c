"""Disambiguation: every candidate of every mention is scored; the best one is explained.

Signals: population, feature class (country, first-level unit, capital, seat), how the name
matched (name, alternate, loose spelling, transliteration), admin suffix words ("X region",
"X district"), governor titles, feature words ("village of X"), an admin tail ("X, Donetsk"), the
document's country focus and proximity to the other places of the document.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from warledger.geo.detect import Mention
from warledger.geo.store import Candidate

KIND_PENALTY = (0.0, 0.3, 1.2, 2.5)
MIN_SCORE = 1.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Choice:
    cand: Candidate
    score: float
    margin: float
    notes: list[str]
    n: int


def _base(m: Mention, c: Candidate) -> tuple[float, list[str]]:
    notes: list[str] = []
    # GeoNames gives many villages population 0 (unknown): treat that as a small village
    s = math.log10(max(c.pop, 300 if c.is_populated else 10))
    if c.is_country:
        s += 4.0
        notes.append("country")
    elif c.is_admin1:
        s += 0.5 if c.kind == 0 else 0.0
    elif c.fcode == "PPLC":
        s += 2.0
        notes.append("capital")
    elif c.fcode in ("PPLA", "PPLA2"):
        s += 1.0
    elif c.is_admin2:
        s += 0.3 if c.kind == 0 else -0.7
    elif c.fcode == "PPLX":
        s -= 2.0  # a section of a city
    elif not c.is_populated:
        s -= 1.0
    s -= KIND_PENALTY[c.kind]
    if c.kind >= 2:
        notes.append(("loose spelling", "transliteration variant")[c.kind - 2])
    if m.suffix == 1:
        if c.is_admin1:
            s += 6.0
            notes.append("province word")
        elif c.is_admin2:
            s += 2.0
        elif c.is_populated:
            s -= 1.0
    elif m.suffix == 2:
        if c.is_admin2:
            s += 5.0
            notes.append("district word")
        elif c.is_admin1:
            s += 2.5 if m.governor else 1.0
        elif c.is_populated:
            s += 4.0 if c.fcode in ("PPLA", "PPLA2", "PPLA3", "PPLC") else 2.5  # a district's seat
    elif c.is_admin and not c.is_admin1:
        s -= 1.5
    elif c.is_admin1 and not m.governor:
        s -= 0.5
    if m.governor and c.is_admin1:
        s += 5.0
        notes.append("governor title")
    elif m.governor and m.suffix:
        s -= 2.0
    if m.feature == "PPL":
        s += 1.5 if c.is_populated else -2.0
    elif m.feature == "ADM":
        s += 1.5 if c.is_admin else 0.0
    elif m.feature == "PCL":
        s += 2.0 if c.is_country else 0.0
    return s, notes


def _focus(ms: list[Mention], chosen: list[Candidate | None]) -> Counter[str]:
    cnt: Counter[str] = Counter()
    for c in chosen:
        if c is not None and c.cc:
            cnt[c.cc] += 1
    return cnt


MAX_CANDIDATES = 150  # per mention, by prior score; the rest cannot win


def resolve(ms: list[Mention], prior_cc: Counter[str] | None = None) -> list[Choice | None]:
    """Choose a candidate for every mention (None when no candidate is convincing)."""
    base = [[_base(m, c) for c in m.cands] for m in ms]
    for m, b in zip(ms, base, strict=True):
        if not m.suffix and not m.governor:  # a bare "Kherson" is the city, not the province it heads
            seats = {
                (c.cc, c.a1)
                for c in m.cands
                if c.is_populated and c.kind <= 1 and (c.fcode in ("PPLA", "PPLC") or c.pop >= 50_000)
            }
            for x, c in enumerate(m.cands):
                if c.is_admin1 and (c.cc, c.a1) in seats:
                    b[x] = (b[x][0] - 2.0, b[x][1])
        if any(c.kind == 0 and c.is_populated for c in m.cands):  # a town's own name beats another's alias
            for x, c in enumerate(m.cands):
                if c.kind >= 1 and c.is_populated and c.pop < 100_000:
                    b[x] = (b[x][0] - 2.0, b[x][1])
    pools: list[list[tuple[Candidate, float, list[str]]]] = []
    for m, b in zip(ms, base, strict=True):
        pool = sorted(zip(m.cands, b, strict=True), key=lambda x: -x[1][0])[:MAX_CANDIDATES]
        pools.append([(c, sb[0], sb[1]) for c, sb in pool])
    chosen: list[Candidate | None] = [pool[0][0] for pool in pools]
    result: list[Choice | None] = [None] * len(ms)
    for _ in range(4):  # until the choices settle
        previous = list(chosen)
        focus = _focus(ms, chosen)
        if prior_cc:
            focus.update(prior_cc)
        total = sum(focus.values()) or 1
        own_cc: Counter[tuple[str, str]] = Counter(
            (ms[j].key, o.cc) for j, o in enumerate(chosen) if o is not None and o.cc
        )
        for i, m in enumerate(ms):
            anchors = _anchors(i, chosen, ms)
            regions: dict[tuple[str, str], float] = {}
            if m.tail_of is None:
                for j, o in enumerate(chosen):
                    if o is not None and o.a1 and not o.is_country and ms[j].key != m.key:
                        k = (o.cc, o.a1)
                        regions[k] = regions.get(k, 0.0) + (1.0 if abs(ms[j].sent - m.sent) <= 2 else 0.5)
            ti = _tail_index(i, ms)
            tail = chosen[ti] if ti is not None else None
            head = chosen[m.tail_of] if m.tail_of is not None else None
            scored = []
            for c, s0, notes0 in pools[i]:
                s, notes = s0, list(notes0)
                share = focus.get(c.cc, 0) - own_cc.get((m.key, c.cc), 0)  # support from the other names
                same_region = regions.get((c.cc, c.a1), 0.0) if c.a1 and not c.is_admin1 else 0.0
                if same_region > 0:
                    s += 1.2 * min(2.0, same_region)
                    notes.append("same province as other places")
                if c.kind == 3 and share / total < 0.3:
                    s -= 4.0  # a transliteration variant needs a document about that country
                if share > 0:
                    s += 5.0 * share / total + min(1.5, 0.3 * share)
                    notes.append(f"document focus {c.cc}")
                if tail is not None and ti is not None and _inside(c, tail, ms[ti]):
                    s += 8.0
                    notes.append(f"qualified by '{ms[ti].text}'")
                if head is not None and c.is_admin1:
                    s += 2.0  # "X, Kyiv": the province is the usual qualifier
                if (
                    head is not None
                    and m.tail_of is not None
                    and (c.is_admin1 or c.is_country)
                    and (
                        _inside(head, c, m)
                        or any(_inside(x, c, m) for x in ms[m.tail_of].cands if x.kind == 0)
                    )
                ):
                    s += 4.0
                    notes.append(f"contains '{ms[m.tail_of].text}'")
                for j in m.coord:
                    o = chosen[j]
                    if o is not None and o.cc == c.cc and _level(o) == _level(c):
                        s += 3.0
                        notes.append(f"listed with '{ms[j].text}'")
                        break
                if m.country_hint and c.cc == m.country_hint:
                    s += 4.0
                    notes.append(f"country word ({c.cc})")
                if m.tail_of is None and anchors and not (c.is_country or c.is_admin1):
                    bonus, dmin = _nearest(c, anchors)
                    s += bonus
                    if dmin < 400:
                        notes.append(f"{dmin:.0f} km from other places")
                scored.append((s, c, notes))
            scored.sort(key=lambda x: -x[0])
            s, c, notes = scored[0]
            margin = s - scored[1][0] if len(scored) > 1 else 5.0
            result[i] = Choice(c, s, margin, notes, len(m.cands))
            chosen[i] = c  # later mentions see this choice at once (a head and its tail settle together)
        if [c.id if c else None for c in chosen] == [c.id if c else None for c in previous]:
            break
    _one_sense_per_discourse(ms, result)
    return result


def _one_sense_per_discourse(ms: list[Mention], result: list[Choice | None]) -> None:
    """Mentions of the same name in one document refer to the same place: use the best-supported one."""
    best: dict[tuple[str, int | None], Choice] = {}
    for m, ch in zip(ms, result, strict=True):
        k = (m.key, m.suffix)
        if ch is not None and (k not in best or ch.score > best[k].score):
            best[k] = ch
    for i, m in enumerate(ms):
        ch = result[i]
        b = best.get((m.key, m.suffix))
        if ch is not None and b is not None and b.cand.id != ch.cand.id:
            result[i] = Choice(b.cand, b.score, b.margin, [*b.notes, "same name elsewhere in the text"], b.n)


def _tail_index(i: int, ms: list[Mention]) -> int | None:
    """The mention qualifying ``i``: "X, Donetsk", also through a list ("X and Y, Donetsk")."""
    if ms[i].tail_of is not None:
        return None
    j = i
    while j + 1 < len(ms) and (j + 1) in ms[j].coord:
        j += 1
    if j + 1 < len(ms) and ms[j + 1].tail_of == j:
        return j + 1
    return None


def _level(c: Candidate) -> int:
    return 0 if c.is_country else 1 if c.is_admin1 else 2 if c.is_admin2 else 3


def _inside(c: Candidate, tail: Candidate, tm: Mention) -> bool:
    """Is candidate ``c`` within the unit the tail mention ("X, Donetsk") resolved to?"""
    if c.cc != tail.cc or c.id == tail.id:
        return False
    return tail.is_country or (bool(tail.a1) and c.a1 == tail.a1)


def _proximity(d: float) -> float:
    return 3.5 * math.exp(-d / 25) + 1.5 * math.exp(-d / 150) + 0.5 * (d < 400)


def _anchors(
    i: int, chosen: list[Candidate | None], ms: list[Mention]
) -> list[tuple[float, float, float, int]]:
    """The other mentions' chosen towns: (lat, lon, weight, id); far-off mentions in the text count half."""
    out: dict[int, tuple[float, float, float, int]] = {}
    for j, o in enumerate(chosen):
        if j == i or o is None or o.is_country or o.is_admin1 or ms[j].key == ms[i].key:
            continue
        w = 1.0 if abs(ms[j].sent - ms[i].sent) <= 2 else 0.5
        if o.id not in out or out[o.id][2] < w:
            out[o.id] = (o.lat, o.lon, w, o.id)
    return list(out.values())


def _nearest(c: Candidate, anchors: list[tuple[float, float, float, int]]) -> tuple[float, float]:
    """(bonus, km) from the anchor that supports ``c`` most (equirectangular distance, ≤ 1% off)."""
    best_v, best_d = 0.0, 1e9
    coslat = math.cos(math.radians(c.lat))
    for lat, lon, w, gid in anchors:
        if gid == c.id:
            continue
        dlat = lat - c.lat
        if abs(dlat) > 4.0:
            continue
        dlon = (lon - c.lon + 180.0) % 360.0 - 180.0
        d = 111.2 * math.hypot(dlat, dlon * coslat)
        if d > 450:
            continue
        v = w * _proximity(d)
        if v > best_v:
            best_v, best_d = v, d
    return best_v, best_d
