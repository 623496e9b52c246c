"""``warledger users add|list``: the web app's users (viewer / analyst / admin)."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.table import Table

from warledger.cli.app import DbOption, app
from warledger.errors import InputError

users_app = typer.Typer(help="Web app users: viewer, analyst, admin.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def add(
    name: str = typer.Argument(..., help="User name (letters, digits, . _ - @)."),
    role: str = typer.Option("viewer", "--role", help="viewer, analyst or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of standard input."
    ),
    db: str | None = DbOption,
) -> None:
    """Add a user (or reset its role and password); the password is stored as an argon2 hash.

    Without --password-stdin the password is asked for twice at a prompt.

    Example: warledger users add alice --role analyst --db warledger-demo/warledger.db
    """
    from warledger.store import open_ledger
    from warledger.web.security import check_role, check_user_name, hash_password

    name, role = check_user_name(name), check_role(role)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InputError("empty password")
    hashed = hash_password(password)
    with open_ledger(db) as ledger:
        created = ledger.save_user(name, role, hashed, actor="cli")
    typer.echo(f"{'added' if created else 'updated'} user {name} ({role})")


@users_app.command("list")
def list_users(db: str | None = DbOption) -> None:
    """List the web app's users and their roles (never the hashes).

    Example: warledger users list --db warledger-demo/warledger.db
    """
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        rows = ledger.list_users()
    table = Table("user", "role", "created (UTC)")
    for r in rows:
        table.add_row(r.name, r.role, r.created_at)
    Console().print(table if rows else "no users: anyone on this machine may read (loopback only)")
