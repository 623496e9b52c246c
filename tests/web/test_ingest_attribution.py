"""A browser upload is attributed to the signed-in analyst in every audit entry of its documents, and
its documents' origin is ``upload:`` and the file's own name, never the temporary path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webutil import PASSWORDS, ROLES, sign_in

from warledger.store import Ledger, open_ledger
from warledger.web import create_app
from warledger.web.ingest_jobs import upload_origin
from warledger.web.security import hash_password

REPORT = (
    "Shelling kills three in Nikopol\n\nPublished: 2022-08-12\n\n"
    "NIKOPOL, Ukraine — Russian shelling killed three civilians in Nikopol on Thursday, the regional "
    "governor said.\n"
)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(str(tmp_path / "w.db"), archive_dir=tmp_path / "archive") as led:
        for name, role in ROLES.items():
            led.save_user(name, role, hash_password(PASSWORDS[name]), actor="test")
        yield led


def test_upload_is_audited_as_the_analyst_with_its_own_name(ledger: Ledger) -> None:
    c = TestClient(create_app(ledger))
    sign_in(c, "ann")
    token = c.get("/api/v1/me").json()["csrf_token"]
    files = [("files", ("..\\reports/Nikopol report.txt", REPORT.encode(), "text/plain"))]
    r = c.post("/api/v1/ingest", files=files, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    job = r.json()
    assert [f["name"] for f in job["files"]] == ["Nikopol report.txt"]
    c.app.state.ingest.wait(120)  # type: ignore[attr-defined]
    done = c.get(f"/api/v1/ingest/{job['id']}").json()
    assert done["state"] == "done" and done["report"]["new_documents"] == 1, done

    (row,) = [d for d in ledger.document_rows()]
    assert row.origin == "upload:Nikopol report.txt"
    doc = ledger.get_document(row.doc_id)
    assert doc is not None and doc.origin == "upload:Nikopol report.txt"
    mine = [e for e in ledger.audit_entries() if e.subject in (row.doc_id, doc.sha256)]
    assert {e.action for e in mine} >= {"archive", "ingest", "cluster", "extract"}
    assert {e.actor for e in mine} == {"ann"}
    runs = [e for e in ledger.audit_entries() if e.action in ("ingest-run", "web-ingest")]
    assert {e.actor for e in runs} == {"ann"}
    assert all("warledger-upload-" not in e.payload + e.subject for e in ledger.audit_entries())
    # the source filter finds it by its name
    assert c.get("/api/v1/incidents", params={"source": "nikopol report"}).json()["total"] >= 1
    assert ledger.verify().ok


def test_upload_origin_names() -> None:
    assert upload_origin("C:\\Users\\me\\report.html", 0) == "upload:report.html"
    assert upload_origin("a/b/  two   words .txt", 0) == "upload:two words .txt"
    assert upload_origin("bad\x00name\n.txt", 0) == "upload:badname .txt"
    assert upload_origin("", 3) == "upload:upload-3.txt"
