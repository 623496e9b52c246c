"""Small informational commands: ``warledger settings`` and ``warledger version``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from warledger.cli.app import app
from warledger.settings import Settings


@app.command("settings")
def settings_cmd() -> None:
    """Show every setting with its current value and help (set them as WARLEDGER_<NAME>).

    Example: warledger settings
    """
    table = Table("setting", "environment variable", "value", "help")
    for name, value, help_text in Settings.describe():
        table.add_row(name, f"WARLEDGER_{name.upper()}", value, help_text)
    Console().print(table)


@app.command()
def version() -> None:
    """Print warledger's version.

    Example: warledger version
    """
    from warledger import __version__

    print(f"warledger {__version__}")
