"""The admin page for users, personal API tokens (bearer authentication) and their CLI."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_cli_web import _example
from webutil import PASSWORDS, csrf_of, sign_in

from warledger.cli import main
from warledger.store import Ledger, open_ledger
from warledger.store.tokens import token_hash
from warledger.web import create_app


def _admin_client(ledger: Ledger) -> tuple[TestClient, str]:
    c = TestClient(create_app(ledger))
    sign_in(c, "adam")
    page = c.get("/admin/users")
    assert page.status_code == 200
    return c, csrf_of(page.text)


def test_only_admins_see_the_users_page(shared_ledger: Ledger) -> None:
    for name in ("vera", "ann"):
        c = TestClient(create_app(shared_ledger))
        sign_in(c, name)
        assert c.get("/admin/users").status_code == 403
        assert 'href="/admin/users"' not in c.get("/").text
        token = csrf_of(c.get("/").text)
        r = c.post("/admin/users/vera/role", data={"role": "admin", "csrf_token": token})
        assert r.status_code == 403
    assert shared_ledger.get_user("vera").role == "viewer"  # type: ignore[union-attr]
    c, _ = _admin_client(shared_ledger)
    page = c.get("/admin/users").text
    assert 'href="/admin/users"' in page and 'data-user="ann"' in page and "argon2" not in page


def test_admin_adds_changes_disables_and_resets(fresh_ledger: Ledger) -> None:
    c, token = _admin_client(fresh_ledger)
    add = {"name": "zoe", "role": "analyst", "password": "zoe-pass-12"}
    assert c.post("/admin/users", data=add).status_code == 403  # no CSRF token
    r = c.post("/admin/users", data={**add, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert fresh_ledger.get_user("zoe").role == "analyst"  # type: ignore[union-attr]
    short = c.post("/admin/users", data={**add, "name": "yan", "password": "x", "csrf_token": token})
    assert short.status_code == 400 and fresh_ledger.get_user("yan") is None

    assert c.post("/admin/users/zoe/role", data={"role": "viewer", "csrf_token": token}).status_code == 200
    assert fresh_ledger.get_user("zoe").role == "viewer"  # type: ignore[union-attr]
    c.post("/admin/users/zoe/password", data={"password": "new-zoe-pass", "csrf_token": token})
    z = TestClient(create_app(fresh_ledger))
    sign_in(z, "zoe", "new-zoe-pass")
    assert z.get("/api/v1/me").json()["user"] == "zoe"

    c.post("/admin/users/zoe/disable", data={"disabled": "yes", "csrf_token": token})
    assert fresh_ledger.get_user("zoe").disabled  # type: ignore[union-attr]
    assert z.get("/api/v1/me").status_code == 401  # the open session stops working
    again = TestClient(create_app(fresh_ledger))
    page = again.get("/login")
    r = again.post(
        "/login", data={"username": "zoe", "password": "new-zoe-pass", "csrf_token": csrf_of(page.text)}
    )
    assert r.status_code == 403 and "disabled" in r.text
    c.post("/admin/users/zoe/disable", data={"disabled": "no", "csrf_token": token})
    assert not fresh_ledger.get_user("zoe").disabled  # type: ignore[union-attr]

    # the last enabled admin can be neither demoted nor disabled
    r = c.post("/admin/users/adam/role", data={"role": "viewer", "csrf_token": token})
    assert r.status_code == 400 and "last enabled admin" in r.text
    r = c.post("/admin/users/adam/disable", data={"disabled": "yes", "csrf_token": token})
    assert r.status_code == 400
    assert c.post("/admin/users/nobody/role", data={"role": "viewer", "csrf_token": token}).status_code == 404

    actions = [(e.actor, e.action) for e in fresh_ledger.audit_entries("user:zoe")]
    assert actions == [
        ("adam", "user-add"),
        ("adam", "user-role"),
        ("adam", "user-password"),
        ("adam", "user-disable"),
        ("adam", "user-enable"),
    ]
    assert "new-zoe-pass" not in json.dumps([e.payload for e in fresh_ledger.audit_entries("user:zoe")])
    assert fresh_ledger.verify().ok


def test_tokens_page_creates_once_and_revokes(fresh_ledger: Ledger) -> None:
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "vera")
    page = c.get("/account/tokens")
    assert page.status_code == 200 and "No tokens yet" in page.text
    assert c.post("/account/tokens", data={"label": "x"}).status_code == 403  # no CSRF token
    made = c.post("/account/tokens", data={"label": "notebook", "csrf_token": csrf_of(page.text)})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    token = made.text.split('<code id="new-token">')[1].split("</code>")[0]
    assert token.startswith("wl_") and len(token) > 40
    listed = c.get("/account/tokens").text
    assert token not in listed and "notebook" in listed  # shown once only
    row = fresh_ledger.tokens("vera")[0]
    with fresh_ledger._engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM api_tokens").scalar()
    assert stored == token_hash(token) and token not in str(stored)

    bearer = TestClient(create_app(fresh_ledger))  # no cookie at all
    auth = {"Authorization": f"Bearer {token}"}
    me = bearer.get("/api/v1/me", headers=auth).json()
    assert me["user"] == "vera" and me["role"] == "viewer"
    assert bearer.get("/api/v1/incidents", headers=auth).json()["total"] > 0
    r = bearer.post("/api/v1/incidents/x/merge", json={"other": "y"}, headers=auth)
    assert r.status_code == 403 and "analyst" in r.json()["detail"]  # a viewer's token cannot write
    assert bearer.get("/", headers=auth, follow_redirects=False).status_code == 303  # API only

    c.post(f"/account/tokens/{row.id}/revoke", data={"csrf_token": csrf_of(listed)})
    assert bearer.get("/api/v1/me", headers=auth).status_code == 401
    assert [(e.actor, e.action) for e in fresh_ledger.audit_entries("user:vera")][-2:] == [
        ("vera", "token-create"),
        ("vera", "token-revoke"),
    ]


def test_analyst_token_writes_without_csrf_and_bad_tokens_fail(fresh_ledger: Ledger) -> None:
    c = TestClient(create_app(fresh_ledger))
    sign_in(c, "ann")
    csrf = c.get("/api/v1/me").json()["csrf_token"]
    assert c.post("/api/v1/tokens", json={"label": "script"}).status_code == 403  # cookie needs CSRF
    made = c.post("/api/v1/tokens", json={"label": "script"}, headers={"X-CSRF-Token": csrf}).json()
    token = made["token"]
    assert made["active"] and made["hint"] == token[:11]
    assert "token" not in c.get("/api/v1/tokens").json()["tokens"][0]

    api = TestClient(create_app(fresh_ledger))
    auth = {"Authorization": f"Bearer {token}"}
    from warledger.reconcile import RecordFilter, load_records

    rec = next(r for r in load_records(fresh_ledger, RecordFilter(kind="incident")) if r.casualties)
    fig = rec.casualties[0].figures[0]
    review = {
        "incident_id": rec.id,
        "doc_id": fig.doc_id,
        "start": fig.evidence.start,
        "end": fig.evidence.end,
        "status": "confirmed",
    }
    r = api.post("/api/v1/reviews", json=review, headers=auth)  # no CSRF header: bearer is enough
    assert r.status_code == 200 and r.json()["analyst"] == "ann"
    for bad in ("Bearer wl_nope", f"Bearer {token}x", "Bearer ", "Basic YW5uOng="):
        assert api.get("/api/v1/me", headers={"Authorization": bad}).status_code == 401
    assert (
        api.post("/api/v1/reviews", json=review, headers={"Authorization": "Bearer wl_x"}).status_code == 401
    )

    # a disabled user's token stops working
    fresh_ledger.set_user_disabled("ann", True, actor="test")
    assert api.get("/api/v1/me", headers=auth).status_code == 401
    fresh_ledger.set_user_disabled("ann", False, actor="test")
    assert api.get("/api/v1/me", headers=auth).status_code == 200
    revoked = c.post(f"/api/v1/tokens/{made['id']}/revoke", headers={"X-CSRF-Token": csrf}).json()
    assert not revoked["active"]
    assert api.get("/api/v1/me", headers=auth).status_code == 401
    assert c.post("/api/v1/tokens/999/revoke", headers={"X-CSRF-Token": csrf}).status_code == 404


def test_users_cli_set_role_disable_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["ann"] + "\n"))
    assert main(["users", "add", "ann", "--role", "analyst", "--password-stdin", "--db", db]) == 0
    assert main(["users", "set-role", "ann", "viewer", "--db", db]) == 0
    assert main(["users", "set-role", "ann", "boss", "--db", db]) != 0
    assert main(["users", "set-role", "nobody", "viewer", "--db", db]) != 0
    capsys.readouterr()
    assert main(["users", "token", "ann", "--label", "nb", "--db", db]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("wl_")
    assert main(["users", "disable", "ann", "--db", db]) == 0
    assert main(["users", "token", "ann", "--db", db]) != 0
    assert main(["users", "list", "--db", db]) == 0
    assert "disabled" in capsys.readouterr().out
    assert main(["users", "disable", "ann", "--enable", "--db", db]) == 0
    with open_ledger(db) as ledger:
        assert ledger.token_user(token) == ("ann", "viewer")
        actions = [(e.actor, e.action) for e in ledger.audit_entries("user:ann")]
    assert actions == [
        ("cli", "user-add"),
        ("cli", "user-role"),
        ("cli", "token-create"),
        ("cli", "user-disable"),
        ("cli", "user-enable"),
    ]


def test_users_cli_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "warledger-demo").mkdir()
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main([*_example(["users", "add"]), "--password-stdin"]) == 0
    for command in (["users", "token"], ["users", "set-role"], ["users", "disable"]):
        args = _example(command)
        assert args[:2] == command
        assert main(args) == 0, args
