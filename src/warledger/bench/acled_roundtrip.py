"""ACLED round trip: ACLED coder notes → ingest (with extraction) → reconcile → ACLED CSV export,
compared column by column with the original rows.

    python -m warledger.bench.acled_roundtrip [--limit N] [--since YYYY-MM-DD] [--out report.json]

Each note is ingested as one JSON Lines record (``published`` = its event date).  Every original row
is paired with the exported row of its note's main reconciled incident (the one with a killed toll,
of an ACLED type, with the most members); rows whose note produced no exported incident count as
misses.  Per column we report *row agreement* (same value; text compared case-insensitively, with
"Oblast"/"Raion"/"Hromada" suffixes dropped; coordinates within 0.05°) and *value-set overlap*
(share of the exported values that occur anywhere in the original column).  Columns warledger
cannot know (ids, source, source_scale, timestamp) are listed for completeness.
Skips cleanly (exit 0) when the shared data folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from warledger.bench import shared_dir
from warledger.reconcile.types import ReconciledRecord

ACLED_FILE = Path("data") / "acled" / "ukraine-2022-01-01_2022-04-15.csv"
COMPARED = [
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "region",
    "country",
    "iso",
    "iso3",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "source",
    "source_scale",
]
_SUFFIXES = (" oblast", " raion", " rayon", " hromada", " city", " municipality")


def _norm(col: str, value: object) -> str:
    text = "" if value is None else str(value).strip().lower()
    if col in ("admin1", "admin2", "admin3", "location"):
        for suffix in _SUFFIXES:
            text = text.removesuffix(suffix)
        text = text.replace("'", "").replace("’", "")
    if col in (
        "inter1",
        "inter2",
        "interaction",
        "time_precision",
        "geo_precision",
        "fatalities",
        "year",
        "iso",
    ):
        try:
            return str(int(float(text))) if text else "0" if col in ("inter2", "fatalities") else ""
        except ValueError:
            return text
    return text


def _same(col: str, a: object, b: object) -> bool:
    if col in ("latitude", "longitude"):
        try:
            return abs(float(str(a)) - float(str(b))) <= 0.05
        except ValueError:
            return False
    return _norm(col, a) == _norm(col, b)


def _rows(path: Path, since: str | None, limit: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["_iso"] = datetime.strptime(r["event_date"], "%d %B %Y").date().isoformat()
    if since:
        rows = [r for r in rows if r["_iso"] >= since]
    rows.sort(key=lambda r: (r["_iso"], r["event_id_cnty"]))
    return rows[:limit] if limit else rows


def run(rows: list[dict[str, str]], work: Path) -> dict[str, object]:
    from warledger.export.acled import acled_row
    from warledger.export.common import ACLED_TYPES, doc_meta
    from warledger.ingest import ingest
    from warledger.reconcile import load_records, reconcile
    from warledger.store import open_ledger

    jsonl = work / "notes.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(
                json.dumps({"id": r["event_id_cnty"], "text": r["notes"], "published": r["_iso"]}) + "\n"
            )
    t0 = time.perf_counter()
    with open_ledger(work / "rt.db", archive_dir=work / "archive") as ledger:
        report = ingest(ledger, [str(jsonl)])
        t_ingest = time.perf_counter() - t0
        rec_report = reconcile(ledger)
        t_reconcile = time.perf_counter() - t0 - t_ingest
        records = load_records(ledger)
        record_of = {}
        for doc in ledger.documents():
            for note in doc.notes:
                if note.startswith("record id: "):
                    record_of[doc.id] = note.removeprefix("record id: ")
        exported = [r for r in records if r.kind == "incident" and r.event_type in ACLED_TYPES]
        meta = doc_meta(ledger, exported)
        by_doc: dict[str, list[ReconciledRecord]] = defaultdict(list)
        for rec in exported:
            for d in rec.documents:
                by_doc[d].append(rec)
        out_rows = {rec.id: acled_row(rec, meta) for rec in exported}
    doc_of = {v: k for k, v in record_of.items()}

    def main_incident(doc_id: str) -> ReconciledRecord | None:
        cands = by_doc.get(doc_id, [])
        if not cands:
            return None
        return max(
            cands,
            key=lambda r: (
                int((r.estimate("killed") or None) is not None),
                len([m for m in r.members if m.startswith(doc_id)]),
                -len(r.members),
            ),
        )

    agree: dict[str, int] = dict.fromkeys(COMPARED, 0)
    paired = 0
    merged_rows = 0
    for r in rows:
        rec = main_incident(doc_of.get(r["event_id_cnty"], ""))
        if rec is None:
            continue
        paired += 1
        if len({d for d in rec.documents}) > 1:
            merged_rows += 1
        got = out_rows[rec.id]
        for col in COMPARED:
            agree[col] += _same(col, got[col], r[col])
    original_sets = {c: {_norm(c, r[c]) for r in rows} for c in COMPARED}
    overlap = {}
    for col in COMPARED:
        values = [_norm(col, row[col]) for row in out_rows.values()]
        overlap[col] = round(sum(v in original_sets[col] for v in values) / max(1, len(values)), 3)
    n = len(rows)
    return {
        "rows": n,
        "documents_ingested": report.new_documents + report.already_known,
        "extracted": report.extracted,
        "reconciled_incidents": rec_report.incidents,
        "exported_acled_rows": len(out_rows),
        "rows_paired_with_an_export": paired,
        "paired_rows_merged_with_other_notes": merged_rows,
        "seconds_ingest": round(t_ingest, 1),
        "seconds_reconcile": round(t_reconcile, 1),
        "row_agreement": {c: round(agree[c] / max(1, n), 3) for c in COMPARED},
        "value_set_overlap": overlap,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench.acled_roundtrip")
    ap.add_argument("--limit", type=int, default=500, help="first N rows by date (0 = all 5,290)")
    ap.add_argument("--since", default=None, help="only rows on or after YYYY-MM-DD")
    ap.add_argument("--out", default=None, help="also write the JSON report here")
    a = ap.parse_args(argv)
    src = shared_dir() / ACLED_FILE
    if not src.is_file():
        print(f"skipped: the shared ACLED file is absent ({src}); set WARLEDGER_SHARED")
        return 0
    rows = _rows(src, a.since, a.limit)
    with tempfile.TemporaryDirectory(prefix="warledger-acled-rt-") as tmp:
        result = run(rows, Path(tmp))
    text = json.dumps(result, indent=2)
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n", encoding="utf-8")
    width = max(len(c) for c in COMPARED)
    print(f"\n{'column':<{width}}  row agreement  value-set overlap", file=sys.stderr)
    agreement = result["row_agreement"]
    overlap = result["value_set_overlap"]
    assert isinstance(agreement, dict) and isinstance(overlap, dict)
    for col in COMPARED:
        print(f"{col:<{width}}  {agreement[col]:>13.1%}  {overlap[col]:>17.1%}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
