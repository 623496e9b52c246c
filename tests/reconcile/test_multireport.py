"""Golden test: the multi-report corpus, ingested and extracted by the real pipeline, reconciles to
the incidents, tolls and disputes in tests/fixtures/multireport/expected.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from synth import record_ids

from warledger.reconcile import load_records, resolve
from warledger.reconcile.types import ReconciledRecord
from warledger.store import Ledger

EXPECTED = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "multireport" / "expected.json").read_text()
)["incidents"]
CASES = {case["name"]: case for case in EXPECTED}

def _main(ledger: Ledger, ids: dict[str, str], record: str) -> ReconciledRecord:
    doc = next(d for d, r in ids.items() if r == record)
    return resolve(ledger, doc)


@pytest.mark.parametrize("name", list(CASES))
def test_reports_group_into_incidents(multireport: Ledger, name: str) -> None:
    case = CASES[name]
    ids = record_ids(multireport)
    rec = _main(multireport, ids, case["members"][0])
    got = sorted({ids[m.rsplit("#", 1)[0]] for m in rec.members})
    assert got == sorted(case["members"])
    assert rec.place is not None and rec.place.name == case["place"]
    assert rec.occurred.start == date.fromisoformat(case["occurred"])
    assert [str(rec.reported.start), str(rec.reported.end)] == case["reported"]
    assert rec.source_groups == case["sources"]
    assert sorted(d.kind for d in rec.disputes) == case["disputes"]
    assert rec.disputed == bool(case["disputes"])


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.get("killed")])
def test_casualty_estimates(multireport: Ledger, name: str) -> None:
    case = CASES[name]
    rec = _main(multireport, record_ids(multireport), case["members"][0])
    killed = rec.estimate("killed")
    assert killed is not None
    got = [killed.low, killed.best, killed.high, killed.acled]
    for want, value in zip(case["killed"], got, strict=True):
        if want is not None:
            assert value == want, (got, killed.rules)
    assert killed.low is not None and killed.high is not None and killed.best is not None
    assert killed.low <= killed.best <= killed.high
    assert {"low", "best", "high", "acled"} <= set(killed.rules)


def test_copies_are_one_source(multireport: Ledger) -> None:
    ids = record_ids(multireport)
    rec = _main(multireport, ids, "kr-1")
    killed = rec.estimate("killed")
    assert killed is not None
    copies = {ids[c.doc_id]: c.copy_of for c in killed.figures}
    assert copies["kr-1"] is None and copies["kr-2"] and copies["kr-3"]  # syndicated + translated
    assert killed.independent_sources == 1


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.get("aggregate")])
def test_aggregate_toll_is_linked(multireport: Ledger, name: str) -> None:
    case = CASES[name]
    ids = record_ids(multireport)
    rec = _main(multireport, ids, case["members"][0])
    aggs = [r for r in load_records(multireport) if r.kind == "aggregate"]
    want = case["aggregate"]
    agg = next(a for a in aggs if ids.get(a.documents[0]) == want["from"])
    assert agg.casualties[0].best == want["best"] and agg.consistent is want["consistent"]
    assert rec.id in [link.incident_id for link in agg.linked] and agg.id in rec.aggregates
