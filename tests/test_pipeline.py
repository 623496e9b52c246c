"""The extraction pipeline never raises and keeps its span invariants, whatever the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.pipeline import Extractor, TextInput, extract_many

WORDS = [
    "killed",
    "wounded",
    "at least",
    "five",
    "dozens",
    "of",
    "civilians",
    "in",
    "Kharkiv",
    "Kiev",
    "said",
    "police",
    "on Wednesday",
    "the",
    "bodies",
    "were",
    "found",
    "2,000",
    "-",
    "\u201c",
    "\u201d",
    "Donetsk region",
    "according to",
    "more than",
    "1999",
    "%",
    ".",
    ",",
    "\n\n",
    "Mr.",
    "Gaza",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _check(text: str, extractor: Extractor, published: date | None) -> None:
    result = extractor.extract(TextInput(id="t", text=text, published=published))
    for fig in result.figures:
        assert text[fig.evidence.start : fig.evidence.end] == fig.evidence.text
        assert fig.low is not None or fig.high is not None
        if fig.parent is not None:
            assert 0 <= fig.parent < len(result.figures)
    for place in result.places:
        assert place.start is not None and place.end is not None
        assert text[place.start : place.end] == place.text
    for inc in result.incidents:
        assert text[inc.evidence.start : inc.evidence.end] == inc.evidence.text
        assert all(0 <= i < len(result.figures) for i in inc.figures)
    if published is None:  # relative dates are never guessed from the machine's clock
        for fig in result.figures:
            if fig.date is not None and fig.date.text.lower().strip(" .").endswith(
                ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday")
            ):
                assert fig.date.start is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(extractor: Extractor, text: str) -> None:
    _check(text, extractor, None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
)
def test_conflict_like_text_never_raises(extractor: Extractor, text: str, published: date | None) -> None:
    _check(text, extractor, published)


def test_extract_many_keeps_order_and_ids(extractor: Extractor) -> None:
    items = [TextInput(id=f"d{i}", text=f"Shelling killed {i + 2} people in Kharkiv.") for i in range(5)]
    results = list(extract_many(items, extractor=extractor, batch_size=2))
    assert [r.id for r in results] == [f"d{i}" for i in range(5)]
    assert [r.figures[0].low for r in results] == [2, 3, 4, 5, 6]


def test_public_extract_api() -> None:
    import warledger

    r = warledger.extract("Shelling killed five civilians in Kharkiv on Monday.", published="2022-04-07")
    killed = [f for f in r.figures if f.category == "killed"]
    assert killed and killed[0].low == 5
    assert killed[0].date is not None and killed[0].date.start == date(2022, 4, 4)


def test_worker_processes_give_the_same_results(extractor: Extractor) -> None:
    items = [
        TextInput(
            id=f"d{i}",
            text=f"At least {i + 3} civilians were killed in Kharkiv on Monday, police said.",
            published=date(2022, 4, 7),
        )
        for i in range(4)
    ]
    single = [r.model_dump() for r in extract_many(items, extractor=extractor)]
    multi = [r.model_dump() for r in extract_many(items, processes=2, batch_size=1)]
    assert multi == single
