"""Output-identity check for geoparser speed work: dump the places of a large sample, compare dumps.

    python -m warledger.bench.geo_equal dump BEFORE.jsonl     # with the code before a change
    python -m warledger.bench.geo_equal dump AFTER.jsonl      # with the code after it
    python -m warledger.bench.geo_equal compare BEFORE.jsonl AFTER.jsonl   # exit 1 on any difference

The sample: every third document of the four geoparsing corpora (``score_places.py``), every fifth
ACLED note (``score_acled.py``) and the seed dispatch — about 1,440 texts.  Each line holds the JSON
of ``find_places`` and of ``place_for_span`` for the whole text and for each of its first 60
sentence-like spans, so a faster geoparser must give byte-identical lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from warledger.bench.places import SHARED, _scorer

_SPAN = re.compile(r"[^.!?\n]+[.!?]*")
MAX_SPANS = 60


def sample() -> Iterator[tuple[str, str]]:
    """(id, text) of the sample described in the module docstring."""
    for name, docs in _scorer("score_places.py").corpora().items():
        for i, d in enumerate(docs):
            if i % 3 == 0:
                yield f"{name}:{d['id']}", d["text"]
    for i, r in enumerate(_scorer("score_acled.py").rows()):
        if i % 5 == 0:
            yield f"acled:{r['event_id_cnty']}", r["notes"]
    seed = SHARED / "eval" / "seed-ap-2022-04-07.txt"
    if seed.exists():
        yield "seed", seed.read_text(encoding="utf-8")


def dump(out: Path) -> int:
    """Write one JSON line per sample text; returns the number of texts."""
    from warledger.geo import load_geoparser

    gp = load_geoparser()
    n = 0
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for tid, text in sample():
            places = gp.find_places(text)
            spans = [(0, len(text)), *[m.span() for m in _SPAN.finditer(text)][:MAX_SPANS]]
            located = []
            for s, e in spans:
                p = gp.place_for_span(text, s, e, places)
                located.append(None if p is None else p.model_dump(mode="json"))
            row = {"id": tid, "places": [p.model_dump(mode="json") for p in places], "for_span": located}
            fh.write(json.dumps(row, sort_keys=True) + "\n")
            n += 1
    print(f"{n} texts dumped to {out} in {time.perf_counter() - t0:.1f}s")
    return n


def compare(a: Path, b: Path) -> bool:
    """True when the two dumps are byte-identical; prints the first differing ids otherwise."""
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    diff = [x for x, (p, q) in enumerate(zip(la, lb, strict=False)) if p != q]
    ha = hashlib.sha256(a.read_bytes()).hexdigest()[:16]
    hb = hashlib.sha256(b.read_bytes()).hexdigest()[:16]
    print(f"{len(la)} vs {len(lb)} lines; {len(diff)} differ; sha256 {ha} vs {hb}")
    for x in diff[:10]:
        print("differs:", json.loads(la[x])["id"])
    return not diff and len(la) == len(lb)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out)
    elif not compare(args.a, args.b):
        sys.exit(1)


if __name__ == "__main__":
    main()
