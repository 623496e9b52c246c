"""The FastAPI application: ``create_app(ledger)``; pages in ``pages``, the REST API in ``api``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.middleware.sessions import SessionMiddleware

from warledger.errors import InputError, StoreError
from warledger.store import Ledger
from warledger.web.security import LoginLimiter, Viewer, csrf_token
from warledger.web.service import WebService

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SESSION_HOURS = 8
NO_STORE = ("/api/", "/incidents", "/documents", "/audit", "/ingest", "/account", "/admin", "/review")


class NeedsLogin(Exception):
    """Raised by page dependencies: redirect to the sign-in page."""


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every value is escaped: document text is hostile input
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def create_app(
    ledger: Ledger,
    *,
    secure_cookies: bool = False,
    tiles: str | None = None,
    secret: str | None = None,
    login_limit: int = 5,
    auto_reconcile: bool = True,
) -> FastAPI:
    """The web app over an open ledger.  ``secure_cookies`` marks the session cookie Secure (use
    it behind HTTPS); ``tiles`` is an optional online tile URL template for the map;
    ``auto_reconcile`` re-derives the reconciled incidents when the extractions changed."""
    from warledger.web import account, admin, api, ingest_routes, pages, place_review
    from warledger.web.ingest_jobs import IngestRunner

    app = FastAPI(
        title="warledger",
        version="1",
        description="The reconciled ledger of conflict incidents, casualty figures and claims.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.ledger = ledger
    app.state.service = WebService(ledger, auto_reconcile=auto_reconcile)
    app.state.templates = templates()
    app.state.limiter = LoginLimiter(limit=login_limit)
    app.state.tiles = tiles
    app.state.ingest = IngestRunner(ledger, after=lambda: app.state.service.refresh(force=True))
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or ledger.web_secret(),
        session_cookie="warledger_session",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=secure_cookies,
    )
    csp = _csp(tiles)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path.startswith(NO_STORE):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(NeedsLogin)
    async def needs_login(request: Request, _exc: NeedsLogin) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 500, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail), exc.headers)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(ingest_routes.api)
    app.include_router(place_review.api)
    app.include_router(account.api)
    app.include_router(pages.router)
    app.include_router(ingest_routes.pages)
    app.include_router(place_review.pages)
    app.include_router(account.pages)
    app.include_router(admin.router)
    app.state.service.refresh()
    return app


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        from urllib.parse import urlsplit

        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
        img += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if request.url.path.startswith(("/api/", "/openapi")):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    from warledger.web.pages import current

    env: Environment = request.app.state.templates
    viewer: Viewer = context.get("viewer") or current(request)
    ctx = {**context, "request": request, "viewer": viewer, "csrf": csrf_token(request)}
    html = env.get_template(name).render(**ctx)
    return HTMLResponse(html, status_code=status)
