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


def test_pipeline_locates_each_span_once_and_hands_out_copies() -> None:
    """The Extractor asks ``place_for_span`` once per span of a document (figures and incidents
    share spans); every figure and incident still gets a place object of its own."""
    from warledger.pipeline import Extractor, TextInput

    ex = Extractor()
    gp = ex.geoparser
    asked: list[tuple[int, int]] = []
    plain = gp.place_for_span

    def spy(text: str, start: int, end: int, places: list) -> object:
        asked.append((start, end))
        return plain(text, start, end, places)

    ex.geoparser = type("Spy", (), {"place_for_span": staticmethod(spy), "find_places": gp.find_places})()
    text = "Russian shelling killed five civilians in Kharkiv on Monday, officials said."
    r = ex.extract(TextInput(id="a", text=text))
    assert len(asked) == len(set(asked))
    locs = [f.location for f in r.figures] + [i.location for i in r.incidents]
    assert len(locs) >= 2 and all(p is not None and p.name == "Kharkiv" for p in locs)
    assert len({id(p) for p in locs}) == len(locs)
