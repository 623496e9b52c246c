"""The Typer application that every ``warledger`` command registers on.

Each command group lives in its own module of this package and is a thin call into the library.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="warledger",
    help="Turn reports of armed conflict into a sourced, geocoded, dated ledger of incidents and figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

DbOption = typer.Option(
    None,
    "--db",
    help="Ledger database: SQLite path or SQLAlchemy URL (default: $WARLEDGER_DB or ./warledger.db).",
)
