"""Server-rendered pages: map + timeline, incident, document, sign-in, audit, offline API docs.

Reads need a signed-in user once users exist (anonymous reading is allowed only while the ledger
has no users, which ``warledger serve`` permits on loopback only).  Every POST needs the session's
CSRF token; review, merge and split need an analyst.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from warledger.errors import InputError
from warledger.web.security import Viewer, bearer_token, check_password, csrf_ok, csrf_token
from warledger.web.service import IncidentQuery, WebService, place_label

router = APIRouter(include_in_schema=False)
TABLE_ROWS = 500  # the map and timeline show every match; the table the first ones (the API pages)


def current(request: Request) -> Viewer:
    """Who is asking: the owner of the API call's bearer token (a bad token is a 401, never a
    fall-back to the cookie), else the session's user; a disabled user is nobody."""
    known = getattr(request.state, "viewer", None)
    if isinstance(known, Viewer):
        return known
    ledger = request.app.state.ledger
    viewer = Viewer(None, None)
    token = bearer_token(request)
    if token is not None:
        owner = ledger.token_user(token)
        if owner is None:
            raise HTTPException(401, "unknown or revoked API token", {"WWW-Authenticate": "Bearer"})
        viewer = Viewer(*owner)
    else:
        name = request.session.get("user")
        if isinstance(name, str):
            row = ledger.get_user(name)
            if row is not None and not row.disabled:
                viewer = Viewer(row.name, row.role)
    request.state.viewer = viewer
    return viewer


def may_read(request: Request) -> bool:
    return current(request).signed_in or request.app.state.ledger.count_users() == 0


def reader(request: Request) -> Viewer:
    from warledger.web.app import NeedsLogin

    if not may_read(request):
        raise NeedsLogin()
    return current(request)


def service(request: Request) -> WebService:
    return request.app.state.service


ANALYST_ONLY = "only a signed-in analyst can change the ledger"
STALE_FORM = "the form's security token is missing or stale; reload the page"
STALE_HEADER = "missing or stale X-CSRF-Token (GET /api/v1/me gives it)"


def role_post(
    request: Request, token: str | None, role: str, refusal: str, stale: str = STALE_FORM
) -> Viewer:
    """The signed-in user with at least ``role`` making this POST, after checking the CSRF token
    (``stale`` says it failed); else 403 (``refusal`` says why)."""
    viewer = current(request)
    if not csrf_ok(request, token):
        raise HTTPException(403, stale)
    if not viewer.can(role):
        raise HTTPException(403, refusal)
    return viewer


def analyst_post(request: Request, token: str | None) -> Viewer:
    """The signed-in analyst making this POST, after checking the CSRF token; else 403."""
    return role_post(request, token, "analyst", ANALYST_ONLY)


def api_analyst(request: Request, token: str | None) -> Viewer:
    """``analyst_post`` for a REST call: the CSRF token comes in the ``X-CSRF-Token`` header (or
    the call carries a bearer token and needs none)."""
    return role_post(request, token, "analyst", ANALYST_ONLY, STALE_HEADER)


