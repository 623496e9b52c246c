"""ACLED benchmark: extract ACLED notes and score the main incident with ``score_acled.py``.

    python -m warledger.bench acled [--since 2022-03-15] [--limit N] [--no-geo]
    python -m warledger.bench acled --dev [--limit N]     # rows BEFORE 2022-03-15 (rule development)

The held-out part (``--since 2022-03-15``, the default) is what we report; rules were written
looking only at rows before that date (``--dev``).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType

from warledger.bench import shared_dir
from warledger.bench._common import extract_records, read_jsonl, run_scorer, write_jsonl

SPLIT = "2022-03-15"


def load_scorer(ev: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_acled", ev / "score_acled.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench acled")
    ap.add_argument("--since", default=SPLIT)
    ap.add_argument(
        "--dev", action="store_true", help=f"score rows before {SPLIT} instead (development split)"
    )
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-geo", action="store_true")
    ap.add_argument("--out", default="/tmp/warledger-acled-pred.jsonl")
    ap.add_argument("--errors", default=None, help="write mismatching rows to this JSONL file")
    a = ap.parse_args(argv)
    ev = shared_dir() / "eval"
    if not (ev / "score_acled.py").is_file():
        print(f"shared eval folder not found: {ev}")
        return 1
    sc = load_scorer(ev)
    rows = [r for r in sc.rows(None) if (r["iso_date"] < SPLIT if a.dev else r["iso_date"] >= a.since)]
    if a.limit:
        rows = rows[: a.limit]
    recs = [(r["event_id_cnty"], r["notes"], date.fromisoformat(r["iso_date"])) for r in rows]
    t0 = time.perf_counter()
    out = Path(a.out)
    n = write_jsonl(extract_records(recs, geo=not a.no_geo), out)
    dt = time.perf_counter() - t0
    print(f"extracted {n} notes in {dt:.1f}s ({n / max(dt, 1e-9):.1f} notes/s)", file=sys.stderr)
    if not a.dev and not a.limit:
        print(run_scorer(ev / "score_acled.py", "score", str(out), "--since", a.since))
    preds = {d["id"]: d for d in read_jsonl(out)}
    c: collections.Counter[str] = collections.Counter()
    conf: collections.Counter[tuple[str, str]] = collections.Counter()
    errs = []
    for r in rows:
        p = preds.get(r["event_id_cnty"])
        inc = sc.main_incident(p) if p else None
        sub = inc.get("sub_event_type") if inc else None
        fat = sc.fat(inc) if inc else 0
        c["n"] += 1
        c["sub"] += sub == r["sub_event_type"]
        c["fat"] += fat == int(r["fatalities"] or 0)
        nz = int(r["fatalities"] or 0) > 0
        c["nz"] += nz
        c["fat_nz"] += nz and fat == int(r["fatalities"])
        if sub != r["sub_event_type"]:
            conf[(r["sub_event_type"], str(sub))] += 1
        if sub != r["sub_event_type"] or fat != int(r["fatalities"] or 0):
            errs.append(
                {
                    "id": r["event_id_cnty"],
                    "gold": [r["sub_event_type"], r["fatalities"]],
                    "pred": [sub, fat],
                    "notes": r["notes"],
                }
            )
    summary = {
        "rows": c["n"],
        "sub_event_type_acc": round(c["sub"] / max(1, c["n"]), 3),
        "fatalities_exact": round(c["fat"] / max(1, c["n"]), 3),
        "fatalities_exact_nonzero": round(c["fat_nz"] / max(1, c["nz"]), 3),
        "nonzero_rows": c["nz"],
    }
    print(json.dumps(summary))
    for (g, p), k in conf.most_common(12):
        print(f"  {k:4d}  gold={g!r:45} pred={p!r}", file=sys.stderr)
    if a.errors:
        Path(a.errors).write_text("".join(json.dumps(e) + "\n" for e in errs), encoding="utf-8")
    return 0
