"""Person names holding place names: bylines, "X Y said", titles, appositions (sentences written here)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.geo import load_geoparser
from warledger.geo.persons import person_spans


def names(text: str) -> list[str]:
    return [p.text for p in load_geoparser().find_places(text)]


def test_bylines_are_not_places() -> None:
    text = "By Kara Anna and Valentina Klimenko, Associated Press\n\nKYIV, Ukraine — Shells hit Kyiv."
    got = names(text)
    assert "Anna" not in got and "Kara" not in got and "Kyiv" in got
    assert names("By KARA ANNA and VALENTINA KLIMENKO Associated Press") == []
    got = names(
        "Associated Press writers Yuras Karmanau in Lviv and Mstyslav Chernov in Mariupol contributed."
    )
    assert got == ["Lviv", "Mariupol"]


def test_a_name_before_a_speech_verb_or_an_apposition_is_a_person() -> None:
    assert "Ellis" not in names("The convoy left Bamako on Monday, said Tiara Ellis.")
    assert "Canada" in names("Snow is coming, said Environment Canada meteorologist Gabor Fricska.")
    assert "Jordan" not in names("Jordan Peterson, who spoke in Toronto, was cheered.")
    assert "Clark" not in names("Stephon Clark, 22, was shot by officers in Sacramento.")
    got = names("Kara Anna reported from Kyiv. Valentina Klimenko contributed from Lviv.")
    assert got == ["Kyiv", "Lviv"]


def test_places_next_to_cue_words_stay_places() -> None:
    assert "Saudi Arabia" in names("Saudi Arabia said it would host the talks.")
    assert "Kyiv" in names("Kyiv Mayor Vitali Klitschko said two people died.")
    assert "Dubai" in names("He won at the Dubai World Cup, the richest race of the year.")
    assert "Georgia" in names("Protesters in Georgia said they would march again.")
    assert "Clark County" in names("Epperson said Clark County's trailer looked new.")


def test_person_spans_uses_only_generic_cues() -> None:
    def never(_key: str) -> bool:
        return False

    text = "said Mary Wheeler on Sunday. Tom Hawk, a Manhattan Democrat, who spoke. The Red Cross said."
    spans = [text[s:e] for s, e in person_spans(text, never, {})]
    assert spans == ["Mary Wheeler"]


_PIECES = st.sampled_from(["Kara ", "Anna ", "By ", "said ", "and ", ", ", "who ", "\n", "Kyiv "])


@settings(max_examples=80, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_person_spans_are_ordered_runs_of_the_text(text: str) -> None:
    spans = person_spans(text, lambda k: k == "kyiv", {})
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(text[s].isupper() and " " in text[s:e] for s, e in spans)
