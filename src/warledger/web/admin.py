"""The admin page for users, ``/admin/users`` (admins only): list users, add one with a role,
change a role, disable / enable, reset a password.  Every form carries the CSRF token, every
change is audited with the admin as actor; a viewer or analyst gets 403."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from warledger.errors import InputError, StoreError
from warledger.store import Ledger
from warledger.store.users import ROLES
from warledger.web.pages import Reader, role_post
from warledger.web.security import Viewer, check_role, check_user_name, hash_password

router = APIRouter(include_in_schema=False)


ADMIN_ONLY = "only an admin can manage users"


def _admin(viewer: Viewer) -> Viewer:
    if not viewer.can("admin"):
        raise HTTPException(403, ADMIN_ONLY)
    return viewer


def admin_post(request: Request, token: str | None) -> Viewer:
    """The signed-in admin making this POST, after checking the CSRF token; else 403."""
    return role_post(request, token, "admin", ADMIN_ONLY)


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _done(message: str) -> Response:
    return RedirectResponse(f"/admin/users?done={quote(message)}", status_code=303)


def _known(request: Request, name: str) -> str:
    if _ledger(request).get_user(name) is None:
        raise HTTPException(404, f"no user {name}")
    return name


@router.get("/admin/users")
def users_page(request: Request, viewer: Reader, done: str | None = None) -> Response:
    from warledger.web.app import render

    _admin(viewer)
    ledger = _ledger(request)
    active: dict[str, int] = {}
    for t in ledger.tokens():
        if t.active:
            active[t.user] = active.get(t.user, 0) + 1
    return render(
        request,
        "admin_users.html",
        {"viewer": viewer, "users": ledger.list_users(), "roles": ROLES, "tokens": active, "done": done},
    )


@router.post("/admin/users")
def add_user(
    request: Request,
    name: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    admin = admin_post(request, csrf_token)
    name, role = check_user_name(name), check_role(role)
    if _ledger(request).get_user(name) is not None:
        raise InputError(f"user {name} already exists; change its role or password in the table")
    _ledger(request).save_user(name, role, hash_password(password), actor=str(admin.name))
    return _done(f"added {name} ({role})")


@router.post("/admin/users/{name}/role")
def change_role(
    request: Request,
    name: str,
    role: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    admin = admin_post(request, csrf_token)
    try:
        _ledger(request).set_user_role(_known(request, name), check_role(role), actor=str(admin.name))
    except StoreError as exc:  # the last admin
        raise InputError(str(exc)) from None
    return _done(f"{name} is now {role}")


@router.post("/admin/users/{name}/disable")
def disable(
    request: Request,
    name: str,
    disabled: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    admin = admin_post(request, csrf_token)
    if disabled not in ("yes", "no"):
        raise InputError("disabled must be yes or no")
    try:
        _ledger(request).set_user_disabled(_known(request, name), disabled == "yes", actor=str(admin.name))
    except StoreError as exc:
        raise InputError(str(exc)) from None
    return _done(f"{name} {'disabled' if disabled == 'yes' else 'enabled'}")


@router.post("/admin/users/{name}/password")
def reset_password(
    request: Request,
    name: str,
    password: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    admin = admin_post(request, csrf_token)
    _ledger(request).set_user_password(_known(request, name), hash_password(password), actor=str(admin.name))
    return _done(f"password of {name} reset")
