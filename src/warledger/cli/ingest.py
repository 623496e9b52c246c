"""``warledger ingest``: archive and store reports from files, folders, URLs and feeds."""

from __future__ import annotations

import getpass

import typer
from rich.console import Console

from warledger.cli.app import DbOption, app
from warledger.errors import InputError


def cli_actor() -> str:
    """Who a CLI ingest's audit entries name: ``cli:`` and the operating-system user (``cli`` when
    the user cannot be told, e.g. a container without a passwd entry)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return "cli"
    return f"cli:{user}" if user else "cli"


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., metavar="PATH_OR_URL...", help="Files, folders, URLs or feeds."),
    db: str | None = DbOption,
    no_extract: bool = typer.Option(False, "--no-extract", help="Store documents only; extract later."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the summary line."),
) -> None:
    """Ingest reports (.txt, .html, .json/.jsonl, RSS/Atom feeds, folders, URLs) into the ledger.

    Every input is archived byte for byte first; re-ingesting the same input is a no-op reported as
    "already known".  Near-copies of one story (syndicated, rewritten, machine-translated) join one
    story cluster.  Non-English documents are stored and flagged, not extracted.  The audit
    entries name the operating-system user as actor (``cli:USER``).

    Example: warledger ingest examples/reports --db demo.db
    """
    from warledger.ingest import ingest as run_ingest
    from warledger.store import open_ledger

    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with open_ledger(db) as ledger:
        report = run_ingest(
            ledger,
            inputs,
            extract=not no_extract,
            progress=not quiet and err.is_terminal,
            actor=cli_actor(),
        )
    if not quiet:
        for outcome in report.documents:
            status = "new" if outcome.status == "new" else "already known"
            extra = []
            if not outcome.is_english:
                extra.append(f"non-English: {outcome.language}")
            if outcome.joined_cluster:
                sim = outcome.similarity or 0.0
                extra.append(f"same story as cluster {outcome.cluster_id} (similarity {sim:.2f})")
            if outcome.extracted:
                extra.append("extracted")
            suffix = f"  [{'; '.join(extra)}]" if extra else ""
            out.print(f"{outcome.doc_id}  {status:<13}  {outcome.origin}{suffix}", markup=False)
        for warning in report.warnings:
            err.print(f"warning: {warning}", markup=False)
    for message in report.errors:
        err.print(f"error: {message}", markup=False)
    out.print(
        f"{report.new_documents} new, {report.already_known} already known, "
        f"{report.non_english} non-English, "
        f"{report.clusters_joined} joined a story cluster, {report.extracted} extracted, "
        f"{len(report.errors)} error(s)",
        markup=False,
    )
    if not report.ok:
        raise InputError(f"nothing was ingested ({len(report.errors)} error(s) above)")
