"""Command-line interface: ``warledger COMMAND``. Run ``warledger --help``."""

from __future__ import annotations

import importlib
import sys

import typer

# Typer 0.29 vendors click; its exception base is only reachable here (the version is pinned).
from typer._click.exceptions import ClickException

from warledger.cli.app import app
from warledger.errors import WarledgerError

# One module per command group; each registers its commands on ``app`` when imported.
_COMMAND_MODULES = (
    "extract", "ledger", "ingest", "gazetteer", "reconcile", "export", "demo", "misc", "serve", "users"
)


def _load_commands() -> None:
    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(f"warledger.cli.{name}")
        except ModuleNotFoundError as exc:  # a group still being written must not break the others
            if exc.name != f"warledger.cli.{name}":
                raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``warledger`` console script; returns the exit code."""
    _load_commands()
    try:
        # Non-standalone click returns a raised ``typer.Exit``'s code instead of exiting.
        rc = app(args=argv, standalone_mode=False)
    except WarledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("error: interrupted; everything committed so far is kept (re-run to finish)", file=sys.stderr)
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except ClickException as exc:  # usage errors: bad option, missing argument
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
