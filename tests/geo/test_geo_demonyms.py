"""Nationality words come out as ``Place(kind="demonym")`` and are never an event location;
``where_prec`` (UCDP) is set wherever ``precision`` (ACLED) is."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from warledger.export.ucdp import where_prec
from warledger.geo import country_of_demonym, load_geoparser, ucdp_where_prec
from warledger.models import Place


def _at(text: str, evidence: str, demonyms: bool = True) -> Place | None:
    gp = load_geoparser()
    places = gp.find_places(text, demonyms=demonyms)
    start = text.index(evidence)
    return gp.place_for_span(text, start, start + len(evidence), places)


def test_demonyms_are_places_of_their_own_kind() -> None:
    text = "Russian shelling hit Kharkiv, European and Chinese officials said. American Samoa voted."
    gp = load_geoparser()
    assert all(p.kind == "toponym" for p in gp.find_places(text))  # the default: toponyms only
    places = gp.find_places(text, demonyms=True)
    assert [p.start for p in places] == sorted(p.start or 0 for p in places)
    dem = {p.text: p for p in places if p.kind == "demonym"}
    assert set(dem) == {"Russian", "European", "Chinese"}  # "American" is part of "American Samoa"
    assert dem["Russian"].country == "RU" and dem["Russian"].where_prec == 6
    assert dem["Chinese"].country == "CN"  # not Macao, which shares the demonym
    assert dem["European"].name == "Europe" and dem["European"].feature_code == "CONT"
    assert all(text[p.start : p.end] == p.text for p in places)  # type: ignore[misc]
    assert {p.text for p in places if p.kind == "toponym"} == {"Kharkiv", "American Samoa"}


def test_shared_demonyms_name_the_largest_country() -> None:
    assert country_of_demonym("French") == "FR"
    assert country_of_demonym("Indian") == "IN"
    assert country_of_demonym("Norwegians") == "NO"


def test_a_demonym_is_never_the_event_location() -> None:
    assert _at("Russian shelling killed five civilians on Monday.", "killed five civilians") is None
    text = "Russian shelling killed five civilians in Kharkiv on Monday, Ukrainian officials said."
    p = _at(text, "killed five civilians")
    assert p is not None and p.name == "Kharkiv" and p.kind == "toponym"
    # the nearest place before is skipped over when it is a nationality word
    text = "Shelling hit Izium overnight.\n\nIn a Russian strike, three people died."
    p = _at(text, "three people died")
    assert p is not None and p.text == "Izium" and p.kind == "toponym"


def test_pipeline_places_carry_demonyms_but_locations_do_not() -> None:
    from warledger.pipeline import extract

    r = extract("Russian shelling killed five civilians on Monday.", published="2022-04-07")
    assert [(p.text, p.kind, p.country) for p in r.places] == [("Russian", "demonym", "RU")]
    assert r.figures and all(f.location is None for f in r.figures)
    assert all(i.location is None for i in r.incidents)
    r = extract("Russian shelling killed five civilians in Kharkiv on Monday.", published="2022-04-07")
    assert {p.kind for p in r.places} == {"demonym", "toponym"}
    assert r.figures[0].location is not None and r.figures[0].location.name == "Kharkiv"
    assert all(i.location is None or i.location.kind == "toponym" for i in r.incidents)


@pytest.mark.parametrize(
    ("text", "evidence", "precision", "where"),
    [
        ("Shelling killed two people in Kharkiv.", "killed two", 1, 1),
        ("Shelling killed two people near Kharkiv.", "killed two", 2, 2),
        ("Shelling killed two people in the Makarov district west of Kyiv.", "killed two", 2, 3),
        ("Shelling killed two people in the Kharkiv region.", "killed two", 3, 4),
        ("Shelling killed two people in Ukraine.", "killed two", 3, 6),
    ],
)
def test_where_prec_follows_the_place(text: str, evidence: str, precision: int, where: int) -> None:
    p = _at(text, evidence)
    assert p is not None and (p.precision, p.where_prec) == (precision, where)


def test_every_resolved_place_has_both_precisions() -> None:
    text = "Fighting near Izium, in the Donetsk region and in Ukraine's east; Polish aid reached Lviv."
    for p in load_geoparser().find_places(text, demonyms=True):
        assert p.precision is not None and p.where_prec is not None


def test_ucdp_where_prec_of_features() -> None:
    assert ucdp_where_prec("PCLI", 3) == 6
    assert ucdp_where_prec("ADM1", 3) == 4
    assert ucdp_where_prec("ADM2", 2) == 3
    assert ucdp_where_prec("CONT", 3) == 5
    assert ucdp_where_prec("SEA", 3) == 7
    assert ucdp_where_prec("PPL", 1) == 1 and ucdp_where_prec("PPL", 2) == 2


def test_ucdp_export_uses_the_places_where_prec() -> None:
    district = Place(text="Makarov district", name="Makariv", feature_code="ADM2", precision=2, where_prec=3)
    assert where_prec(SimpleNamespace(place=district)) == 3  # type: ignore[arg-type]
    old = Place(text="Kharkiv region", name="Kharkiv Oblast", feature_code="ADM1", precision=3)
    assert where_prec(SimpleNamespace(place=old)) == 4  # type: ignore[arg-type]
