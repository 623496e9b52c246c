"""``Geoparser.lookup`` (the gazetteer search behind `warledger gazetteer lookup` and the web
review's place correction) lists what a reviewer most likely means first."""

from __future__ import annotations

from warledger.geo import load_geoparser


def test_towns_come_before_provinces_of_the_same_name() -> None:
    gp = load_geoparser()
    first = gp.lookup("Lviv")[0]
    assert (first.name, first.fcode) == ("Lviv", "PPLA")
    codes = [c.fcode for c in gp.lookup("Donetsk")]
    assert codes.index("PPLA") < codes.index("ADM1")


def test_countries_first_and_spelling_variants_last() -> None:
    gp = load_geoparser()
    assert gp.lookup("Niger")[0].fcode.startswith("PCL")
    kinds = [c.kind for c in gp.lookup("Kiev")]
    assert gp.lookup("Kiev")[0].name == "Kyiv"
    assert kinds == sorted(kinds, key=lambda k: k >= 2)  # loose/transliterated matches at the end
