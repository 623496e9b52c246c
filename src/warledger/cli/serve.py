"""``warledger serve``: the analyst web app on a ledger (loopback by default)."""

from __future__ import annotations

import typer

from warledger.cli.app import DbOption, app
from warledger.errors import InputError


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    tiles: str | None = typer.Option(
        None,
        "--tiles",
        help="Optional online tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png.",
    ),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Mark the session cookie Secure (when served behind HTTPS)."
    ),
) -> None:
    """Serve the map, timeline, incident and document pages and the REST API (/api/v1, /docs).

    Serving on an address other than loopback needs at least one user (`warledger users add`).

    Example: warledger serve --db warledger-demo/warledger.db --port 8000
    """
    from warledger.store import open_ledger
    from warledger.web import assets
    from warledger.web.security import is_loopback

    gone = assets.missing()
    if gone:
        raise InputError(
            f"the web assets are not installed ({len(gone)} missing); run: python -m warledger.web.assets"
        )
    ledger = open_ledger(db, create=False)
    try:
        if not is_loopback(host) and ledger.count_users() == 0:
            raise InputError(
                f"refusing to serve on {host} without users: add one first with "
                "`warledger users add NAME --role admin`, or serve on 127.0.0.1"
            )
        import uvicorn

        from warledger.web import create_app

        web = create_app(ledger, secure_cookies=secure_cookies, tiles=tiles)
        typer.echo(f"warledger: serving {ledger.display_url} on http://{host}:{port}/ (Ctrl-C to stop)")
        uvicorn.run(web, host=host, port=port, log_level="warning")
    finally:
        ledger.close()
