"""The REST API and the read-only pages against a ledger built from examples/reports."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from fastapi.testclient import TestClient

from warledger.reconcile import RecordFilter, load_records
from warledger.store import Ledger


def _incidents(ledger: Ledger, **kw: object) -> list[str]:
    return [r.id for r in load_records(ledger, RecordFilter(kind="incident", **kw))]  # type: ignore[arg-type]


def test_incidents_match_the_library(client: TestClient, shared_ledger: Ledger) -> None:
    expected = _incidents(shared_ledger)
    assert expected, "the examples reconcile to incidents"
    body = client.get("/api/v1/incidents", params={"limit": 1000}).json()
    assert body["total"] == len(expected)
    assert [i["id"] for i in body["items"]] == expected
    first = body["items"][0]
    assert {"event_type", "place", "killed_best", "killed_low", "killed_high", "disputed"} <= set(first)


def test_pagination(client: TestClient, shared_ledger: Ledger) -> None:
    expected = _incidents(shared_ledger)
    page = client.get("/api/v1/incidents", params={"limit": 2, "offset": 1}).json()
    assert [i["id"] for i in page["items"]] == expected[1:3]
    assert page["limit"] == 2 and page["offset"] == 1 and page["total"] == len(expected)
    assert client.get("/api/v1/incidents", params={"limit": 0}).status_code == 422


def test_filters_are_the_librarys(client: TestClient, shared_ledger: Ledger) -> None:
    since, until = date(2022, 4, 6), date(2022, 4, 7)
    expected = _incidents(shared_ledger, since=since, until=until)
    assert 0 < len(expected) < len(_incidents(shared_ledger))
    got = client.get("/api/v1/incidents", params={"since": str(since), "until": str(until)}).json()
    assert [i["id"] for i in got["items"]] == expected
    by_place = client.get("/api/v1/incidents", params={"place": "donetsk"}).json()["items"]
    assert by_place and all("donetsk" in i["place"].lower() for i in by_place)
    disputed = client.get("/api/v1/incidents", params={"disputed": "yes"}).json()["items"]
    assert all(i["disputed"] for i in disputed)
    undisputed = client.get("/api/v1/incidents", params={"disputed": "no"}).json()["items"]
    assert len(disputed) + len(undisputed) == len(_incidents(shared_ledger))


def test_text_search(client: TestClient) -> None:
    hits = client.get("/api/v1/incidents", params={"q": "Kyrylenko"}).json()["items"]
    assert hits, "the governor's name is in reports of the Donetsk shelling"
    none = client.get("/api/v1/incidents", params={"q": "Kyrylenko zzzunlikelyword"}).json()
    assert none["total"] == 0
    assert client.get("/api/v1/incidents", params={"q": "100%_"}).status_code == 200


def test_bad_filters_are_one_line_errors(client: TestClient) -> None:
    r = client.get("/api/v1/incidents", params={"since": "yesterday"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["detail"]
    r = client.get("/api/v1/incidents", params={"since": "2022-05-01", "until": "2022-04-01"})
    assert r.status_code == 400 and "after" in r.json()["detail"]
    assert client.get("/api/v1/incidents", params={"disputed": "maybe"}).status_code == 400
    assert client.get("/?since=nonsense").status_code == 400


def test_incident_detail_and_404(client: TestClient, shared_ledger: Ledger) -> None:
    rec = next(r for r in load_records(shared_ledger, RecordFilter(kind="incident")) if r.casualties)
    data = client.get(f"/api/v1/incidents/{rec.id}").json()
    assert data["id"] == rec.id and data["casualties"] and "rules" in data["casualties"][0]
    assert client.get("/api/v1/incidents/inc-nope").status_code == 404
    page = client.get(f"/incidents/{rec.id}")
    assert page.status_code == 200
    for heading in ("Three times", "Casualty ledger", "Claims and denials", "Why these reports were merged"):
        assert heading in page.text
    fig = rec.casualties[0].figures[0]
    assert f"/documents/{fig.doc_id}#fig-{fig.index}" in page.text
    assert client.get("/incidents/inc-nope").status_code == 404


def test_map_and_timeline_agree_with_incidents(client: TestClient, shared_ledger: Ledger) -> None:
    records = load_records(shared_ledger, RecordFilter(kind="incident"))
    points = client.get("/api/v1/map").json()["points"]
    located = [r for r in records if r.place and r.place.lat is not None]
    assert len(points) == len(located)
    assert all({"lat", "lon", "precision", "best", "event_type"} <= set(p) for p in points)
    days = client.get("/api/v1/timeline").json()["days"]
    assert sum(d["incidents"] for d in days) == sum(
        1 for r in records if (r.occurred.start or r.reported.start) is not None
    )
    assert all(d["low"] <= d["best"] <= d["high"] for d in days)
    killed = sum((r.estimate("killed").best or 0) for r in records if r.estimate("killed"))
    assert sum(d["best"] for d in days) == killed


def test_places_and_figures(client: TestClient, shared_ledger: Ledger) -> None:
    places = client.get("/api/v1/places").json()["places"]
    assert places and all(p["incidents"] >= 1 for p in places)
    figs = client.get("/api/v1/figures", params={"category": "killed", "limit": 5}).json()
    assert figs["total"] == len([f for f in shared_ledger.figures() if f.category == "killed"])
    assert all(f["category"] == "killed" and "review" in f for f in figs["items"])


def test_documents_and_the_original(client: TestClient, shared_ledger: Ledger) -> None:
    listing = client.get("/api/v1/documents", params={"limit": 1000}).json()
    assert listing["total"] == len(shared_ledger.document_rows())
    doc_id = listing["items"][0]["doc_id"]
    detail = client.get(f"/api/v1/documents/{doc_id}").json()
    sha = detail["original"]["sha256"]
    raw = client.get(f"/documents/{doc_id}/original")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"].startswith("attachment")
    assert hashlib.sha256(raw.content).hexdigest() == sha
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200 and sha in page.text
    assert client.get("/documents/nope").status_code == 404


def test_translated_copy_shows_its_story_cluster(client: TestClient, shared_ledger: Ledger) -> None:
    clustered = [r for r in shared_ledger.document_rows() if r.cluster_id]
    groups: dict[str, list[str]] = {}
    for r in clustered:
        groups.setdefault(r.cluster_id or "", []).append(r.doc_id)
    multi = [ids for ids in groups.values() if len(ids) > 1]
    assert multi, "the examples hold a translated copy in one story cluster"
    a, b = multi[0][:2]
    assert f"/documents/{b}" in client.get(f"/documents/{a}").text


def test_exports(client: TestClient) -> None:
    geo = client.get("/api/v1/export/geojson")
    assert geo.status_code == 200 and json.loads(geo.text)["type"] == "FeatureCollection"
    acled = client.get("/api/v1/export/acled", params={"place": "donetsk"})
    assert (acled.status_code == 200 and acled.text.startswith("data_id,")) or "event_date" in acled.text
    assert client.get("/api/v1/export/xml").status_code == 422


def test_docs_are_offline_and_the_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/v1/incidents", "/api/v1/figures", "/api/v1/documents", "/api/v1/places"):
        assert path in schema["paths"]
    assert schema["components"]["securitySchemes"]["api_token"]["scheme"] == "bearer"
    docs = client.get("/docs").text
    assert "/api/v1/incidents" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_pages_use_only_local_assets_and_send_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/map.js",
        "/static/vendor/uplot/uPlot.iife.min.js",
    ):
        assert asset in page.text
        assert client.get(asset).status_code == 200


def test_hostile_document_text_is_escaped(client: TestClient, shared_ledger: Ledger) -> None:
    doc_id = next(
        r.doc_id for r in shared_ledger.document_rows() if r.origin.endswith("hostile-kramatorsk.txt")
    )
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;window.__xss" in html
    assert "<script>window" not in html
    assert "<img src=x" not in html and "<svg" not in html and "<iframe" not in html
    assert 'href="javascript:' not in html
    assert client.get("/").text.count("<script") == client.get("/").text.count("<script src=")


def test_audit_page_verifies_the_chain(client: TestClient) -> None:
    page = client.get("/audit?verify=1")
    assert page.status_code == 200 and "The chain verifies" in page.text


def test_actor_filter(client: TestClient, shared_ledger: Ledger) -> None:
    records = load_records(shared_ledger, RecordFilter(kind="incident"))
    actor = next(r.actor1 for r in records if r.actor1)
    word = actor.split()[0].lower()
    expected = [r.id for r in records if any(word in (a or "").lower() for a in (r.actor1, r.actor2))]
    got = client.get("/api/v1/incidents", params={"actor": word, "limit": 1000}).json()["items"]
    assert [i["id"] for i in got] == expected and expected
    assert f'value="{word}"' in client.get("/", params={"actor": word}).text
