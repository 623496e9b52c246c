"""``warledger users add|list|set-role|disable|token``: the web app's users (viewer / analyst /
admin) and their personal API tokens."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from warledger.cli.app import DbOption, app
from warledger.errors import InputError

if TYPE_CHECKING:
    from warledger.store import Ledger
    from warledger.store.users import UserRow

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
    table = Table("user", "role", "status", "created (UTC)")
    for r in rows:
        table.add_row(r.name, r.role, f"disabled {r.disabled_at}" if r.disabled else "active", r.created_at)
    Console().print(table if rows else "no users: anyone on this machine may read (loopback only)")


@users_app.command("set-role")
def set_role(
    name: str = typer.Argument(..., help="An existing user."),
    role: str = typer.Argument(..., help="viewer, analyst or admin."),
    db: str | None = DbOption,
) -> None:
    """Change a user's role (audited; the last enabled admin cannot be demoted).

    Example: warledger users set-role alice viewer --db warledger-demo/warledger.db
    """
    from warledger.store import open_ledger
    from warledger.web.security import check_role

    role = check_role(role)
    with open_ledger(db, create=False) as ledger:
        _known(ledger, name)
        ledger.set_user_role(name, role, actor="cli")
    typer.echo(f"{name} is now {role}")


@users_app.command("disable")
def disable(
    name: str = typer.Argument(..., help="An existing user."),
    enable: bool = typer.Option(False, "--enable", help="Enable the user again instead."),
    db: str | None = DbOption,
) -> None:
    """Disable a user: no sign-in, its API tokens stop working (audited); --enable undoes it.

    Example: warledger users disable alice --db warledger-demo/warledger.db
    """
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        _known(ledger, name)
        ledger.set_user_disabled(name, not enable, actor="cli")
    typer.echo(f"{name} {'enabled' if enable else 'disabled'}")


@users_app.command("token")
def token(
    name: str = typer.Argument(..., help="An existing user: the token acts with this user's role."),
    label: str = typer.Option("", "--label", help="What the token is for (shown in the token list)."),
    db: str | None = DbOption,
) -> None:
    """Create a personal API token (printed once; only its hash is stored; audited).

    Use it as `Authorization: Bearer TOKEN` on /api/v1/…; revoke it on the web page /account/tokens.

    Example: warledger users token alice --label notebook --db warledger-demo/warledger.db
    """
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        if _known(ledger, name).disabled:
            raise InputError(f"user {name} is disabled; enable it first (warledger users disable --enable)")
        row, secret = ledger.create_token(name, label, actor="cli")
    typer.echo(secret)
    typer.echo(f"token {row.id} for {name} ({row.hint}…); it is not shown again", err=True)


def _known(ledger: Ledger, name: str) -> UserRow:
    row = ledger.get_user(name)
    if row is None:
        raise InputError(f"no user {name!r} (warledger users list shows them)")
    return row
