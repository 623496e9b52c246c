"""Seed benchmark: extract the seed dispatch (published 2022-04-07) and score it with the gold.

    python -m warledger.bench figures [--out /tmp/seed.jsonl] [--no-geo] [--details FILE]

The gold's document id is ``seed``, so the prediction is written with that id.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from warledger.bench import shared_dir
from warledger.bench._common import extract_records, run_scorer, write_jsonl


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench figures")
    ap.add_argument("--out", default="/tmp/warledger-seed.jsonl")
    ap.add_argument("--no-geo", action="store_true", help="skip the geoparser (places stay empty)")
    ap.add_argument("--details", default=None)
    a = ap.parse_args(argv)
    ev = shared_dir() / "eval"
    if not ev.is_dir():
        print(f"shared eval folder not found: {ev}")
        return 1
    text = (ev / "seed-ap-2022-04-07.txt").read_text(encoding="utf-8")
    out = Path(a.out)
    write_jsonl(extract_records([("seed", text, date(2022, 4, 7))], geo=not a.no_geo), out)
    args = [str(ev / "seed-gold.json"), str(out)] + (["--details", a.details] if a.details else [])
    print(run_scorer(ev / "score_figures.py", *args))
    return 0
