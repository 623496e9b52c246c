"""Measurement scripts: ``python -m warledger.bench NAME [ARGS]`` runs ``warledger.bench.NAME.main``.

Benchmarks read third-party data from the shared folder (``$WARLEDGER_SHARED`` or ``../shared``
next to the repository) and never copy it into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """The shared evaluation folder (env ``WARLEDGER_SHARED``, else ``<repo>/../shared``)."""
    env = os.environ.get("WARLEDGER_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared"
