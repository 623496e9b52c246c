"""UCDP GED benchmark: on single-source events, does the headline's killed figure equal ``best``?

    python -m warledger.bench ucdp [--limit N] [--no-geo]

Each single-source row's ``source_headline`` is extracted with published = ``date_start``; the
headline's killed figure is the main incident's fatalities (most fatalities), else none.
Reported: rows, rows where a killed figure was read, exact-match rate over all rows and over
the rows where a figure was read.  (UCDP's ``best`` aggregates several reports and deaths on
both sides, so a headline can legitimately differ.)  Row 2 of the CSV is a tag row and skipped.
"""

from __future__ import annotations

import argparse
import csv
import json
from datetime import date

from warledger.bench import shared_dir
from warledger.bench._common import extract_records


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench ucdp")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-geo", action="store_true")
    a = ap.parse_args(argv)
    path = shared_dir() / "data" / "ucdp" / "conflict_data_ukr.csv"
    if not path.is_file():
        print(f"UCDP data not found: {path}")
        return 1
    with path.open(encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["id"] and r["number_of_sources"] == "1" and r["source_headline"]
        ]
    if a.limit:
        rows = rows[: a.limit]
    recs = [(r["id"], r["source_headline"], date.fromisoformat(r["date_start"][:10])) for r in rows]
    n = read = eq = eq_read = 0
    for r, res in zip(rows, extract_records(recs, geo=not a.no_geo), strict=True):
        n += 1
        fats = [i.fatalities.best for i in res.incidents if i.fatalities.best is not None]
        killed = max(fats) if fats else None
        best = int(float(r["best"] or 0))
        if killed is not None:
            read += 1
            eq_read += killed == best
        eq += (killed if killed is not None else 0) == best
    print(
        json.dumps(
            {
                "single_source_rows": n,
                "killed_read": read,
                "exact_all_rows": round(eq / max(1, n), 3),
                "exact_where_read": round(eq_read / max(1, read), 3),
            }
        )
    )
    return 0
