"""Golden tests on warledger's own challenge dispatches (tests/nlp/nlp_dispatches.py)."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_dispatches import GAZA, MYANMAR, SAHEL, SUDAN, SYRIA, UKRAINE

from warledger.models import Figure
from warledger.nlp import Analysis, Engine, build_incidents


def _find(an: Analysis, category: str, value: int) -> Figure:
    for f in an.figures:
        if f.category == category and value in (f.low, f.high):
            return f
    raise AssertionError(
        f"no {category} figure with {value}: {[(f.category, f.low, f.high) for f in an.figures]}"
    )


def _values(an: Analysis) -> set[int]:
    return {v for f in an.figures for v in (f.low, f.high) if v is not None}


def _spans_exact(text: str, an: Analysis) -> None:
    for f in an.figures:
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text
    for c in an.claims:
        assert text[c.evidence.start : c.evidence.end] == c.evidence.text


def test_sahel_subset_anonymous_vague_weekday(engine: Engine) -> None:
    text, pub = SAHEL
    an = engine.analyze(text, pub)
    _spans_exact(text, an)
    killed = _find(an, "killed", 40)
    assert killed.qualifier == "at_least" and killed.victims == "civilians"
    assert killed.source and killed.source.anonymous and "official" in (killed.source.role or "")
    assert killed.date and killed.date.start == date(2024, 6, 9)  # Sunday before Tuesday 11 June
    kids = _find(an, "killed", 12)
    assert kids.victims == "children" and kids.parent == an.figures.index(killed)
    wounded = _find(an, "injured", 12)
    assert wounded.qualifier == "vague"
    assert _find(an, "displaced", 3000).qualifier == "about"
    assert 60 not in _values(an)  # 60 km
    assert 14 not in _values(an)  # 14-year-old
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    main = max(incs, key=lambda i: i.fatalities.best or 0)
    assert (main.event_type, main.sub_event_type) == ("Violence against civilians", "Attack")
    assert main.fatalities.best == 40 and main.actor1 == "Unidentified Armed Group"


def test_sudan_shelling_institution_denial_money(engine: Engine) -> None:
    text, pub = SUDAN
    an = engine.analyze(text, pub)
    _spans_exact(text, an)
    k = _find(an, "killed", 15)
    assert k.source and "Sudan Doctors Network" in (k.source.organization or "")
    assert k.date and k.date.start == date(2024, 6, 28)
    assert _find(an, "injured", 30).low == 30
    assert _find(an, "killed", 4).victims == "women"
    vals = _values(an)
    assert 500000 not in vals and 5 not in vals and 5_000_000 not in vals
    denial = [c for c in an.claims if c.stance == "denial"]
    assert denial and "RSF" in denial[0].speaker.text and "civilians" in denial[0].about
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    assert incs[0].sub_event_type == "Shelling/artillery/missile attack"
    assert incs[0].actor1 == "Rapid Support Forces" and incs[0].fatalities.best == 15
    assert any(i.sub_event_type == "Denial" and i.event_type == "Context" for i in incs)


def test_gaza_range_overnight_subset_cumulative(engine: Engine) -> None:
    text, pub = GAZA
    an = engine.analyze(text, pub)
    rng = _find(an, "killed", 20)
    assert (rng.low, rng.high, rng.qualifier) == (20, 25, "range")
    assert rng.date and rng.date.precision == "interval" and rng.date.end == pub
    assert rng.source and "health ministry" in (rng.source.organization or "")
    bodies = _find(an, "bodies_found", 9)
    kids = _find(an, "bodies_found", 7)
    assert kids.victims == "children" and kids.parent == an.figures.index(bodies)
    toll = _find(an, "killed", 30000)
    assert toll.cumulative and toll.qualifier == "more_than"
    assert 70 not in _values(an)
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    assert incs[0].sub_event_type == "Air/drone strike"
    assert incs[0].actor1 and incs[0].actor1.startswith("Military Forces of Israel")
    assert incs[0].fatalities.low == 20 and incs[0].fatalities.high == 25


def test_myanmar_detention_ambush_houses(engine: Engine) -> None:
    text, pub = MYANMAR
    an = engine.analyze(text, pub)
    det = _find(an, "detained", 30)
    assert det.qualifier == "about" and det.victims == "civilians"
    assert (
        det.source
        and det.source.role == "spokesman"
        and "People's Defense Force" in (det.source.organization or "")
    )
    assert det.date and det.date.start == date(2023, 5, 3)
    assert _find(an, "killed", 3).victims == "soldiers"
    assert 100 not in _values(an)  # 100 houses
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    assert incs[0].sub_event_type == "Abduction/forced disappearance"
    assert incs[0].actor1 == "Military Forces of Myanmar (2021-)"
    assert any(i.sub_event_type == "Armed clash" for i in incs)


def test_syria_car_bomb_absolute_date_population(engine: Engine) -> None:
    text, pub = SYRIA
    an = engine.analyze(text, pub)
    k = _find(an, "killed", 5)
    assert k.date and k.date.start == date(2023, 3, 16) and k.date.precision == "day"
    assert k.source and "Syrian Observatory for Human Rights" in (k.source.organization or "")
    crit = _find(an, "injured", 8)
    assert crit.parent == an.figures.index(_find(an, "injured", 20))
    vals = _values(an)
    assert 250000 not in vals and 2017 not in vals and 12 not in vals
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    assert incs[0].sub_event_type == "Remote explosive/landmine/IED" and incs[0].fatalities.best == 5


def test_ukraine_quote_pronoun_arrest_up_to_interval(engine: Engine) -> None:
    text, pub = UKRAINE
    an = engine.analyze(text, pub)
    k = _find(an, "killed", 7)
    assert k.source and k.source.name == "Oleh Synehubov" and k.source.role == "Kharkiv regional governor"
    assert k.date and k.date.start == date(2023, 4, 1)
    b = _find(an, "bodies_found", 12)
    assert b.cumulative and b.source and b.source.name == "Synehubov"
    assert _find(an, "detained", 2).source.organization == "Police"  # type: ignore[union-attr]
    ev = _find(an, "evacuated", 5000)
    assert ev.qualifier == "up_to" and ev.low is None and ev.high == 5000
    assert ev.date and ev.date.precision == "interval" and ev.date.start == date(2023, 4, 11)
    w = _find(an, "injured", 1)
    assert w.date and w.date.precision == "week"
    assert 64 not in _values(an)
    incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
    assert any(i.sub_event_type == "Arrests" and i.actor1 == "Police Forces" for i in incs)


def test_no_publication_date_keeps_relative_dates_null(engine: Engine) -> None:
    text, _ = SAHEL
    an = engine.analyze(text, None)
    k = _find(an, "killed", 40)
    assert k.date is not None and k.date.start is None and k.date.end is None


@pytest.mark.parametrize("outlet", [None, "Example Wire"])
def test_outlet_fallback(engine: Engine, outlet: str | None) -> None:
    text = "Shelling killed three civilians in the town on Monday."
    an = engine.analyze(text, date(2022, 5, 4), outlet=outlet)
    src = an.figures[0].source
    if outlet is None:
        assert src is None
    else:
        assert src is not None and src.fallback and src.name == outlet
