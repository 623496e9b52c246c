"""Golden output of ``warledger extract`` on the bundled example reports.

The golden file keeps the fields a human reviews (not scores or explanations). When a change to
the extractor alters it on purpose, regenerate and review the diff:

    WARLEDGER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_examples.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from warledger.cli import main

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "examples.jsonl"
FILES = sorted(p for p in (REPO / "examples" / "reports").iterdir() if p.is_file())


def _place(p: dict[str, Any] | None) -> str | None:
    return None if p is None else f"{p['name']} ({p['admin1']}, {p['country']}) p{p['precision']}"


def _date(d: dict[str, Any] | None) -> str | None:
    return None if d is None else f"{d['text']} → {d['start']}..{d['end']} {d['precision']}"


def _source(s: dict[str, Any] | None) -> str | None:
    if s is None:
        return None
    return " | ".join(str(s[k]) for k in ("text", "name", "role", "organization") if s.get(k)) + (
        " (fallback)" if s.get("fallback") else ""
    )


def summarise(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": Path(doc["id"]).name if ":" not in doc["id"] else doc["id"].split("/")[-1],
        "published": doc["published"],
        "title": doc["title"],
        "figures": [
            {
                "category": f["category"],
                "number": [f["low"], f["high"], f["qualifier"]],
                "victims": f["victims"],
                "cumulative": f["cumulative"],
                "parent": f["parent"],
                "place": _place(f["location"]),
                "date": _date(f["date"]),
                "source": _source(f["source"]),
                "evidence": f["evidence"]["text"],
            }
            for f in doc["figures"]
        ],
        "incidents": [
            {
                "type": f"{i['event_type']} / {i['sub_event_type']}",
                "actors": [i["actor1"], i["actor2"]],
                "place": _place(i["location"]),
                "date": _date(i["date"]),
                "fatalities": i["fatalities"],
                "figures": i["figures"],
            }
            for i in doc["incidents"]
        ],
        "places": sorted({f"{p['text']} → {_place(p)}" for p in doc["places"]}),
        "claims": [f"{c['stance']}: {_source(c['speaker'])}: {c['about']}" for c in doc["claims"]],
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("golden") / "out.jsonl"
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["extract", *map(str, FILES)]) == 0
    out.write_text(buf.getvalue())
    return [summarise(json.loads(line)) for line in buf.getvalue().splitlines()]


def test_examples_match_golden(extracted: list[dict[str, Any]]) -> None:
    if os.environ.get("WARLEDGER_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(
            "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in extracted)
        )
    golden = [json.loads(line) for line in GOLDEN.read_text().splitlines()]
    assert [d["id"] for d in extracted] == [d["id"] for d in golden]
    for got, want in zip(extracted, golden, strict=True):
        assert got == want, f"extraction of {got['id']} changed; review and regenerate (see module docstring)"


def test_examples_key_facts(extracted: list[dict[str, Any]]) -> None:
    """Facts a careful coder reads in the examples, independent of the golden file."""
    by_id = {d["id"]: d for d in extracted}
    donetsk = by_id["donetsk-shelling-2022-04-07.txt"]
    killed = [f for f in donetsk["figures"] if f["category"] == "killed" and f["number"][0] == 5]
    assert any(f["number"][2] == "at_least" and f["date"] and "2022-04-06" in f["date"] for f in killed)
    assert any("Shelling/artillery/missile attack" in i["type"] for i in donetsk["incidents"])
    makariv = by_id["makariv-bodies-2022-04-06.html"]
    assert makariv["published"] == "2022-04-06"
    assert any(f["category"] == "bodies_found" and f["number"][0] == 20 for f in makariv["figures"])
    assert any("Makariv" in p for p in makariv["places"])
