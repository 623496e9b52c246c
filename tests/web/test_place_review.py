"""Correcting a figure's place in review: gazetteer candidates, the page and API, the audit entry,
re-extraction, and the incident's place (map, exports) following the reviewed place."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from webutil import csrf_of, sign_in

from warledger.export import export
from warledger.models import DocumentResult
from warledger.reconcile import ReconciledRecord, RecordFilter, ensure_reconciled, get_record, load_records
from warledger.store import Ledger
from warledger.store.web_queries import review_subject as place_subject
from warledger.web import create_app
from warledger.web.place_review import lookup_places


def _with_figures(ledger: Ledger) -> ReconciledRecord:
    return next(r for r in load_records(ledger, RecordFilter(kind="incident")) if r.casualties)


def _far_place(rec: ReconciledRecord) -> int:
    """A gazetteer entry the incident is not at: Lviv (the city), far from the examples' places."""
    city = next(c for c in lookup_places("Lviv", 20) if c.feature_code.startswith("PPL"))
    assert rec.place is None or rec.place.geonameid != city.geonameid
    return city.geonameid


def test_lookup_gives_gazetteer_candidates() -> None:
    cands = lookup_places("Kharkov", 5)
    assert cands and cands[0].country == "UA" and cands[0].precision in (1, 2, 3)
    assert any(c.name == "Kharkiv" and c.precision == 1 for c in cands)
    assert lookup_places("   ") == []


