"""Shared helpers for the benchmarks: run the extraction pipeline, with or without a geoparser."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from warledger.models import DocumentResult
from warledger.nlp import build_incidents, load_engine


def extract_records(
    records: Iterable[tuple[str, str, date | None]], *, geo: bool = True, batch_size: int = 32
) -> Iterator[DocumentResult]:
    """(id, text, published) → DocumentResult, via the pipeline when the geoparser is importable."""
    recs = list(records)
    if geo:
        try:
            from warledger.pipeline import Extractor, TextInput

            ex = Extractor()
            for i in range(0, len(recs), batch_size):
                batch = [TextInput(id=r[0], text=r[1], published=r[2]) for r in recs[i : i + batch_size]]
                yield from ex.extract_batch(batch)
            return
        except (ImportError, SyntaxError, OSError) as exc:
            print(f"note: geoparser unavailable ({exc}); places are empty", file=sys.stderr)
    eng = load_engine()
    for i in range(0, len(recs), batch_size):
        chunk = recs[i : i + batch_size]
        ans = eng.analyze_many([(r[1], r[2]) for r in chunk])
        for (rid, text, pub), an in zip(chunk, ans, strict=True):
            incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
            yield DocumentResult(id=rid, published=pub, figures=an.figures, incidents=incs, claims=an.claims)


def write_jsonl(results: Iterable[DocumentResult], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(r.model_dump_json() + "\n")
            n += 1
    return n


def run_scorer(script: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"scorer failed: {out.stderr.strip()[-500:]}")
    return out.stdout.strip()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
