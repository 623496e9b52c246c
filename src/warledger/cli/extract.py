"""``warledger extract``: the stateless extraction contract (no database)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from warledger.cli.app import app
from warledger.errors import InputError


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published must be YYYY-MM-DD, got {value!r}") from None


@app.command()
def extract(
    files: list[Path] = typer.Argument(None, help="Text or HTML files; each file's id is its path."),
    jsonl: str | None = typer.Option(
        None, "--jsonl", help='JSON Lines of {"id","text","published"?,"title"?,"url"?}; "-" reads stdin.'
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date (YYYY-MM-DD) anchoring relative dates when a record has none.",
    ),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes."),
) -> None:
    """Extract figures, places, incidents and claims; print one JSON object per document.

    Stateless: reads files or JSON Lines, writes JSON Lines to stdout, touches no database.

    Example: warledger extract --published 2022-04-07 examples/reports/donetsk-shelling-2022-04-07.txt
    """
    from warledger.extraction import run_extract

    stats = run_extract(
        [str(f) for f in files or []],
        jsonl=jsonl,
        published=_published(published),
        processes=processes,
        out=sys.stdout,
    )
    if stats.errors and not stats.written:
        raise InputError(f"nothing extracted ({stats.errors} input error(s))")
    if not stats.written and not stats.errors:
        raise InputError("no input: give FILE arguments or --jsonl PATH|-")
