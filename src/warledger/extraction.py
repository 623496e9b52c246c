"""``run_extract``: the library call behind ``warledger extract`` (files/JSONL in, JSON Lines out)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from warledger.inputs import iter_inputs
from warledger.pipeline import extract_many
from warledger.settings import Settings


@dataclass
class ExtractStats:
    written: int = 0
    errors: int = 0


def run_extract(
    files: Sequence[str],
    *,
    jsonl: str | None = None,
    published: date | None = None,
    processes: int = 1,
    out: IO[str] | None = None,
    settings: Settings | None = None,
) -> ExtractStats:
    """Extract every input and write one JSON object per document to ``out``; bad inputs are
    reported one line each on stderr and counted, the rest goes on."""
    out = out or sys.stdout
    stats = ExtractStats()

    def on_error(msg: str) -> None:
        stats.errors += 1
        print(f"error: {msg}", file=sys.stderr)

    inputs = iter_inputs(files, jsonl, published, on_error)
    for result in extract_many(inputs, processes=processes, settings=settings):
        out.write(result.to_json() + "\n")
        stats.written += 1
    out.flush()
    return stats
