"""Personal API tokens: page ``/account/tokens`` and API ``/api/v1/tokens`` (any signed-in user).

A token is shown once, when it is made, and stored as its SHA-256; ``Authorization: Bearer
<token>`` on ``/api/v1/…`` then acts as its user with that user's role (a viewer's token cannot
write) and needs no CSRF token.  Creating and revoking are audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from warledger.errors import InputError, StoreError
from warledger.store import Ledger
from warledger.store.tokens import TokenRow
from warledger.web.pages import Reader, current
from warledger.web.security import Viewer, csrf_ok

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["tokens"])


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _signed_in(viewer: Viewer) -> str:
    if viewer.name is None:
        raise HTTPException(403, "sign in to manage your API tokens")
    return viewer.name


def _post(request: Request, token: str | None, header: bool = False) -> str:
    viewer = current(request)
    if not csrf_ok(request, token):
        where = "X-CSRF-Token header (GET /api/v1/me gives it)" if header else "form's security token"
        raise HTTPException(403, f"the {where} is missing or stale")
    return _signed_in(viewer)


def _revoke(request: Request, user: str, token_id: int) -> TokenRow:
    try:
        return _ledger(request).revoke_token(token_id, actor=user, user=user)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None


def token_json(t: TokenRow) -> dict[str, Any]:
    return {
        "id": t.id,
        "label": t.label,
        "hint": t.hint,
        "created_at": t.created_at,
        "revoked_at": t.revoked_at,
        "active": t.active,
    }


# -- page ------------------------------------------------------------------------------------
def _page(request: Request, viewer: Viewer, new_token: str | None = None) -> Response:
    from warledger.web.app import render

    user = _signed_in(viewer)
    return render(
        request,
        "account_tokens.html",
        {"viewer": viewer, "tokens": _ledger(request).tokens(user), "new_token": new_token},
    )


@pages.get("/account/tokens")
def tokens_page(request: Request, viewer: Reader) -> Response:
    return _page(request, viewer)


@pages.post("/account/tokens")
def create_page(
    request: Request,
    csrf_token: Annotated[str | None, Form()] = None,
    label: Annotated[str | None, Form()] = None,
) -> Response:
    user = _post(request, csrf_token)
    _row, token = _ledger(request).create_token(user, label or "", actor=user)
    return _page(request, current(request), token)  # the one time the token is shown (no-store)


@pages.post("/account/tokens/{token_id}/revoke")
def revoke_page(
    request: Request, token_id: int, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    user = _post(request, csrf_token)
    _revoke(request, user, token_id)
    return RedirectResponse("/account/tokens", status_code=303)


# -- REST API --------------------------------------------------------------------------------
class TokenIn(BaseModel):
    label: str = Field(default="", max_length=100)


@api.get("/tokens", summary="Your API tokens (never the tokens themselves)")
def list_tokens(request: Request) -> dict[str, Any]:
    from warledger.web.api import api_reader

    user = _signed_in(api_reader(request))
    return {"tokens": [token_json(t) for t in _ledger(request).tokens(user)]}


@api.post("/tokens", summary="Create an API token for yourself; the answer is the only time it is shown")
def create_token(
    request: Request, body: TokenIn, x_csrf_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    user = _post(request, x_csrf_token, header=True)
    if len(body.label) > 100:
        raise InputError("a label has at most 100 characters")
    row, token = _ledger(request).create_token(user, body.label, actor=user)
    return {**token_json(row), "token": token}


@api.post("/tokens/{token_id}/revoke", summary="Revoke one of your API tokens")
def revoke_token(
    request: Request, token_id: int, x_csrf_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    user = _post(request, x_csrf_token, header=True)
    return token_json(_revoke(request, user, token_id))
