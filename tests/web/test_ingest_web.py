"""Ingest from the browser: uploads and URLs through the CLI's code path, in a background job,
CSRF-checked, analysts only, audited with the analyst as actor."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webutil import PASSWORDS, ROLES, csrf_of, sign_in

from warledger.store import Ledger, open_ledger
from warledger.web import create_app
from warledger.web.ingest_jobs import check_urls, safe_name
from warledger.web.security import hash_password

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "reports"
REPORT = (
    "Drone strike kills two in Kherson\n\nPublished: 2022-11-20\n\n"
    "KHERSON, Ukraine — A Russian drone strike killed two civilians in Kherson on Saturday, the regional "
    "governor, Yaroslav Yanushevych, said.\n"
)


@pytest.fixture
def empty_ledger(tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(str(tmp_path / "w.db"), archive_dir=tmp_path / "archive") as ledger:
        for name, role in ROLES.items():
            ledger.save_user(name, role, hash_password(PASSWORDS[name]), actor="test")
        yield ledger


def _client(ledger: Ledger, who: str = "ann") -> TestClient:
    c = TestClient(create_app(ledger))
    sign_in(c, who)
    return c


def _token(c: TestClient) -> str:
    return str(c.get("/api/v1/me").json()["csrf_token"])


def test_upload_through_the_api_archives_and_reconciles(empty_ledger: Ledger) -> None:
    c = _client(empty_ledger)
    data = (EXAMPLES / "world-briefs.rss").read_bytes()
    files = [
        ("files", ("world-briefs.rss", data, "application/rss+xml")),
        ("files", ("../../kherson.txt", REPORT.encode(), "text/plain")),
    ]
    assert c.post("/api/v1/ingest", files=files).status_code == 403  # no CSRF token
    r = c.post("/api/v1/ingest", files=files, headers={"X-CSRF-Token": _token(c)})
    assert r.status_code == 200, r.text
    job = r.json()
    assert job["analyst"] == "ann" and [f["name"] for f in job["files"]] == [
        "world-briefs.rss",
        "kherson.txt",
    ]
    c.app.state.ingest.wait(120)  # type: ignore[attr-defined]
    done = c.get(f"/api/v1/ingest/{job['id']}").json()
    assert done["state"] == "done", done
    report = done["report"]
    assert report["new_documents"] >= 3 and report["extracted"] >= 3 and not report["errors"]
    # the archive keeps the original bytes of the upload
    assert empty_ledger.archive_path(job["files"][0]["sha256"]).read_bytes() == data
    entries = [e for e in empty_ledger.audit_entries() if e.action == "web-ingest"]
    assert [e.actor for e in entries] == ["ann"] and job["files"][0]["sha256"] in entries[0].payload
    incidents = c.get("/api/v1/incidents").json()
    assert incidents["total"] >= 2
    assert any("Kherson" in (i.get("place") or "") for i in incidents["items"])
    page = c.get(f"/ingest/{job['id']}").text
    assert 'data-state="done"' in page and "kherson.txt" in page
    assert empty_ledger.verify().ok


def test_ingest_form_and_roles(empty_ledger: Ledger) -> None:
    c = _client(empty_ledger)
    page = c.get("/ingest")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    files = {"files": ("kherson.txt", REPORT.encode(), "text/plain")}
    assert c.post("/ingest", files=files, data={"urls": ""}).status_code == 403
    r = c.post(
        "/ingest", files=files, data={"urls": "", "csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/ingest/")
    c.app.state.ingest.wait(120)  # type: ignore[attr-defined]
    shown = c.get(r.headers["location"]).text
    assert 'data-state="done"' in shown and "1 new" in shown

    viewer = _client(empty_ledger, "vera")
    assert viewer.get("/ingest").status_code == 403
    vr = viewer.post("/api/v1/ingest", files=files, headers={"X-CSRF-Token": _token(viewer)})
    assert vr.status_code == 403
    bad = c.post("/api/v1/ingest", data={"urls": "file:///etc/passwd"}, headers={"X-CSRF-Token": _token(c)})
    assert bad.status_code == 400 and "not an http(s) URL" in bad.text
    empty = c.post("/api/v1/ingest", data={"urls": ""}, headers={"X-CSRF-Token": _token(c)})
    assert empty.status_code == 400


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "kherson.txt").write_text(REPORT, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_ingest_from_a_local_server(empty_ledger: Ledger, local_site: str) -> None:
    c = _client(empty_ledger)
    url = f"{local_site}/kherson.txt"
    r = c.post("/api/v1/ingest", data={"urls": url}, headers={"X-CSRF-Token": _token(c)})
    assert r.status_code == 200, r.text
    c.app.state.ingest.wait(120)  # type: ignore[attr-defined]
    done = c.get(f"/api/v1/ingest/{r.json()['id']}").json()
    assert done["state"] == "done" and done["report"]["new_documents"] == 1, done
    docs = c.get("/api/v1/documents").json()["items"]
    assert [d["origin"] for d in docs if "kherson" in d["origin"]] == [url]


def test_one_job_at_a_time_and_helpers(empty_ledger: Ledger) -> None:
    app = create_app(empty_ledger)
    runner = app.state.ingest
    gate = threading.Event()
    runner.after = gate.wait  # hold the first job open until released
    from warledger.web.ingest_jobs import Upload

    first = runner.start("ann", [Upload("a.txt", REPORT.encode())], [])
    with pytest.raises(Exception, match="another ingest is running"):
        runner.start("ann", [Upload("b.txt", REPORT.encode())], [])
    gate.set()
    runner.wait(120)
    assert runner.get(first.id).state == "done"
    assert safe_name("../../etc/passwd", 0) == "passwd" and safe_name("...", 3) == "upload-3.txt"
    assert safe_name("a b<c>.rss", 0) == "a_b_c_.rss"
    assert check_urls(" https://example.org/feed.xml \n") == ["https://example.org/feed.xml"]
