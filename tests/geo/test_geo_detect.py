"""Toponym detection and disambiguation on sentences written for these tests, from several countries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.geo import country_of_demonym, load_geoparser
from warledger.models import Place


def places(text: str) -> list[Place]:
    out = load_geoparser().find_places(text)
    for p in out:
        assert text[p.start : p.end] == p.text
        assert p.reason and p.precision in (1, 2, 3) and p.lat is not None
    return out


def by_text(text: str) -> dict[str, Place]:
    return {p.text: p for p in places(text)}


def test_niger_state_is_not_the_country() -> None:
    got = by_text("Gunmen killed 12 villagers in the north-central Nigerian state of Niger, police said.")
    assert got["Niger"].country == "NG" and got["Niger"].feature_code == "ADM1"
    got = by_text("Bandits attacked Kontagora in Niger State on Sunday.")
    assert got["Niger State"].country == "NG" and got["Kontagora"].admin1 == "Niger"
    got = by_text("Niger's president said troops in Niamey were on alert near the border with Mali.")
    assert got["Niger"].country == "NE" and got["Niger"].feature_code == "PCLI"


def test_syria_sudan_myanmar() -> None:
    got = by_text("Airstrikes hit Idlib province in northwestern Syria; fighting continued in al-Raqqa.")
    assert got["Idlib province"].feature_code == "ADM1" and got["Idlib province"].country == "SY"
    assert got["al-Raqqa"].country == "SY" and got["Syria"].precision == 3
    got = by_text("In Sudan, clashes in El Fasher killed 20 people. Khartoum was calm.")
    assert got["El Fasher"].country == "SD" and got["Khartoum"].feature_code == "PPLC"
    got = by_text("Troops burned homes near Mandalay, Myanmar, witnesses said.")
    assert got["Mandalay"].country == "MM" and got["Myanmar"].country == "MM"


def test_demonyms_months_and_common_words_are_not_places() -> None:
    texts = "Police said a Marine was injured in March. Russian shelling hit Kharkiv. Guard units arrived."
    assert [p.text for p in places(texts)] == ["Kharkiv"]
    assert country_of_demonym("Russian") == "RU" and country_of_demonym("Ukrainians") == "UA"
    assert country_of_demonym("Kharkiv") is None


def test_person_names_are_not_places() -> None:
    got = by_text("President Vladimir Putin met Jens Stoltenberg in Brussels. Putin said little.")
    assert list(got) == ["Brussels"]


def test_places_nested_in_titles_and_organisations() -> None:
    got = by_text("Kyiv Oblast Police said Donetsk District Governor Pavlo Kyrylenko was in Kramatorsk.")
    assert got["Kyiv Oblast"].feature_code == "ADM1" and got["Kyiv Oblast"].admin1 == "Kyiv"
    assert got["Donetsk District"].name == "Donetsk Oblast" and got["Donetsk District"].precision == 3
    assert got["Kramatorsk"].admin1 == "Donetsk"


def test_admin_tail_disambiguates() -> None:
    got = by_text(
        "On 13 April, Russian forces shelled Oleksandrivka, Mykolaiv, and Pavlivka, Donetsk region."
    )
    assert got["Oleksandrivka"].admin1 == "Mykolaiv" and got["Pavlivka"].admin1 == "Donetsk"
    assert "qualified by" in (got["Oleksandrivka"].reason or "")


def test_us_state_abbreviations() -> None:
    got = by_text("A man from Gainesville, Ga., was arrested in Austin, TX, on Friday.")
    assert got["Ga."].admin1 == "Georgia" and got["Gainesville"].admin1 == "Georgia"
    assert got["Austin"].admin1 == "Texas"


def test_empty_and_placeless_text() -> None:
    assert places("") == [] and places("   ") == []
    assert places("the cat sat on the mat and nothing happened.") == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_find_places_never_raises_and_spans_hold(text: str) -> None:
    places(text)


def test_bare_city_names_beat_their_provinces() -> None:
    got = by_text("Fighting in Aleppo and Homs, Syria. The rally in New York drew thousands.")
    assert got["Aleppo"].feature_code.startswith("PPL") and got["Homs"].feature_code.startswith("PPL")
    assert got["New York"].feature_code.startswith("PPL") and got["New York"].precision == 1


def test_listed_names_are_alike() -> None:
    got = by_text("Storms hit Georgia and Alabama on Monday.")
    assert got["Georgia"].country == "US" and got["Georgia"].feature_code == "ADM1"
    got = by_text("Troops entered Georgia from Russia.")
    assert got["Georgia"].country == "GE"
    got = by_text("Moscow recognized the Luhansk and Donetsk regions as independent states.")
    assert got["Luhansk"].name == "Luhansk Oblast" and got["Donetsk regions"].name == "Donetsk Oblast"
