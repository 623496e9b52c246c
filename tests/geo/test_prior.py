"""Geographic priors: a declared focus and a collection's own places break ties between namesakes.

Sentences written for these tests; none is taken from an evaluation corpus.  "Andriivka" names
some sixty villages in Ukraine (the issue's own example), spread over most provinces.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.errors import InputError
from warledger.geo import load_geoparser
from warledger.geo.prior import (
    MAX_BONUS,
    GeoPrior,
    collection_prior,
    focus_prior,
    geoparse_collection,
    prior_from_setting,
)
from warledger.geo.store import Candidate, candidate
from warledger.settings import Settings

BARE = "Shelling was reported near Andriivka."
KHARKIV_DOCS = [
    "Shelling hit Kupiansk, Kharkiv, overnight.",
    "A school was damaged in Balakliia, Kharkiv.",
    "Fighting continued around Izium, Kharkiv.",
    "Two people were wounded in Chuhuiv, Kharkiv.",
    "A bridge was destroyed in Lozova, Kharkiv.",
    "Rockets struck Bohodukhiv, Kharkiv, on Monday.",
    "Power was cut in Vovchansk, Kharkiv.",
]


def _andriivka(places: list) -> object:
    return next(p for p in places if p.text == "Andriivka")


def test_a_focus_setting_chooses_the_namesake_in_the_focus_province() -> None:
    gp = load_geoparser()
    for unit, admin1 in (("Kharkiv", "Kharkiv"), ("Donetsk", "Donetsk"), ("Sumy Oblast", "Sumy")):
        p = _andriivka(gp.find_places(BARE, prior=focus_prior(f"UA:{unit}", gp)))
        assert p.country == "UA" and p.admin1 == admin1
        assert "focus" in (p.reason or "")


def test_focus_spelling_forms() -> None:
    gp = load_geoparser()
    assert focus_prior("ua", gp).countries == {"UA": 1.0}
    assert set(focus_prior("UA,RU", gp).countries) == {"UA", "RU"}
    two = focus_prior("UA:Donetsk,Luhansk;SY", gp)
    assert set(two.countries) == {"UA", "SY"} and len(two.regions) == 2
    assert prior_from_setting("auto", gp) is None and prior_from_setting("off", gp) is None
    with pytest.raises(InputError, match="country code"):
        focus_prior("XX", gp)
    with pytest.raises(InputError, match="first-level unit"):
        focus_prior("UA:Atlantis", gp)


def test_a_qualified_name_keeps_its_own_province_against_the_focus() -> None:
    gp = load_geoparser()
    p = _andriivka(gp.find_places("Shelling hit Andriivka, Sumy.", prior=focus_prior("UA:Kharkiv", gp)))
    assert p.admin1 == "Sumy"


def test_a_collection_lends_its_province_to_a_bare_name() -> None:
    gp = load_geoparser()
    texts = [*KHARKIV_DOCS, BARE, "Shelling hit Andriivka, Sumy."]
    places, prior = geoparse_collection(gp, texts)
    assert prior is not None and max(prior.countries, key=prior.countries.__getitem__) == "UA"
    assert _andriivka(places[-2]).admin1 == "Kharkiv"
    assert "collection prior" in (_andriivka(places[-2]).reason or "")
    assert _andriivka(places[-1]).admin1 == "Sumy"  # its own qualifier still wins
    # confident documents are not parsed again: their places are the single-document ones
    assert [p.model_dump() for p in places[0]] == [p.model_dump() for p in gp.find_places(texts[0])]


@settings(max_examples=5, deadline=None)
@given(st.permutations(list(range(len(KHARKIV_DOCS) + 1))))
def test_the_collection_prior_does_not_depend_on_document_order(order: list[int]) -> None:
    gp = load_geoparser()
    texts = [*KHARKIV_DOCS, BARE]
    base, _ = geoparse_collection(gp, texts)
    shuffled, _ = geoparse_collection(gp, [texts[i] for i in order])
    for k, i in enumerate(order):
        assert [p.model_dump() for p in shuffled[k]] == [p.model_dump() for p in base[i]]


def _cand(i: int, cc: str, a1: str, lat: float, lon: float) -> Candidate:
    return candidate(i, f"place {i}", cc, a1, "", lat, lon, "PPL", 100, 0)


def test_prior_bonus_is_bounded_and_weak_for_small_collections() -> None:
    docs = [[_cand(i, "UA", "07", 49.9 + i / 100, 36.2)] for i in range(40)]
    big = collection_prior(docs)
    small = collection_prior(docs[:2])
    assert isinstance(big, GeoPrior) and isinstance(small, GeoPrior)
    here, far = _cand(1000, "UA", "07", 49.95, 36.25), _cand(1001, "UA", "17", 46.5, 30.7)
    assert 0 <= big.bonus(far) < big.bonus(here) <= big.max_bonus <= MAX_BONUS
    assert small.bonus(here) < big.bonus(here)
    assert collection_prior([[], []]) is None
    spread = [[_cand(i, cc, "01", 10.0 * i, 5.0 * i)] for i, cc in enumerate(["US", "FR", "IN", "BR", "UA"])]
    assert collection_prior(spread) is None  # no country dominates: no prior, no second pass


def test_extract_many_uses_the_collection_prior_and_the_focus_setting() -> None:
    from warledger.pipeline import Extractor, TextInput, extract_many

    items = [TextInput(id=str(i), text=t) for i, t in enumerate([*KHARKIV_DOCS, BARE])]
    ex = Extractor(replace(Settings(), geo_focus="auto"))
    results = list(extract_many(items, extractor=ex, settings=ex.settings, batch_size=3))
    assert [r.id for r in results] == [it.id for it in items]
    assert _andriivka(results[-1].places).admin1 == "Kharkiv"
    off = replace(Settings(), geo_focus="off")
    alone = list(extract_many(items[-1:] * 6, extractor=Extractor(off), settings=off))
    assert {_andriivka(r.places).geonameid for r in alone} == {_andriivka(ex.places(BARE)).geonameid}
    sumy = Extractor(replace(Settings(), geo_focus="UA:Sumy"))
    assert _andriivka(sumy.extract(items[-1]).places).admin1 == "Sumy"
