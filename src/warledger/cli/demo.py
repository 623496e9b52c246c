"""``warledger demo``: the bundled example reports → a fresh ledger → printed tables."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from warledger.cli.app import app
from warledger.cli.ledger import figures_table, incidents_table
from warledger.cli.reconcile import reconciled_table


@app.command()
def demo(
    folder: Path = typer.Option(
        Path("warledger-demo"), "--dir", help="Folder for the demo ledger and archive."
    ),
    examples: Path | None = typer.Option(
        None, "--examples", help="Reports to ingest (default: examples/reports)."
    ),
    keep: bool = typer.Option(
        False, "--keep", help="Add to an existing demo ledger instead of starting fresh."
    ),
) -> None:
    """Ingest the example reports into a fresh ledger, reconcile them, print figures and incidents.

    Example: warledger demo --dir warledger-demo
    """
    from warledger.demo import run_demo

    console = Console()
    result = run_demo(folder, examples, fresh=not keep, progress=console.is_terminal)
    console.print(
        f"[bold]Ingested[/bold] {result.new_documents} new document(s) "
        f"({result.already_known} already known, {result.clusters_joined} joined a story cluster, "
        f"{result.extracted} extracted) into {result.db}"
    )
    for err in result.errors:
        console.print(f"[red]error:[/red] {err}", markup=True, highlight=False)
    console.print(figures_table(result.figures, title="Figures"))
    console.print(incidents_table(result.incidents, title="Incidents, per report"))
    console.print(reconciled_table(result.reconciled, title="Incidents reconciled across reports"))
    console.print(
        f"Next: [cyan]warledger documents --db {result.db}[/cyan], "
        f"[cyan]warledger show ID --db {result.db}[/cyan], [cyan]warledger verify --db {result.db}[/cyan]"
    )
