"""The seed dispatch (../shared/eval): places resolve right, figures are placed where they happened."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warledger.geo import load_geoparser

SHARED = Path(os.environ.get("WARLEDGER_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
SEED = SHARED / "eval" / "seed-ap-2022-04-07.txt"
GOLD = SHARED / "eval" / "seed-gold.json"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"needs the shared data folder: {SEED} is absent (set WARLEDGER_SHARED)")
    return SEED.read_text(encoding="utf-8")


def test_seed_places(seed: str) -> None:
    places = load_geoparser().find_places(seed)
    got = {(p.text, p.name, p.admin1 or p.country) for p in places}
    expected = {
        ("Donetsk District", "Donetsk Oblast", "Donetsk"),
        ("Kyiv", "Kyiv", "Kyiv City"),
        ("Kiev", "Kyiv", "Kyiv City"),
        ("Bucha", "Bucha", "Kyiv"),
        ("Makarov district", "Makariv", "Kyiv"),
        ("Andrievka", "Andriivka", "Kyiv"),
        ("Chernihiv", "Chernihiv", "Chernihiv"),
        ("Kharkiv", "Kharkiv", "Kharkiv"),
        ("Kherson region", "Kherson Oblast", "Kherson"),
        ("Mariupol", "Mariupol", "Donetsk"),
        ("Lviv", "Lviv", "Lviv"),
        ("Belarus", "Belarus", "BY"),
        ("Brussels", "Brussels", "Brussels Capital"),
    }
    assert expected <= got, expected - got
    andriivka = next(p for p in places if p.text == "Andrievka")
    assert abs(andriivka.lat - 50.55) < 0.05 and abs(andriivka.lon - 29.84) < 0.05  # the one near Makariv
    texts = {p.text for p in places}
    assert not texts & {"Putin", "NATO", "Kuleba", "Police", "Russian", "Ukrainian", "Sea", "Red Cross"}


def test_seed_figures_located(seed: str) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gp = load_geoparser()
    places = gp.find_places(seed)
    for fig in gold["figures"]:
        start = seed.index(fig["evidence"])
        p = gp.place_for_span(seed, start, start + len(fig["evidence"]), places)
        assert p is not None, fig["evidence"]
        names = {n.replace(" Oblast", "") for n in fig["location_normalized"]}
        assert p.name.replace(" Oblast", "") in names, (fig["evidence"][:60], p.name, p.reason)
