"""warledger: a sourced, geocoded, dated ledger of conflict incidents, casualty figures and claims.

Public API::

    import warledger
    result = warledger.extract(text, published="2022-04-07")   # -> DocumentResult, no database
    with warledger.open_ledger("warledger.db") as ledger:        # -> Ledger (SQLite or PostgreSQL)
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warledger.models import (
    Claim,
    DateRef,
    Document,
    DocumentResult,
    Evidence,
    Fatalities,
    Figure,
    Incident,
    Place,
    Source,
)

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "DateRef",
    "Document",
    "DocumentResult",
    "Evidence",
    "Fatalities",
    "Figure",
    "Incident",
    "Place",
    "Source",
    "__version__",
    "extract",
    "open_ledger",
]

if TYPE_CHECKING:
    from warledger.pipeline import extract
    from warledger.store import open_ledger


def __getattr__(name: str) -> Any:  # lazy: importing warledger must not load spaCy or SQLAlchemy
    if name == "extract":
        from warledger.pipeline import extract

        return extract
    if name == "open_ledger":
        from warledger.store import open_ledger

        return open_ledger
    raise AttributeError(name)
