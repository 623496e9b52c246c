"""Speakers given as a role phrase and a name in two comma-separated segments before the verb."""

from __future__ import annotations

import pytest

import warledger

CASES = [
    (
        "The mayor of Mariupol, Vadym Boichenko, said on Thursday that more than 5,000 civilians had died.",
        ("Vadym Boichenko", "mayor", "Mariupol"),
    ),
    (
        "Shelling killed at least five civilians in the Donetsk region on Wednesday, the regional "
        "governor, Pavlo Kyrylenko, said on Thursday.",
        ("Pavlo Kyrylenko", "regional governor", None),
    ),
    (
        "Twelve people died in the raid near Maiduguri, Abdullahi Musa, a local official, told reporters.",
        ("Abdullahi Musa", "local official", None),
    ),
    (
        "Hamid Karimi, the director of the hospital in Idlib, said 14 patients were killed.",
        ("Hamid Karimi", "director", "hospital in Idlib"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_role_and_name_segments(text: str, expected: tuple[str, str, str | None]) -> None:
    result = warledger.extract(text, published="2022-04-07")
    assert result.figures, "a figure is found"
    source = result.figures[0].source
    assert source is not None and not source.fallback
    assert (source.name, source.role, source.organization) == expected
    assert text[text.index(source.text) :].startswith(source.text)


def test_a_list_of_places_is_not_a_speaker() -> None:
    text = "In Kharkiv, Izium, Balakliia, police said three people were killed."
    source = warledger.extract(text, published="2022-04-07").figures[0].source
    assert source is not None and source.text == "police"
