"""Analysts' reviews feed the estimates: a rejected figure stops counting, a confirmed one is
marked and preferred among equals, and both survive re-extraction."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from webutil import sign_in

from warledger.models import DocumentResult
from warledger.reconcile import (
    Estimate,
    FigureClaim,
    RecordFilter,
    ensure_reconciled,
    get_record,
    load_records,
)
from warledger.reconcile.casualties import Verdict, estimate
from warledger.store import Ledger
from warledger.web import create_app


def _best_claim(est: Estimate) -> FigureClaim:
    ref = re.search(r"\[([^\]]+#\d+)\]$", est.rules["best"])
    assert ref, est.rules["best"]
    return next(c for c in est.figures if c.ref == ref.group(1))


def _pick(ledger: Ledger) -> tuple[str, FigureClaim, int | None]:
    """An incident whose killed best would change if its best figure were rejected."""
    for rec in load_records(ledger, RecordFilter(kind="incident")):
        est = rec.estimate("killed")
        if est is None or est.best is None:
            continue
        top = _best_claim(est)
        others = [
            c
            for c in est.figures
            if c.ref != top.ref and c.copy_of != top.ref and c.copy_of is None and c.superseded_by is None
        ]
        if all(est.best not in (c.low, c.high) for c in others):
            return rec.id, top, est.best
    raise AssertionError("no incident with a single best figure in the examples")


def _review(c: TestClient, incident: str, fig: FigureClaim, status: str) -> None:
    token = c.get("/api/v1/me").json()["csrf_token"]
    r = c.post(
        "/api/v1/reviews",
        json={
            "incident_id": incident,
            "doc_id": fig.doc_id,
            "start": fig.evidence.start,
            "end": fig.evidence.end,
            "status": status,
        },
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text


def test_rejecting_the_best_figure_changes_the_estimate(fresh_ledger: Ledger) -> None:
    incident, top, before = _pick(fresh_ledger)
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    _review(c, incident, top, "rejected")
    rec = get_record(fresh_ledger, incident)
    assert rec is not None
    killed = rec.estimate("killed")
    assert killed is not None and killed.best != before
    assert f"{top.ref} by ann" in killed.rules["rejected"]
    assert top.ref in [f.ref for f in killed.figures]  # kept in the ledger, not counted
    api = c.get(f"/api/v1/incidents/{incident}").json()
    assert any(r["status"] == "rejected" and r["analyst"] == "ann" for r in api["reviews"])
    page = c.get(f"/incidents/{incident}").text
    assert "review-rejected" in page and "rejected</span> by ann" in page and "not counted" in page
    assert ensure_reconciled(fresh_ledger) is None  # the reviews are part of the input digest

    # confirming it again restores it, and is marked as such
    _review(c, incident, top, "confirmed")
    again = get_record(fresh_ledger, incident)
    assert again is not None and (k := again.estimate("killed")) is not None
    assert k.best == before and "rejected" not in k.rules
    assert f"{top.ref} by ann" in k.rules["confirmed"]
    assert "confirmed by ann" in k.rules["best"]


def test_reviews_survive_re_extraction_in_the_estimates(fresh_ledger: Ledger) -> None:
    incident, top, before = _pick(fresh_ledger)
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    _review(c, incident, top, "rejected")
    result = fresh_ledger.get_extraction(top.doc_id)
    assert result is not None
    reordered = DocumentResult.model_validate(result.model_dump())
    reordered.figures = list(reversed(result.figures))
    fresh_ledger.save_extraction(top.doc_id, reordered)
    assert ensure_reconciled(fresh_ledger) is not None
    records = [
        r for r in load_records(fresh_ledger, RecordFilter(kind="incident")) if top.doc_id in r.documents
    ]
    killed = [e for r in records if (e := r.estimate("killed")) is not None and "rejected" in e.rules]
    assert killed, "the rejection was lost on re-extraction"
    assert all(e.best != before for e in killed)


def _claim(doc: str, value: int, authority: int, speaker: str) -> FigureClaim:
    return FigureClaim.model_validate(
        {
            "doc_id": doc,
            "index": 0,
            "category": "killed",
            "low": value,
            "high": value,
            "qualifier": "exact",
            "speaker": speaker,
            "speaker_key": speaker,
            "authority": authority,
            "source_group": doc,
            "evidence": {"start": 0, "end": 5, "text": f"{value} killed"},
        }
    )


def test_confirmed_is_preferred_among_equals_and_rejected_counts_nowhere() -> None:
    claims = [_claim("a", 5, 2, "governor"), _claim("b", 7, 2, "police"), _claim("c", 40, 1, "witness")]
    plain, dispute = estimate("killed", [c.model_copy() for c in claims])
    assert plain.best == 7 and plain.high == 40 and dispute is not None
    reviews = {("a", 0, 5): Verdict("confirmed", "ann"), ("c", 0, 5): Verdict("rejected", "bob")}
    est, _ = estimate("killed", [c.model_copy() for c in claims], reviews)
    assert est.best == 5 and est.high == 7 and est.acled == 5
    assert "c#0 by bob" in est.rules["rejected"] and "a#0 by ann" in est.rules["confirmed"]


def test_correcting_a_figure_changes_the_estimate(fresh_ledger: Ledger) -> None:
    incident, top, before = _pick(fresh_ledger)
    assert before is not None
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    token = c.get("/api/v1/me").json()["csrf_token"]
    body = {
        "incident_id": incident,
        "doc_id": top.doc_id,
        "start": top.evidence.start,
        "end": top.evidence.end,
        "status": "corrected",
    }
    missing = c.post("/api/v1/reviews", json=body, headers={"X-CSRF-Token": token})
    assert missing.status_code == 400 and "needs a value" in missing.json()["detail"]
    upside = c.post("/api/v1/reviews", json={**body, "low": 9, "high": 3}, headers={"X-CSRF-Token": token})
    assert upside.status_code == 400
    value = before + 1000
    ok = c.post("/api/v1/reviews", json={**body, "low": value}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200 and ok.json()["low"] == ok.json()["high"] == value
    rec = get_record(fresh_ledger, incident)
    assert rec is not None
    killed = rec.estimate("killed")
    assert killed is not None
    assert killed.high == value and f"→ {value} by ann" in killed.rules["corrected"]
    shown = next(f for f in killed.figures if f.ref == top.ref)
    assert shown.low == shown.high == value
    page = c.get(f"/incidents/{incident}").text
    assert f"corrected</span> to {value} by ann" in page and 'class="inline correct"' in page
    entries = [e for e in fresh_ledger.audit_entries() if e.action == "review-corrected"]
    assert [e.actor for e in entries] == ["ann"] and f'"low":{value}' in entries[0].payload.replace(" ", "")
    assert incident in _listed_ids(c, "corrected")

    # the incident page's form, with a range
    from webutil import csrf_of

    form = {k: str(v) for k, v in body.items() if k != "incident_id"}
    r = c.post(
        f"/incidents/{incident}/review",
        data={**form, "low": "2", "high": "4", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    again = get_record(fresh_ledger, incident)
    assert again is not None
    k = again.estimate("killed")
    assert k is not None
    assert next(f for f in k.figures if f.ref == top.ref).high == 4
    assert fresh_ledger.verify().ok


def _listed_ids(c: TestClient, review: str) -> list[str]:
    return [
        i["id"] for i in c.get("/api/v1/incidents", params={"review": review, "limit": 1000}).json()["items"]
    ]
