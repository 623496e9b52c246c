"""``warledger gazetteer``: import GeoNames dumps into the user's gazetteer, inspect and look up names."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from warledger.cli.app import app

gazetteer_app = typer.Typer(
    help="The place-name gazetteer: shipped GeoNames data plus dumps you import.", no_args_is_help=True
)
app.add_typer(gazetteer_app, name="gazetteer")

TargetOption = typer.Option(
    None,
    "--to",
    help="Gazetteer file (default: $WARLEDGER_GAZETTEER or ~/.local/share/warledger/gazetteer.sqlite).",
)


@gazetteer_app.command("import")
def import_cmd(
    source: str = typer.Argument(
        ..., help="GeoNames dump: allCountries.zip, XX.zip, cities500.zip, a .txt, or a URL."
    ),
    to: Path | None = TargetOption,
) -> None:
    """Add every populated place and admin unit of a GeoNames dump to your gazetteer.

    Example: warledger gazetteer import places.txt --to gazetteer.sqlite
    """
    from warledger.geo import reset_geoparsers
    from warledger.geo.importer import import_dump
    from warledger.geo.store import user_gazetteer_path
    from warledger.settings import Settings

    target = to or user_gazetteer_path()
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        stats = import_dump(source, target, progress=progress, timeout=Settings().timeout)
    reset_geoparsers()
    typer.echo(
        f"{stats.kept:,} places ({stats.aliases:,} names) from {stats.read:,} rows added to {stats.path}"
    )


@gazetteer_app.command("info")
def info_cmd(to: Path | None = TargetOption) -> None:
    """Show which gazetteer files are used and how many places each holds.

    Example: warledger gazetteer info
    """
    from warledger.geo import load_geoparser

    gp = load_geoparser(to)
    table = Table("gazetteer file", "places")
    for path, n in gp.gaz.stats().items():
        table.add_row(path, f"{n:,}")
    Console().print(table)
    typer.echo("Place data: GeoNames (www.geonames.org), CC BY 4.0.")


@gazetteer_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="A place name in any common spelling (Kiev, Kyiv, Andrievka…)."),
    limit: int = typer.Option(10, "--limit", "-n", help="Show at most this many entries."),
    to: Path | None = TargetOption,
) -> None:
    """List the gazetteer entries a name can refer to, most populous first.

    Example: warledger gazetteer lookup Kharkov --limit 5
    """
    from warledger.geo import load_geoparser
    from warledger.geo.store import KIND_NAMES

    gp = load_geoparser(to)
    cands = gp.lookup(name)
    if not cands:
        typer.echo(f"no place named {name!r}")
        return
    table = Table("geonameid", "name", "country", "admin1", "type", "population", "lat", "lon", "matched by")
    for c in cands[:limit]:
        table.add_row(
            str(c.id),
            c.name,
            c.cc,
            gp.gaz.admin_name(f"{c.cc}.{c.a1}") or "",
            c.fcode,
            f"{c.pop:,}",
            f"{c.lat:.4f}",
            f"{c.lon:.4f}",
            KIND_NAMES[c.kind],
        )
    Console(width=160).print(table)
    if len(cands) > limit:
        typer.echo(f"… and {len(cands) - limit} more")