def parse_date(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from exc


def parse_disputed(value: str | None) -> bool | None:
    if value is None or value.strip() in ("", "any"):
        return None
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0"):
        return False
    raise InputError(f"disputed: {value!r} must be yes, no or any")


def incident_query(
    since: Annotated[str | None, Query(description="Occurred on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Occurred on or before (YYYY-MM-DD)")] = None,
    type: Annotated[str | None, Query(description="Substring of the event or sub-event type")] = None,
    place: Annotated[str | None, Query(description="Substring of the place name, admin1 or admin2")] = None,
    actor: Annotated[str | None, Query(description="Substring of actor 1 or actor 2")] = None,
    disputed: Annotated[str | None, Query(description="yes, no or any")] = None,
    q: Annotated[
        str | None, Query(description="Words that must all appear in the incident or its reports")
    ] = None,
    source: Annotated[
        str | None, Query(description="Substring of a report's origin (URL, file) or title")
    ] = None,
    review: Annotated[
        str | None,
        Query(description="confirmed / rejected (has such a figure), unreviewed, reviewed (all figures)"),
    ] = None,
    admin1: Annotated[str | None, Query(description="The place's first-level unit (exact)")] = None,
    admin2: Annotated[str | None, Query(description="The place's second-level unit (exact)")] = None,
    near: Annotated[str | None, Query(description="LAT,LON: incidents within km of this point")] = None,
    km: Annotated[str | None, Query(description="Radius for near, in km (default 25)")] = None,
) -> IncidentQuery:
    return IncidentQuery(
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        type=(type or "").strip() or None,
        place=(place or "").strip() or None,
        actor=(actor or "").strip() or None,
        disputed=parse_disputed(disputed),
        q=(q or "").strip() or None,
        source=(source or "").strip() or None,
        review=None if (review or "").strip() in ("", "any") else (review or "").strip(),
        admin1=(admin1 or "").strip() or None,
        admin2=(admin2 or "").strip() or None,
        near=parse_near(near),
        km=parse_km(km),
    )


def _count(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a whole number") from None


def parse_near(value: str | None) -> tuple[float, float] | None:
    if value is None or not value.strip():
        return None
    parts = value.replace(" ", "").split(",")
    try:
        lat, lon = (float(x) for x in parts)
    except ValueError:
        raise InputError(f"near: {value!r} must be LAT,LON (e.g. 48.74,37.58)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"near: {value!r} is not a point on Earth")
    return (lat, lon)


def parse_km(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        km = float(value)
    except ValueError:
        raise InputError(f"km: {value!r} is not a number") from None
    if not 0 < km <= 20100:
        raise InputError(f"km: {value!r} must be above 0 and at most 20100")
    return km


Filters = Annotated[IncidentQuery, Depends(incident_query)]
Reader = Annotated[Viewer, Depends(reader)]


@router.get("/")
def index(request: Request, viewer: Reader, flt: Filters) -> Response:
    from warledger.web.app import render

    svc = service(request)
    total, records = svc.incident_page(flt, TABLE_ROWS, 0)
    return render(
        request,
        "index.html",
        {
            "viewer": viewer,
            "flt": flt,
            "total": total,
            "records": records,
            "types": svc.event_types(),
            "admin1s": svc.admin1_values(),
            "place_label": place_label,
            "tiles": request.app.state.tiles or "",
        },
    )


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: str, viewer: Reader) -> Response:
    from warledger.web.app import render

    view = service(request).incident(incident_id)
    if view is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return render(request, "incident.html", {"viewer": viewer, "v": view, "place_label": place_label})


@router.post("/incidents/{incident_id}/review")
def review(
    request: Request,
    incident_id: str,
    doc_id: Annotated[str, Form()],
    start: Annotated[int, Form()],
    end: Annotated[int, Form()],
    status: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    note: Annotated[str | None, Form()] = None,
    back: Annotated[str | None, Form()] = None,
    low: Annotated[str | None, Form()] = None,
    high: Annotated[str | None, Form()] = None,
) -> Response:
    analyst = analyst_post(request, csrf_token)
    if status not in ("confirmed", "rejected", "corrected"):
        raise InputError("status must be confirmed, rejected or corrected")
    service(request).review_figure(
        incident_id,
        doc_id,
        start,
        end,
        status,
        str(analyst.name),
        note,
        low=_count(low, "low"),
        high=_count(high, "high"),
    )
    if back == "queue":
        return RedirectResponse("/review", status_code=303)
    return RedirectResponse(f"/incidents/{quote(incident_id)}#history", status_code=303)


@router.get("/review")
def review_queue(request: Request, viewer: Reader) -> Response:
    from warledger.web.app import render

    total, items = service(request).review_queue(limit=100)
    return render(
        request, "review.html", {"viewer": viewer, "items": items, "total": total, "place_label": place_label}
    )


@router.post("/incidents/{incident_id}/merge")
def merge(
    request: Request,
    incident_id: str,
    other: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form()] = None,
) -> Response:
    analyst = analyst_post(request, csrf_token)
    merged = service(request).merge(incident_id, other.strip(), str(analyst.name), reason)
    return RedirectResponse(f"/incidents/{quote(merged)}", status_code=303)


@router.post("/incidents/{incident_id}/split")
def split(
    request: Request,
    incident_id: str,
    member: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    reason: Annotated[str | None, Form()] = None,
) -> Response:
    analyst = analyst_post(request, csrf_token)
    kept, _new = service(request).split(incident_id, member.strip(), str(analyst.name), reason)
    return RedirectResponse(f"/incidents/{quote(kept)}", status_code=303)


@router.get("/documents")
def documents_page(request: Request, viewer: Reader, page: int = 1, q: str | None = None) -> Response:
    from warledger.web.app import render

    size = 50
    page = max(1, page)
    q = (q or "").strip() or None
    total, rows = service(request).document_rows(size, (page - 1) * size, q=q)
    return render(
        request,
        "documents.html",
        {
            "viewer": viewer,
            "rows": rows,
            "page": page,
            "pages": max(1, -(-total // size)),
            "total": total,
            "q": q or "",
            "more": f"&q={quote(q)}" if q else "",
        },
    )


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, viewer: Reader) -> Response:
    from warledger.web.app import render

    view = service(request).document(doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id}")
    return render(request, "document.html", {"viewer": viewer, "v": view})


@router.get("/documents/{doc_id}/original")
def original(request: Request, doc_id: str, viewer: Reader) -> Response:
    doc, data = service(request).original(doc_id)
    # Always a download, never rendered: the original may be hostile HTML.
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{doc.sha256}.bin"',
            "X-Content-SHA256": doc.sha256,
        },
    )


@router.get("/audit")
def audit_page(request: Request, viewer: Reader, verify: bool = False) -> Response:
    """The newest audit rows; ``?verify=1`` also checks the whole chain and the archive (slower)."""
    from warledger.web.app import render

    ledger = request.app.state.ledger
    report = ledger.verify() if verify else None
    return render(
        request, "audit.html", {"viewer": viewer, "entries": ledger.recent_audit(200), "report": report}
    )


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    from warledger.web.app import render

    return render(request, "login.html", {"next": _safe_next(next), "message": None})


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    next: Annotated[str, Form()] = "/",
) -> Response:
    from warledger.web.app import render

    if not csrf_ok(request, csrf_token):
        raise HTTPException(403, "the form's security token is missing or stale; reload the page")
    limiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.retry_after(client, username)
    if wait:
        raise HTTPException(
            429, f"too many failed sign-ins; try again in {wait} s", {"Retry-After": str(wait)}
        )
    row = request.app.state.ledger.get_user(username.strip())
    if not check_password(row.password_hash if row else None, password):
        limiter.failed(client, username)
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "message": "wrong user name or password"},
            status=401,
        )
    limiter.succeeded(username)
    if row is not None and row.disabled:
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "message": "this user is disabled; ask an admin"},
            status=403,
        )
    request.session.clear()  # a fresh session (and CSRF token) after signing in
    request.session["user"] = row.name if row else ""
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    if not csrf_ok(request, csrf_token):
        raise HTTPException(403, "the form's security token is missing or stale; reload the page")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The REST API reference, rendered on the server from the OpenAPI schema (works offline)."""
    from warledger.web.app import render

    schema = request.app.openapi()
    return render(request, "api_docs.html", {"schema": schema, "token": csrf_token(request)})


def _safe_next(target: str) -> str:
    """Only same-site paths: never an absolute or scheme-relative URL (open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