def test_place_review_through_the_page(fresh_ledger: Ledger, tmp_path: Path) -> None:
    rec = _with_figures(fresh_ledger)
    fig = rec.casualties[0].figures[0]
    span = {"doc_id": fig.doc_id, "start": fig.evidence.start, "end": fig.evidence.end}
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    queue = c.get("/review").text
    assert 'class="inline place-form"' in queue and "<kbd>p</kbd>" in queue
    incident_page = c.get(f"/incidents/{rec.id}").text  # the incident page offers it too
    assert 'action="/review/place"' in incident_page and f'value="{rec.id}"' in incident_page
    page = c.get("/review/place", params={"incident": rec.id, **span, "name": "Lviv", "back": "queue"})
    assert page.status_code == 200 and 'name="geonameid"' in page.text and "Lviv" in page.text
    gid = _far_place(rec)
    assert f'value="{gid}"' in page.text
    form = {**span, "geonameid": gid, "precision": "auto", "note": "the text names Lviv", "back": "queue"}
    assert c.post(f"/incidents/{rec.id}/review-place", data=form).status_code == 403  # no CSRF token
    r = c.post(
        f"/incidents/{rec.id}/review-place",
        data={**form, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/review"

    entries = fresh_ledger.audit_entries(place_subject(fig.doc_id, fig.evidence.start, fig.evidence.end))
    assert [(e.actor, e.action) for e in entries] == [("ann", "review-place")]
    payload = json.loads(entries[0].payload)
    assert payload["place"]["geonameid"] == gid and payload["place"]["precision"] == 1
    assert payload["incident"] == rec.id

    # the reconciler now places the incident there; the map, the API and exports follow
    now = get_record(fresh_ledger, rec.id)
    assert now is not None and now.place is not None
    assert now.place.geonameid == gid and now.place.admin1 and "Lviv" in now.place.admin1
    assert now.place.reason and "reviewed by ann" in now.place.reason
    points = c.get("/api/v1/map").json()["points"]
    assert any(p["id"] == rec.id and abs(p["lat"] - 49.84) < 0.1 for p in points)
    detail = c.get(f"/api/v1/incidents/{rec.id}").json()
    assert detail["place_reviews"][0]["place"]["geonameid"] == gid
    out = tmp_path / "x.geojson"
    export(fresh_ledger, "geojson", out)
    feats = json.loads(out.read_text())["features"]
    mine = [f for f in feats if rec.id in json.dumps(f["properties"])]
    assert mine and abs(mine[0]["geometry"]["coordinates"][1] - 49.84) < 0.1
    assert "review-place" in c.get(f"/incidents/{rec.id}").text  # in the incident's history

    # re-extraction (figures reordered: new indexes, a new digest) keeps the review and the place
    result = fresh_ledger.get_extraction(fig.doc_id)
    assert result is not None
    reordered = DocumentResult.model_validate({**result.model_dump(), "figures": [], "incidents": []})
    reordered.figures = list(reversed(result.figures))
    fresh_ledger.save_extraction(fig.doc_id, reordered)
    fresh_ledger.save_extraction(fig.doc_id, result)
    ensure_reconciled(fresh_ledger)
    again = get_record(fresh_ledger, rec.id)
    assert again is not None and again.place is not None and again.place.geonameid == gid
    assert fresh_ledger.verify().ok


def test_place_review_through_the_api(fresh_ledger: Ledger) -> None:
    rec = _with_figures(fresh_ledger)
    fig = rec.casualties[0].figures[0]
    span = {"doc_id": fig.doc_id, "start": fig.evidence.start, "end": fig.evidence.end}
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    cands = c.get("/api/v1/gazetteer", params={"name": "Lviv", "limit": 3}).json()["candidates"]
    assert 1 <= len(cands) <= 3 and {"geonameid", "lat", "lon", "admin1", "precision"} <= set(cands[0])
    gid = _far_place(rec)
    body = {"incident_id": rec.id, **span, "geonameid": gid, "precision": 2}
    assert c.post("/api/v1/reviews/place", json=body).status_code == 403  # cookie without CSRF header
    token = c.get("/api/v1/me").json()["csrf_token"]
    r = c.post("/api/v1/reviews/place", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    assert r.json()["analyst"] == "ann" and r.json()["place"]["precision"] == 2
    now = get_record(fresh_ledger, rec.id)
    assert (
        now is not None and now.place is not None and now.place.geonameid == gid and now.place.precision == 2
    )
    listed = c.get("/api/v1/figures", params={"doc_id": fig.doc_id, "limit": 500}).json()["items"]
    mine = [f for f in listed if (f["start"], f["end"]) == (fig.evidence.start, fig.evidence.end)]
    assert mine and mine[0]["place_review"]["analyst"] == "ann"  # the figures listing shows the review
    assert now.place.lat is not None and abs(mine[0]["lat"] - now.place.lat) < 1e-6

    bad = c.post("/api/v1/reviews/place", json={**body, "geonameid": 1}, headers={"X-CSRF-Token": token})
    assert bad.status_code == 400 and "no gazetteer entry" in bad.json()["detail"]
    other = c.post(
        "/api/v1/reviews/place", json={**body, "start": 0, "end": 1}, headers={"X-CSRF-Token": token}
    )
    assert other.status_code == 400 and "has no figure" in other.json()["detail"]


def test_viewer_cannot_correct_a_place(shared_ledger: Ledger) -> None:
    rec = _with_figures(shared_ledger)
    fig = rec.casualties[0].figures[0]
    span = {"doc_id": fig.doc_id, "start": fig.evidence.start, "end": fig.evidence.end}
    c = TestClient(create_app(shared_ledger))
    sign_in(c, "vera")
    page = c.get("/review/place", params={"incident": rec.id, **span, "name": "Lviv"})
    assert page.status_code == 200 and "Save place" not in page.text
    r = c.post(
        f"/incidents/{rec.id}/review-place",
        data={**span, "geonameid": _far_place(rec), "csrf_token": csrf_of(page.text)},
    )
    assert r.status_code == 403
    token = c.get("/api/v1/me").json()["csrf_token"]
    body = {"incident_id": rec.id, **span, "geonameid": _far_place(rec)}
    assert c.post("/api/v1/reviews/place", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    assert shared_ledger.place_reviews([fig.doc_id]) == {}
