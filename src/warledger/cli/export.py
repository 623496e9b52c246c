"""Exports: ``warledger export``, ``evidence`` and ``verify-package``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from warledger.cli.app import DbOption, app
from warledger.errors import InputError


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} must be YYYY-MM-DD, got {value!r}") from None


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="acled | ucdp | geojson | jsonl | parquet"),
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    since: str | None = typer.Option(None, "--since", help="Incidents that occurred on or after YYYY-MM-DD."),
    until: str | None = typer.Option(
        None, "--until", help="Incidents that occurred on or before YYYY-MM-DD."
    ),
    place: str | None = typer.Option(None, "--place", help="Place name, admin1 or admin2 contains this."),
    type_: str | None = typer.Option(None, "--type", help="Event or sub-event type contains this."),
    db: str | None = DbOption,
) -> None:
    """Export the reconciled incidents: ACLED CSV (31 columns), UCDP GED-style CSV, GeoJSON
    (RFC 7946, opens in QGIS), JSON Lines or Parquet.  Reconciles first if the ledger changed.

    Example: warledger export --format acled -o incidents.csv --db demo.db
    """
    from warledger.export import export as run_export
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        n = run_export(
            ledger,
            fmt.lower(),
            output,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            place=place,
            type=type_,
        )
    print(f"wrote {n} record(s) to {output} ({fmt.lower()})")


@app.command()
def evidence(
    incident: str = typer.Argument(
        ..., metavar="INCIDENT", help="Incident id (or prefix), DOC#N or document id."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="A new folder, or a file ending in .zip."),
    db: str | None = DbOption,
) -> None:
    """Write an evidence package for one incident: the archived originals untouched, a SHA-256
    manifest, the chain-of-custody rows of the audit log, the extractions with their spans.

    Example: warledger evidence 25361755ecb5103f -o donetsk-evidence.zip --db demo.db
    """
    from warledger.export.evidence import build_package
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        info = build_package(ledger, incident, output)
    print(f"wrote the evidence package of {info.incident} to {info.path} ({info.files} files)")
    print(f"manifest sha256 {info.manifest_sha256}")


@app.command("verify-package")
def verify_package_cmd(
    path: Path = typer.Argument(..., metavar="PATH", help="An evidence package folder or .zip."),
) -> None:
    """Verify an evidence package: every file against the manifest, originals against their names,
    spans against the texts, the custody rows against their hashes.  Exit 1 on any change.

    Example: warledger verify-package donetsk-evidence.zip
    """
    from warledger.export.evidence import verify_package

    info = verify_package(path)
    print(f"ok: {info.path} — evidence package of {info.incident}, {info.files} files verified")
