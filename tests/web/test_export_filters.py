"""Exports honour every filter of the UI and the API: dates, type, place, actor, disputed, text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warledger.export import export
from warledger.reconcile import RecordFilter, load_records
from warledger.store import Ledger


def _exported_incidents(client: TestClient, params: dict[str, str]) -> list[str]:
    r = client.get("/api/v1/export/jsonl", params=params)
    assert r.status_code == 200, r.text
    rows = [json.loads(line) for line in r.text.splitlines() if line.strip()]
    return sorted(x["id"] for x in rows if x["kind"] == "incident")


def _listed(client: TestClient, params: dict[str, str]) -> list[str]:
    got = client.get("/api/v1/incidents", params={**params, "limit": "1000"}).json()
    return sorted(i["id"] for i in got["items"])


def _filters(ledger: Ledger) -> list[dict[str, str]]:
    records = load_records(ledger, RecordFilter(kind="incident"))
    actor = next(r.actor1 for r in records if r.actor1)
    return [
        {"actor": actor.split()[0].lower()},
        {"disputed": "yes"},
        {"disputed": "no"},
        {"q": "kramatorsk"},
        {"q": "shelling", "disputed": "no"},
        {"since": "2022-04-05", "until": "2022-04-08", "type": "explosions"},
        {"source": "world-briefs"},
        {"source": "MARIUPOL", "review": "unreviewed"},
    ]


def test_api_exports_match_the_incident_list_for_every_filter(
    client: TestClient, shared_ledger: Ledger
) -> None:
    everything = _exported_incidents(client, {})
    for params in _filters(shared_ledger):
        listed = _listed(client, params)
        assert _exported_incidents(client, params) == listed, params
        assert set(listed) <= set(everything)
    assert _exported_incidents(client, {"disputed": "yes"}) != everything or not everything
    assert _exported_incidents(client, {"q": "zzzqqq-nothing"}) == []


def test_acled_export_with_text_filter(client: TestClient) -> None:
    every = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/acled").text)))
    kram = client.get("/api/v1/export/acled", params={"q": "kramatorsk"})
    rows = list(csv.DictReader(io.StringIO(kram.text)))
    assert 0 < len(rows) <= len(_listed(client, {"q": "kramatorsk"})) and len(rows) < len(every)
    assert {r["event_id_cnty"] for r in rows} < {r["event_id_cnty"] for r in every}


def test_library_export_takes_the_same_filters(shared_ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    n_all = export(shared_ledger, "jsonl", out)
    n_disputed = export(shared_ledger, "jsonl", out, disputed=True)
    assert all(json.loads(line)["disputed"] for line in out.read_text().splitlines())
    n_text = export(shared_ledger, "jsonl", out, text="kramatorsk", since=date(2022, 1, 1))
    assert 0 < n_text < n_all and n_disputed < n_all
    with pytest.raises(Exception, match="after"):
        export(shared_ledger, "jsonl", out, since=date(2022, 5, 1), until=date(2022, 4, 1))


def test_source_filter_narrows(client: TestClient) -> None:
    every = _listed(client, {})
    briefs = _listed(client, {"source": "world-briefs"})
    assert 0 < len(briefs) < len(every)
    assert _listed(client, {"source": "no-such-outlet"}) == []


def test_review_status_filter(fresh_ledger: Ledger) -> None:
    from webutil import sign_in

    from warledger.web import create_app

    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    assert _listed(c, {"review": "confirmed"}) == [] and _listed(c, {"review": "reviewed"}) == []
    rec = next(r for r in load_records(fresh_ledger, RecordFilter(kind="incident")) if r.casualties)
    token = c.get("/api/v1/me").json()["csrf_token"]
    for est in rec.casualties:
        for fig in est.figures:
            body = {
                "incident_id": rec.id,
                "doc_id": fig.doc_id,
                "start": fig.evidence.start,
                "end": fig.evidence.end,
                "status": "confirmed",
            }
            assert c.post("/api/v1/reviews", json=body, headers={"X-CSRF-Token": token}).status_code == 200
    assert rec.id in _listed(c, {"review": "confirmed"})
    assert rec.id in _listed(c, {"review": "reviewed"})
    assert rec.id not in _listed(c, {"review": "unreviewed"})
    assert _exported_incidents(c, {"review": "confirmed"}) == _listed(c, {"review": "confirmed"})
    assert _listed(c, {"review": "rejected"}) == []
    bad = c.get("/api/v1/incidents", params={"review": "maybe"})
    assert bad.status_code == 400 and "review" in bad.json()["detail"]
    assert 'id="f-review"' in c.get("/", params={"review": "confirmed"}).text


def test_admin_and_radius_filters(client: TestClient, shared_ledger: Ledger) -> None:
    from warledger.export.common import distance_km

    records = load_records(shared_ledger, RecordFilter(kind="incident"))
    located = next(r for r in records if r.place and r.place.admin1 and r.place.lat is not None)
    assert located.place is not None and located.place.lat is not None and located.place.lon is not None
    admin1 = located.place.admin1 or ""
    same = sorted(r.id for r in records if r.place and (r.place.admin1 or "").lower() == admin1.lower())
    assert _listed(client, {"admin1": admin1.upper()}) == same
    assert _exported_incidents(client, {"admin1": admin1}) == same
    if located.place.admin2:
        assert located.id in _listed(client, {"admin2": located.place.admin2})
    point = f"{located.place.lat},{located.place.lon}"
    near = _listed(client, {"near": point, "km": "1"})
    assert located.id in near
    for r in records:
        if r.id in near:
            assert r.place and r.place.lat is not None and r.place.lon is not None
            assert distance_km((located.place.lat, located.place.lon), (r.place.lat, r.place.lon)) <= 1
    assert _exported_incidents(client, {"near": point, "km": "1"}) == near
    assert _listed(client, {"near": "0,0", "km": "1"}) == []
    assert len(_listed(client, {"near": point, "km": "20000"})) >= len(near)
    assert abs(distance_km((48.0, 37.0), (49.0, 37.0)) - 111.2) < 0.5
    for bad in (
        {"near": "north"},
        {"near": "95,10"},
        {"km": "-3", "near": point},
        {"km": "x", "near": point},
    ):
        r = client.get("/api/v1/incidents", params=bad)
        assert r.status_code == 400, bad
    page = client.get("/", params={"near": point, "km": "5"}).text
    assert 'id="f-near"' in page and 'value="5"' in page and 'id="admin1-values"' in page
