"""The analyst web app: ``warledger serve`` (FastAPI + Jinja2, offline assets).

    from warledger.store import open_ledger
    from warledger.web import create_app
    app = create_app(open_ledger("warledger.db"))   # an ASGI app; run it with uvicorn

Pages and the REST API (``/api/v1``) call :mod:`warledger.web.service`, which calls the library.
"""

from __future__ import annotations

from warledger.web.app import create_app

__all__ = ["create_app"]
