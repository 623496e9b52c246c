"""Disambiguation: every candidate of every mention is scored; the best one is explained.

Signals: population, feature class (country, first-level unit, capital, seat), how the name
matched (name, alternate, loose spelling, transliteration), admin suffix words ("X region",
"X district"), governor titles, feature words ("village of X"), an admin tail ("X, Donetsk"), the
document's country focus, a province the text names nearby ("…Georgia… In Jackson"), the
provinces of the other places, and proximity to them.  A name repeated without a qualifier of its
own is scored once per round (with the sentences of all its repeats).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warledger.geo.detect import Mention
from warledger.geo.normalize import SKELETON_COUNTRIES
from warledger.geo.store import Candidate

if TYPE_CHECKING:
    from warledger.geo.prior import GeoPrior

KIND_PENALTY = (0.0, 0.3, 1.2, 2.5)
MIN_SCORE = 1.0
OUTSIDE = "not within the place that qualifies it"


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


_NO_COUNT: Counter[str] = Counter()  # (never changed)
MAX_CANDIDATES = 150  # per mention, by prior score; the rest cannot win


Pool = list[tuple[Candidate, float, tuple[str, ...]]]
_POOLS: dict[tuple[int, int | None, bool, str | None], tuple[list[Candidate], Pool]] = {}


def _pool(m: Mention) -> Pool:
    """The mention's candidates with their prior scores, best first (at most ``MAX_CANDIDATES``).

    The priors depend only on the candidate list and the mention's own cue words, so they are
    memoised per shared candidate list (the detector's name memo hands out the same lists).
    """
    sig = (id(m.cands), m.suffix, m.governor, m.feature)
    hit = _POOLS.get(sig)
    if hit is not None and hit[0] is m.cands:
        return hit[1]
    b = [_base(m, c) for c in m.cands]
    if not m.suffix and not m.governor:  # a bare "Kherson" is the city, not the province it heads
        seats = {
            (c.cc, c.a1)
            for c in m.cands
            if c.is_populated and c.kind <= 1 and (c.fcode in ("PPLA", "PPLC") or c.pop >= 50_000)
        }
        for x, c in enumerate(m.cands):
            if c.is_admin1 and (c.cc, c.a1) in seats:
                b[x] = (b[x][0] - 2.0, b[x][1])
    own = [c.pop for c in m.cands if c.kind == 0 and c.is_populated]
    if own:  # a town's own name beats another's alias (unless that town is far bigger)
        limit = max(100_000, 3 * max(own))
        for x, c in enumerate(m.cands):
            if c.kind >= 1 and c.is_populated and c.pop < limit:
                b[x] = (b[x][0] - 2.0, b[x][1])
    if any(
        c.kind == 0 and c.is_populated and c.pop >= 10_000 and c.cc not in SKELETON_COUNTRIES for c in m.cands
    ):
        # "Venice" is Venice: a guessed romanization ("Vinnytsya") loses to a town's own name
        for x, c in enumerate(m.cands):
            if c.kind == 3:
                b[x] = (b[x][0] - 2.0, b[x][1])
    units = [c.pop for c in m.cands if c.kind == 0 and c.is_admin1]
    if units and not m.feature:  # "Montana", "Florida": the state, not a small town named after it
        for x, c in enumerate(m.cands):
            small_town = c.is_populated and c.kind == 0 and c.pop < 100_000
            # a bare "Iowa" is not Iowa County either (with "County" the mention has a suffix)
            if (small_town or (c.is_admin2 and not m.suffix)) and 10 * c.pop < max(units):
                b[x] = (b[x][0] - 2.5, [*b[x][1], "named like a province"])
    ranked = sorted(zip(m.cands, b, strict=True), key=lambda x: -x[1][0])[:MAX_CANDIDATES]
    pool = [(c, sb[0], tuple(sb[1])) for c, sb in ranked]  # (most notes are the shared empty tuple)
    if len(_POOLS) > 50_000:
        _POOLS.clear()
    _POOLS[sig] = (m.cands, pool)
    return pool


def resolve(
    ms: list[Mention], prior_cc: Counter[str] | None = None, prior: GeoPrior | None = None
) -> list[Choice | None]:
    """Choose a candidate for every mention (None when no candidate is convincing).

    ``prior`` (``warledger.geo.prior``) adds its bonus for where a focus or a collection lies."""
    pools = [_pool(m) for m in ms]
    chosen: list[Candidate | None] = [pool[0][0] for pool in pools]
    result: list[Choice | None] = [None] * len(ms)
    focus: Counter[str] = Counter()
    total = 1
    own_of: dict[str, Counter[str]] = {}  # per name, its mentions' chosen countries
    named: dict[tuple[str, str], list[Mention]] = {}

    members: dict[tuple[str, str], list[Mention]] = {}  # the mentions placed in each province

    def score(i: int) -> None:
        m = ms[i]
        sents = group_sents[i]  # the sentences of this name's repeats scored with it

        near_sents = {x + d for x in sents for d in (-2, -1, 0, 1, 2)}
        close = near_sents.__contains__  # within two sentences of one of them

        anchors = _anchors(i, chosen, keys, sent_of, near_sents)
        box = _box(anchors)
        # per province: how many other names the text places in it (far-off ones count half)
        regions: dict[tuple[str, str], float] = {}
        mine = own_of.get(m.key, _NO_COUNT)
        free = m.tail_of is None

        ti = tails[i]
        tail = chosen[ti] if ti is not None else None
        head = chosen[m.tail_of] if m.tail_of is not None else None
        listed = head is not None and _listed(i, ms)  # (per mention, not per candidate)

        def evaluate(c: Candidate, s: float, notes: list[str] | None) -> float:
            """The candidate's score; its reasons go to ``notes`` (only asked for the winner)."""
            share = focus.get(c.cc, 0) - mine.get(c.cc, 0)  # support from the other names
            k = (c.cc, c.a1)
            if c.a1 and free:
                same_region = regions.get(k)
                if same_region is None:
                    same_region = regions[k] = sum(
                        1.0 if close(x.sent) else 0.5 for x in members.get(k, ()) if x.key != m.key
                    )
            else:
                same_region = 0.0
            if same_region > 0 and c.is_admin1:
                s += 1.0 * min(2.0, same_region)
                if notes is not None:
                    notes.append("contains other places")
            elif same_region > 0:
                s += 1.2 * min(2.0, same_region)
                if notes is not None:
                    notes.append("same province as other places")
            by = named.get(k) if not c.is_country else None
            if by and c.is_admin1:
                if c.kind == 0 and any(x.key != m.key for x in by):
                    s += 2.0  # "Montana … Mont.": the province, named once more
                    if notes is not None:
                        notes.append("province named elsewhere in the text")
            elif by and any(x.key != m.key and close(x.sent) for x in by):
                s += 2.5
                if notes is not None:
                    notes.append("in a province named nearby")
            if c.kind == 3 and share / total < 0.3:
                s -= 4.0  # a transliteration variant needs a document about that country
            if share > 0:
                s += 5.0 * share / total + min(1.5, 0.3 * share)
                if notes is not None:
                    notes.append(f"document focus {c.cc}")
            if tail is not None and ti is not None and _inside(c, tail, ms[ti]):
                s += 8.0
                if notes is not None:
                    notes.append(f"qualified by '{ms[ti].text}'")
            if head is not None and c.is_admin1 and not listed:
                s += 2.0  # "X, Kyiv": the province is the usual qualifier
            if (
                head is not None
                and m.tail_of is not None
                and (c.is_admin1 or c.is_country)
                and (_inside(head, c, m) or any(_inside(x, c, m) for x in ms[m.tail_of].cands if x.kind == 0))
            ):
                s += 4.0
                if notes is not None:
                    notes.append(f"contains '{ms[m.tail_of].text}'")
            for j in m.coord:
                o = chosen[j]
                if o is not None and o.cc == c.cc and _level(o) == _level(c):
                    s += 3.0
                    if notes is not None:
                        notes.append(f"listed with '{ms[j].text}'")
                    break
            if m.country_hint and c.cc == m.country_hint:
                s += 4.0
                if notes is not None:
                    notes.append(f"country word ({c.cc})")
            if prior is not None:
                pb = prior.bonus(c)
                s += pb
                if pb >= 0.5 and notes is not None:
                    notes.append(f"{prior.label} prior +{pb:.1f}")
            if (
                box is not None
                and m.tail_of is None
                and box[0] <= c.lat <= box[1]
                and box[2] <= c.lon <= box[3]
                and not (c.is_country or c.is_admin1)
            ):
                bonus, dmin = _nearest(c, anchors)
                s += bonus
                if dmin < 400 and notes is not None:
                    notes.append(f"{dmin:.0f} km from other places")
            return s

        # scores only, then the winner once more with its reasons (ties: the higher prior wins)
        # the most any context bonus below can add: candidates whose prior plus it cannot reach
        # the runner-up are never evaluated (the pool is sorted by prior, so the rest cannot either)
        fixed_cap = 1e-6 + (8.0 if tail is not None else 0.0) + (6.0 if head is not None else 0.0)
        fixed_cap += (3.0 if m.coord else 0.0) + (4.0 if m.country_hint else 0.0)
        fixed_cap += prior.max_bonus if prior is not None else 0.0
        cap = fixed_cap + (6.5 if focus else 0.0) + (2.5 if named else 0.0)
        if free:
            cap += (2.4 if members else 0.0) + (5.5 if box is not None else 0.0)
        ranked: list[tuple[float, int]] = []  # the best two as (-score, index)
        for x, (c, s0, _n) in enumerate(pools[i]):
            if len(ranked) == 2:
                bar = -ranked[1][0]
                if s0 + cap < bar:
                    break
                # this candidate's own ceiling: its country's share, its province, the anchors' box
                f = focus.get(c.cc, 0)
                own = fixed_cap + (5.0 * f / total + min(1.5, 0.3 * f) if f > 0 else 0.0)
                if named and (c.cc, c.a1) in named:
                    own += 2.5
                if free and c.a1 and (c.cc, c.a1) in members:
                    own += 2.4
                if free and box is not None and box[0] <= c.lat <= box[1] and box[2] <= c.lon <= box[3]:
                    own += 5.5
                if s0 + own < bar:
                    continue
            v = (-evaluate(c, s0, None), x)
            if len(ranked) < 2:
                ranked.append(v)
                ranked.sort()
            elif v < ranked[0]:
                ranked = [v, ranked[0]]
            elif v < ranked[1]:
                ranked[1] = v
        c, s0, notes0 = pools[i][ranked[0][1]]
        notes = list(notes0)
        s = evaluate(c, s0, notes)
        if (
            tail is not None
            and ti is not None
            and not _inside(c, tail, ms[ti])
            and not c.is_admin
            and (tail.is_admin1 or tail.fcode in ("PPLA", "PPLC"))
            and not _listed(ti, ms)
        ):
            notes = [*notes, OUTSIDE]  # "the Industrialny district in Kharkiv": unknown part
        margin = s + ranked[1][0] if len(ranked) > 1 else 5.0
        result[i] = Choice(c, s, margin, notes, len(m.cands))
        chosen[i] = c  # later mentions see this choice at once (a head and its tail settle together)

    keys = [m.key for m in ms]
    tails = [_tail_index(j, ms) for j in range(len(ms))]
    sent_of = [m.sent for m in ms]
    fixed = [len(pool) == 1 for pool in pools]  # one candidate: scored once, at the end
    twin = _twins(ms)  # a name repeated without its own qualifier is scored once per iteration
    group_sents: list[list[int]] = [[m.sent] for m in ms]
    for i, t in enumerate(twin):
        if t is not None:
            group_sents[t].append(ms[i].sent)
    for _ in range(4):  # until the choices settle
        focus = _focus(ms, chosen)
        if prior_cc:
            focus.update(prior_cc)
        total = sum(focus.values()) or 1
        own_of = {}
        for j, o in enumerate(chosen):
            if o is not None and o.cc:
                own_of.setdefault(keys[j], Counter())[o.cc] += 1
        named = {}  # provinces the text names: "…, Georgia"
        members = {}
        for j, o in enumerate(chosen):
            if o is not None and o.is_admin1:
                named.setdefault((o.cc, o.a1), []).append(ms[j])
            if o is not None and o.a1 and not o.is_country:
                members.setdefault((o.cc, o.a1), []).append(ms[j])
        previous = list(chosen)
        for i in range(len(ms)):
            t = twin[i]
            if t is not None:
                chosen[i], result[i] = chosen[t], result[t]
            elif not fixed[i]:
                score(i)
        if [c.id if c else None for c in chosen] == [c.id if c else None for c in previous]:
            break
    for i in range(len(ms)):
        if fixed[i] and twin[i] is None:
            score(i)
    for i, t in enumerate(twin):
        if t is not None:
            chosen[i], result[i] = chosen[t], result[t]
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


def _twins(ms: list[Mention]) -> list[int | None]:
    """For each mention, an earlier one of the same name in the same guise (no list or qualifier
    around either), whose choice it shares; None for the first of each."""
    first: dict[tuple[object, ...], int] = {}
    out: list[int | None] = []
    for i, m in enumerate(ms):
        plain = m.tail_of is None and not m.coord and _tail_index(i, ms) is None
        sig = (m.key, m.suffix, m.governor, m.feature, m.country_hint, m.water, m.match)
        out.append(first.get(sig) if plain else None)
        if plain:
            first.setdefault(sig, i)
    return out


def _listed(i: int, ms: list[Mention]) -> bool:
    """Is mention ``i`` an item of a list ("Moscow, Kiev, Minsk and Riga") rather than a qualifier?"""
    return bool(ms[i].coord) or (i + 1 < len(ms) and ms[i + 1].tail_of == i)


def _level(c: Candidate) -> int:
    return 0 if c.is_country else 1 if c.is_admin1 else 2 if c.is_admin2 else 3


def _inside(c: Candidate, tail: Candidate, tm: Mention) -> bool:
    """Is candidate ``c`` within the unit the tail mention ("X, Donetsk") resolved to?"""
    if c.id == tail.id:
        return tail.is_populated  # "Washington, D.C.": the district is kept as its city
    if c.cc != tail.cc:
        return False
    return tail.is_country or (bool(tail.a1) and c.a1 == tail.a1)


_hypot = math.hypot


def _proximity(d: float) -> float:
    return 3.5 * math.exp(-d / 25) + 1.5 * math.exp(-d / 150) + 0.5 * (d < 400)


def _anchors(
    i: int, chosen: list[Candidate | None], keys: list[str], sents: list[int], near: set[int]
) -> list[tuple[float, float, float, int]]:
    """The other mentions' chosen towns: (lat, lon, weight, id); far-off mentions in the text count
    half (those outside ``near``, the sentences close to mention ``i``'s).  ``keys`` and ``sents``
    are the mentions' keys and sentence numbers."""
    out: dict[int, tuple[float, float, float, int]] = {}
    key = keys[i]
    for j, o in enumerate(chosen):
        if o is None or j == i or o.is_country or o.is_admin1 or keys[j] == key:
            continue
        w = 1.0 if sents[j] in near else 0.5
        old = out.get(o.id)
        if old is None or old[2] < w:
            out[o.id] = (o.lat, o.lon, w, o.id)
    return list(out.values())


def _box(anchors: list[tuple[float, float, float, int]]) -> tuple[float, float, float, float] | None:
    """A latitude/longitude box around the anchors outside which no place gains from proximity."""
    if not anchors:
        return None
    lats = [a[0] for a in anchors]
    lons = [a[1] for a in anchors]
    top = max(abs(min(lats)), abs(max(lats))) + 4.0
    if top >= 80 or max(lons) - min(lons) > 300:
        return (-90.0, 90.0, -180.0, 180.0)
    dlon = 450 / (111.2 * math.cos(math.radians(top)))
    lo, hi = min(lons) - dlon, max(lons) + dlon
    if lo < -180 or hi > 180:  # across the antimeridian
        lo, hi = -180.0, 180.0
    return (min(lats) - 4.0, max(lats) + 4.0, lo, hi)


def _nearest(c: Candidate, anchors: list[tuple[float, float, float, int]]) -> tuple[float, float]:
    """(bonus, km) from the anchor that supports ``c`` most (equirectangular distance, ≤ 1% off)."""
    best_v, best_d = 0.0, 1e9
    clat, clon, cid = c.lat, c.lon, c.id
    coslat = math.cos(math.radians(clat))
    for lat, lon, w, gid in anchors:
        dlat = lat - clat
        if abs(dlat) > 4.0 or gid == cid:
            continue
        dlon = (lon - clon + 180.0) % 360.0 - 180.0
        d = 111.2 * _hypot(dlat, dlon * coslat)
        if d > 450:
            continue
        v = w * _proximity(d)
        if v > best_v:
            best_v, best_d = v, d
    return best_v, best_d
