"""Roles, sign-in, CSRF, the login rate limit, and analyst reviews / merges / splits (audited)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from webutil import PASSWORDS, csrf_of, sign_in

from warledger.models import DocumentResult
from warledger.reconcile import ReconciledRecord, RecordFilter, ensure_reconciled, load_records
from warledger.store import Ledger, open_ledger
from warledger.store.web_queries import review_subject
from warledger.web import create_app


def _with_figures(ledger: Ledger) -> ReconciledRecord:
    return next(r for r in load_records(ledger, RecordFilter(kind="incident")) if r.casualties)


def test_anonymous_is_sent_to_sign_in_once_users_exist(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger))
    r = c.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/api/v1/incidents").status_code == 401
    assert c.get("/documents", follow_redirects=False).status_code == 303
    assert c.get("/static/app.css").status_code == 200
    assert c.get("/login").status_code == 200


def test_without_users_anyone_reads_but_nobody_writes(tmp_path: Path) -> None:
    with open_ledger(str(tmp_path / "empty.db")) as ledger:
        c = TestClient(create_app(ledger))
        assert c.get("/").status_code == 200
        assert c.get("/api/v1/incidents").json()["total"] == 0
        token = csrf_of(c.get("/login").text)
        r = c.post("/incidents/inc-x/merge", data={"other": "inc-y", "csrf_token": token})
        assert r.status_code == 403 and "analyst" in r.text


def test_sign_in_wrong_password_and_session_cookie(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger))
    page = c.get("/login")
    bad = c.post("/login", data={"username": "ann", "password": "nope", "csrf_token": csrf_of(page.text)})
    assert bad.status_code == 401 and "wrong user name or password" in bad.text
    ok = c.post(
        "/login",
        data={"username": "ann", "password": PASSWORDS["ann"], "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "warledger_session=" in cookie
    assert c.get("/api/v1/me").json()["role"] == "analyst"


def test_secure_cookie_flag_when_asked(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger, secure_cookies=True), base_url="https://testserver")
    page = c.get("/login")
    ok = c.post(
        "/login",
        data={"username": "vera", "password": PASSWORDS["vera"], "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert "secure" in ok.headers["set-cookie"].lower()


def test_login_needs_the_csrf_token(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger))
    c.get("/login")
    r = c.post("/login", data={"username": "ann", "password": PASSWORDS["ann"]})
    assert r.status_code == 403


def test_login_rate_limit(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger, login_limit=3))
    token = csrf_of(c.get("/login").text)
    codes = [
        c.post("/login", data={"username": "adam", "password": f"wrong-{i}", "csrf_token": token}).status_code
        for i in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    blocked = c.post("/login", data={"username": "adam", "password": PASSWORDS["adam"], "csrf_token": token})
    assert blocked.status_code == 429 and "try again" in blocked.text


def test_open_redirect_is_refused(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger))
    token = csrf_of(c.get("/login").text)
    r = c.post(
        "/login",
        data={
            "username": "vera",
            "password": PASSWORDS["vera"],
            "csrf_token": token,
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_viewer_cannot_write(shared_ledger: Ledger) -> None:
    rec = _with_figures(shared_ledger)
    fig = rec.casualties[0].figures[0]
    c = TestClient(create_app(shared_ledger))
    sign_in(c, "vera")
    page = c.get(f"/incidents/{rec.id}").text
    assert 'class="confirm"' not in page  # no review buttons for a viewer
    form = {"doc_id": fig.doc_id, "start": fig.evidence.start, "end": fig.evidence.end, "status": "confirmed"}
    r = c.post(f"/incidents/{rec.id}/review", data={**form, "csrf_token": csrf_of(page)})
    assert r.status_code == 403
    r = c.post(f"/incidents/{rec.id}/merge", data={"other": rec.id, "csrf_token": csrf_of(page)})
    assert r.status_code == 403
    token = c.get("/api/v1/me").json()["csrf_token"]
    api = c.post(
        "/api/v1/reviews",
        json={"incident_id": rec.id, **form},
        headers={"X-CSRF-Token": token},
    )
    assert api.status_code == 403
    assert not shared_ledger.reviews([fig.doc_id]).get((fig.doc_id, fig.evidence.start, fig.evidence.end))


def test_analyst_review_is_audited_and_survives_re_extraction(fresh_ledger: Ledger) -> None:
    rec = _with_figures(fresh_ledger)
    fig = rec.casualties[0].figures[0]
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    page = c.get(f"/incidents/{rec.id}").text
    form = {"doc_id": fig.doc_id, "start": fig.evidence.start, "end": fig.evidence.end, "status": "confirmed"}
    assert c.post(f"/incidents/{rec.id}/review", data=form).status_code == 403  # no CSRF token
    r = c.post(
        f"/incidents/{rec.id}/review", data={**form, "csrf_token": csrf_of(page)}, follow_redirects=False
    )
    assert r.status_code == 303
    subject = review_subject(fig.doc_id, fig.evidence.start, fig.evidence.end)
    entries = fresh_ledger.audit_entries(subject)
    assert [(e.actor, e.action) for e in entries] == [("ann", "review-confirmed")]
    assert json.loads(entries[0].payload)["incident"] == rec.id
    shown = c.get(f"/incidents/{rec.id}").text
    assert "confirmed</span> by ann" in shown and "review-confirmed" in shown

    # re-extraction: the same figures in another order (a new extraction digest, new indexes)
    result = fresh_ledger.get_extraction(fig.doc_id)
    assert result is not None
    reordered = DocumentResult.model_validate({**result.model_dump(), "figures": [], "incidents": []})
    reordered.figures = list(reversed(result.figures))
    fresh_ledger.save_extraction(fig.doc_id, reordered)
    fresh_ledger.save_extraction(fig.doc_id, result)
    ensure_reconciled(fresh_ledger)
    review = fresh_ledger.reviews([fig.doc_id])[(fig.doc_id, fig.evidence.start, fig.evidence.end)]
    assert review.status == "confirmed" and review.analyst == "ann"
    assert "confirmed</span> by ann" in c.get(f"/incidents/{rec.id}").text

    # the API path, then reject: the newest review wins
    token = c.get("/api/v1/me").json()["csrf_token"]
    api = c.post(
        "/api/v1/reviews",
        json={"incident_id": rec.id, **form, "status": "rejected"},
        headers={"X-CSRF-Token": token},
    )
    assert api.status_code == 200 and api.json()["status"] == "rejected"
    assert c.get(f"/api/v1/incidents/{rec.id}").json()["reviews"][0]["status"] == "rejected"
    assert fresh_ledger.verify().ok


def test_review_of_an_unknown_figure_is_refused(fresh_ledger: Ledger) -> None:
    rec = _with_figures(fresh_ledger)
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    token = csrf_of(c.get(f"/incidents/{rec.id}").text)
    r = c.post(
        f"/incidents/{rec.id}/review",
        data={"doc_id": "nope", "start": 0, "end": 1, "status": "confirmed", "csrf_token": token},
    )
    assert r.status_code == 400 and "no figure" in r.text


def test_merge_and_split_by_an_analyst(fresh_ledger: Ledger) -> None:
    records = load_records(fresh_ledger, RecordFilter(kind="incident"))
    a, b = records[0], records[1]
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "adam")  # admins may do what analysts do
    token = csrf_of(c.get(f"/incidents/{a.id}").text)
    r = c.post(
        f"/incidents/{a.id}/merge",
        data={"other": b.id, "reason": "same event", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    merged_id = r.headers["location"].rsplit("/", 1)[1]
    merged = c.get(f"/api/v1/incidents/{merged_id}").json()
    assert set(a.members) | set(b.members) <= set(merged["members"])
    merges = [e for e in fresh_ledger.audit_entries() if e.action == "merge"]
    assert merges and merges[-1].actor == "adam"
    page = c.get(f"/incidents/{merged_id}").text
    assert "analyst-merge" in page
    member = b.members[0]
    r = c.post(
        f"/incidents/{merged_id}/split",
        data={"member": member, "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    splits = [e for e in fresh_ledger.audit_entries() if e.action == "split"]
    assert splits and splits[-1].actor == "adam"
    assert (
        member
        not in c.get(r.headers["location"].replace("/incidents/", "/api/v1/incidents/")).json()["members"]
    )
    assert fresh_ledger.verify().ok


def test_logout_needs_csrf_and_ends_the_session(shared_ledger: Ledger) -> None:
    c = TestClient(create_app(shared_ledger))
    sign_in(c, "vera")
    assert c.post("/logout").status_code == 403
    token = csrf_of(c.get("/").text)
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert c.get("/api/v1/incidents").status_code == 401


def test_review_queue_ranks_and_shrinks(fresh_ledger: Ledger) -> None:
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    page = c.get("/review")
    assert page.status_code == 200
    scores = [float(s) for s in re.findall(r'<tr class="queue-item">\s*<td>([0-9.]+)', page.text)]
    assert scores and scores == sorted(scores, reverse=True)
    total = int(re.search(r"(\d+) unreviewed figure", page.text).group(1))  # type: ignore[union-attr]
    form = re.search(
        r'action="/incidents/([^"]+)/review".*?name="doc_id" value="([^"]+)".*?name="start" value="(\d+)"'
        r'.*?name="end" value="(\d+)"',
        page.text,
        re.S,
    )
    assert form is not None
    inc, doc, start, end = form.groups()
    r = c.post(
        f"/incidents/{inc}/review",
        data={
            "doc_id": doc,
            "start": start,
            "end": end,
            "status": "rejected",
            "back": "queue",
            "csrf_token": csrf_of(page.text),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/review"
    after = c.get("/review").text
    assert f"{total - 1} unreviewed figure" in after


def test_queue_score_orders_stakes_and_confidence() -> None:
    from warledger.web.service import queue_score

    assert queue_score("killed", 10, 0.5, False) > queue_score("injured", 10, 0.5, False)
    assert queue_score("killed", 10, 0.2, False) > queue_score("killed", 10, 0.9, False)
    assert queue_score("killed", 100, 0.5, False) > queue_score("killed", 2, 0.5, False)
    assert queue_score("killed", 5, 0.5, True) > queue_score("killed", 5, 0.5, False)


def test_api_merge_and_split(fresh_ledger: Ledger) -> None:
    records = load_records(fresh_ledger, RecordFilter(kind="incident"))
    a, b = records[2], records[3]
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "vera")
    token = c.get("/api/v1/me").json()["csrf_token"]
    refused = c.post(f"/api/v1/incidents/{a.id}/merge", json={"other": b.id}, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403
    c.post("/logout", data={"csrf_token": token})
    sign_in(c, "ann")
    token = c.get("/api/v1/me").json()["csrf_token"]
    assert c.post(f"/api/v1/incidents/{a.id}/merge", json={"other": b.id}).status_code == 403  # no token
    merged = c.post(f"/api/v1/incidents/{a.id}/merge", json={"other": b.id}, headers={"X-CSRF-Token": token})
    assert merged.status_code == 200
    mid = merged.json()["incident"]
    split = c.post(
        f"/api/v1/incidents/{mid}/split", json={"member": b.members[0]}, headers={"X-CSRF-Token": token}
    )
    assert split.status_code == 200 and split.json()["split_off"]
    bad = c.post(f"/api/v1/incidents/{mid}/split", json={"member": "nope#9"}, headers={"X-CSRF-Token": token})
    assert bad.status_code == 400 and "not a member" in bad.json()["detail"]
    assert [e.actor for e in fresh_ledger.audit_entries() if e.action in ("merge", "split")] == ["ann", "ann"]


def test_fatalities_outrank_troop_numbers() -> None:
    from warledger.web.service import queue_score

    assert queue_score("killed", 14, 0.7, False) > queue_score("troops", 24000, 0.75, False)
