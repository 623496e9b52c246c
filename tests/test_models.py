from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from warledger.models import CATEGORIES, QUALIFIERS, DateRef, DocumentResult, Evidence, Figure, Place


def test_figure_round_trips_through_json() -> None:
    fig = Figure(
        category="killed",
        low=5,
        qualifier="at_least",
        victims="civilians",
        date=DateRef(text="on Wednesday", start=date(2022, 4, 6), end=date(2022, 4, 6), precision="day"),
        location=Place(text="Donetsk", start=10, end=17, name="Donetsk Oblast", country="UA", precision=3),
        evidence=Evidence(start=0, end=20, text="at least five killed"),
    )
    doc = DocumentResult(id="d1", published=date(2022, 4, 7), figures=[fig])
    data = json.loads(doc.to_json())
    assert data["figures"][0]["date"]["start"] == "2022-04-06"
    assert set(data) == {"id", "published", "title", "url", "figures", "places", "incidents", "claims"}
    assert DocumentResult.model_validate(data) == doc


def test_contract_enumerations() -> None:
    assert "bodies_found" in CATEGORIES and len(CATEGORIES) == 10
    assert set(QUALIFIERS) == {"exact", "at_least", "more_than", "about", "up_to", "range", "vague"}


def test_invalid_values_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Figure(category="slain", evidence=Evidence(start=0, end=1, text="x"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Place(text="x", precision=4)
