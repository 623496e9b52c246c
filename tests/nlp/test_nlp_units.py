"""Unit tests for the pure parts of the NLP package: numbers, dates, speakers, sentences."""

from __future__ import annotations

from datetime import date

import pytest

from warledger.nlp import split_sentences
from warledger.nlp.dates import find_dates
from warledger.nlp.numbers import find_numbers, find_quantities, parse_number
from warledger.nlp.speakers import attributions_in_sentence, split_speaker


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000),
        ("24 000", 24000),
        ("twenty-four thousand", 24000),
        ("five", 5),
        ("1.5 million", 1_500_000),
        ("three hundred and twelve", 312),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "low", "high", "qual"),
    [
        ("at least five civilians", 5, None, "at_least"),
        ("more than 5,000 people", 5000, None, "more_than"),
        ("an estimated 24,000 or more troops", 24000, None, "at_least"),
        ("between 30 and 40 people", 30, 40, "range"),
        ("30 to 40 people", 30, 40, "range"),
        ("30-40 people", 30, 40, "range"),
        ("up to 200 people", None, 200, "up_to"),
        ("as many as 5,000 people", None, 5000, "up_to"),
        ("nearly 90 people", 90, 90, "about"),
        ("some 3,000 residents", 3000, 3000, "about"),
        ("dozens of people", 12, None, "vague"),
        ("hundreds of bodies", 100, None, "vague"),
        ("scores of fighters", 12, None, "vague"),
        ("tens of thousands of people", 10000, None, "vague"),
        ("a dozen soldiers", 12, 12, "exact"),
    ],
)
def test_find_numbers_qualifiers(text: str, low: int | None, high: int | None, qual: str) -> None:
    m = find_numbers(text)[0]
    assert (m.low, m.high, m.qualifier) == (low, high, qual)
    assert text[m.start : m.end].strip()


def test_singular_people() -> None:
    text = "The pilot died and a 64-year-old woman was wounded; an elderly man was killed."
    ones = [m for m in find_quantities(text) if m.value == 1]
    assert len(ones) == 3


@pytest.mark.parametrize(
    ("expr", "start", "end", "prec"),
    [
        ("on Wednesday", date(2022, 4, 6), date(2022, 4, 6), "day"),
        ("on Thursday", date(2022, 4, 7), date(2022, 4, 7), "day"),
        ("yesterday", date(2022, 4, 6), date(2022, 4, 6), "day"),
        ("last week", date(2022, 3, 28), date(2022, 4, 3), "week"),
        ("overnight", date(2022, 4, 6), date(2022, 4, 7), "interval"),
        ("in early March", date(2022, 3, 1), date(2022, 3, 10), "interval"),
        ("in mid-April", date(2022, 4, 11), date(2022, 4, 20), "interval"),
        ("on March 16", date(2022, 3, 16), date(2022, 3, 16), "day"),
        ("on 16 March 2021", date(2021, 3, 16), date(2021, 3, 16), "day"),
        ("in 2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("in a few weeks", date(2022, 3, 17), date(2022, 4, 7), "interval"),
    ],
)
def test_dates_anchored(expr: str, start: date, end: date, prec: str) -> None:
    text = f"It happened {expr}."
    d = find_dates(text, 0, len(text), date(2022, 4, 7))[0]
    assert (d.first, d.last, d.precision) == (start, end, prec)
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize("expr", ["on Wednesday", "yesterday", "last week", "in mid-April", "in a few weeks"])
def test_relative_dates_need_publication_date(expr: str) -> None:
    text = f"It happened {expr}."
    d = find_dates(text, 0, len(text), None)[0]
    assert d.first is None and d.last is None


@pytest.mark.parametrize(
    ("phrase", "name", "role", "org"),
    [
        ("Donetsk District Governor Pavlo Kirilenko", "Pavlo Kirilenko", "Donetsk District Governor", None),
        (
            "Spokesman for the General Staff of the Armed Forces of Ukraine Oleksandr Shputun",
            "Oleksandr Shputun",
            "Spokesman",
            "General Staff of the Armed Forces of Ukraine",
        ),
        (
            "UN human rights office spokeswoman Ravina Shamdasani",
            "Ravina Shamdasani",
            "spokeswoman",
            "UN human rights office",
        ),
        ("Ukrainian authorities", None, None, "Ukrainian authorities"),
        ("Syrian Observatory for Human Rights", None, None, "Syrian Observatory for Human Rights"),
    ],
)
def test_split_speaker(phrase: str, name: str | None, role: str | None, org: str | None) -> None:
    assert split_speaker(phrase) == (name, role, org)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police said they found 20 bodies.", "Police"),
        ("Five people died, according to the regional health department.", "the regional health department"),
        ("“We lost everything,” said Amina Bello, a farmer.", "Amina Bello"),
        ("A US official, speaking on condition of anonymity, told reporters the toll was higher.", None),
    ],
)
def test_attributions(sentence: str, expected: str | None) -> None:
    atts = attributions_in_sentence(sentence, 0, len(sentence))
    assert atts
    if expected:
        assert atts[0].text == expected
    for a in atts:
        assert sentence[a.start : a.end] == a.text


def test_anonymous_source() -> None:
    s = "A US official, who spoke on condition of anonymity, said 12 soldiers died."
    atts = attributions_in_sentence(s, 0, len(s))
    assert atts and atts[-1].anonymous


def test_split_sentences_offsets_and_paragraphs() -> None:
    text = "Gen. Smith arrived. He said 5 died.\n\nU.S. officials agreed. Another line"
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [
        "Gen. Smith arrived.",
        "He said 5 died.",
        "U.S. officials agreed.",
        "Another line",
    ]
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]
