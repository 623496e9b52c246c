"""Event location: the place where a figure's event happened, not merely one mentioned."""

from __future__ import annotations

from warledger.geo import load_geoparser

TEXT = (
    "Kyiv, Ukraine - Officials in Brussels called for more weapons on Thursday.\n\n"
    "Police said they found at least 20 bodies in the Makarov district west of Kyiv. In the village of "
    "Andrievka, residents said soldiers detained several men.\n\n"
    "In the southern port city of Mariupol, the mayor said more than 5,000 civilians were killed.\n\n"
    "British officials say 160,000 people remain trapped in the city.\n\n"
    "Donetsk District Governor Pavlo Kyrylenko said five civilians were killed in shelling on Wednesday."
)


def locate(evidence: str):
    gp = load_geoparser()
    places = gp.find_places(TEXT)
    start = TEXT.index(evidence)
    return gp.place_for_span(TEXT, start, start + len(evidence), places)


def test_same_sentence_district_beats_reference_point() -> None:
    p = locate("found at least 20 bodies")
    assert p is not None and p.name == "Makariv" and p.precision == 2


def test_village_and_city() -> None:
    p = locate("soldiers detained several men")
    assert p is not None and p.name == "Andriivka" and p.admin1 == "Kyiv"
    p = locate("more than 5,000 civilians were killed")
    assert p is not None and p.name == "Mariupol" and p.precision == 1


def test_anaphora_the_city() -> None:
    p = locate("160,000 people remain trapped")
    assert p is not None and p.name == "Mariupol"
    assert "the city" in (p.reason or "")


def test_governor_title_gives_the_province() -> None:
    p = locate("five civilians were killed")
    assert p is not None and p.name == "Donetsk Oblast" and p.admin1 == "Donetsk" and p.precision == 3


def test_no_places_gives_none() -> None:
    gp = load_geoparser()
    assert gp.place_for_span("Five people were killed.", 0, 10, []) is None
