"""Geoparsing benchmarks: end-to-end Acc@161km on the shared corpora, and ACLED event places.

    python -m warledger.bench.places corpora [--half dev|test|all] [--only gwn,lgl,...] [--out DIR]
                                             [--without-demonyms]
    python -m warledger.bench.places acled [--half dev|test|all] [--since YYYY-MM-DD] [--limit N]
                                           [--focus auto|off|UA|UA:Donetsk,...]
    python -m warledger.bench.places speed

``corpora`` writes the inputs with ``../shared/eval/score_places.py inputs``, runs the geoparser on
every document as ``warledger extract`` does (places and nationality words — no NLP engine;
``--without-demonyms`` leaves the nationality words out) and scores with ``score_places.py
score``; ``--half dev`` keeps even-numbered documents (for development), ``test`` the odd
ones, ``all`` everything.
``acled`` locates the event of each ACLED note (its first sentence) and compares with ACLED's point
(within 161 km) and admin1 (folded as ``score_acled.py`` does); the notes scored form one collection
(``--focus``, default the ``geo_focus`` setting, see ``warledger.geo.prior``). ``speed`` times the
load and the parse of the seed, then runs the real ``warledger.pipeline.Extractor`` on the same 100
GeoWebNews articles with and without the geoparser and prints the share geoparsing adds
(``geo_added_share``: a geoparser that has already read 200 other articles;
``geo_added_share_cold``: a fresh one).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warledger.geo import Geoparser

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("WARLEDGER_SHARED", REPO.parent / "shared"))
CORPORA = ("gwn", "lgl", "trnews", "geovirus")


def _scorer(name: str) -> ModuleType:
    path = SHARED / "eval" / name
    if not path.exists():
        sys.exit(f"error: {path} not found (set WARLEDGER_SHARED to the shared folder)")
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _keep(i: int, half: str) -> bool:
    return half == "all" or (i % 2 == 0) == (half == "dev")


def run_corpora(half: str, only: list[str], out: Path, demonyms: bool = True) -> dict[str, dict]:
    """Score the places ``warledger extract`` emits (``demonyms=False``: an ablation without the
    nationality words, which the corpora count as toponyms)."""
    from warledger.geo import load_geoparser

    sp = _scorer("score_places.py")
    gp = load_geoparser()
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    pooled_n = pooled_ok = 0
    docs_all = sp.corpora()
    for name in only:
        docs = [d for i, d in enumerate(docs_all[name]) if _keep(i, half)]
        t0 = time.perf_counter()
        preds = []
        for d in docs:
            places = gp.find_places(d["text"], demonyms=True)
            if not demonyms:  # the ablation: the same output less the nationality words
                places = [p for p in places if p.kind == "toponym"]
            preds.append({"id": d["id"], "places": [p.model_dump() for p in places]})
        secs = time.perf_counter() - t0
        with open(out / f"{name}.{half}.pred.jsonl", "w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p) + "\n")
        r = sp.score(docs, preds)
        r["docs"] = len(docs)
        r["seconds"] = round(secs, 2)
        results[name] = r
        if name != "geovirus":
            pooled_n += r["toponyms"]
            pooled_ok += round(r["acc161"] * r["toponyms"])
        print(name, json.dumps(r), flush=True)
    if pooled_n:
        results["pooled_gwn_lgl_trnews"] = {"toponyms": pooled_n, "acc161": round(pooled_ok / pooled_n, 3)}
        print("pooled (gwn+lgl+trnews)", json.dumps(results["pooled_gwn_lgl_trnews"]))
    return results


_FIRST_SENT = re.compile(r"^.*?[.!?](?=\s+[A-Z0-9\[(]|\s*$)", re.S)


def run_acled(half: str, since: str | None, limit: int | None, focus: str = "off") -> dict[str, float]:
    """``focus``: ``off`` (each note alone), ``auto`` (the notes' collection prior, as
    ``extract_many`` does by default: all the notes scored are one collection) or a focus such as
    ``UA`` / ``UA:Donetsk,Luhansk`` (applied to the notes a prior could change)."""
    from warledger.geo import load_geoparser
    from warledger.geo.prior import geoparse_collection, prior_from_setting

    sa = _scorer("score_acled.py")
    gp = load_geoparser()
    rows = [r for i, r in enumerate(sa.rows(since)) if _keep(i, half)][: limit or None]
    texts = [r["notes"] for r in rows]
    if focus.strip().lower() in ("", "off", "none"):
        all_places = [gp.find_places(t) for t in texts]
    else:
        all_places, prior = geoparse_collection(gp, texts, prior_from_setting(focus, gp))
        print(prior.describe() if prior else "no prior", file=sys.stderr)
    n = near = adm = prec_eq = located = 0
    misses: list[str] = []
    for r, text, places in zip(rows, texts, all_places, strict=True):
        n += 1
        m = _FIRST_SENT.match(text)
        end = m.end() if m else len(text)
        p = gp.place_for_span(text, 0, end, places)
        if p is None or p.lat is None or p.lon is None:
            misses.append(f"{r['event_id_cnty']}: none | {r['location']}, {r['admin1']}")
            continue
        located += 1
        d = sa.km((p.lat, p.lon), (float(r["latitude"]), float(r["longitude"])))
        near += d <= 161
        ok_adm = sa.fold(p.admin1) == sa.fold(r["admin1"]) and bool(r["admin1"])
        adm += ok_adm
        prec_eq += str(p.precision) == r["geo_precision"]
        if d > 161 or not ok_adm:
            misses.append(
                f"{r['event_id_cnty']}: {p.text!r}→{p.name}, {p.admin1} ({d:.0f} km) | "
                f"{r['location']}, {r['admin1']}"
            )
    res = {
        "rows": n,
        "located": round(located / max(1, n), 3),
        "place_161km": round(near / max(1, n), 3),
        "admin1_acc": round(adm / max(1, n), 3),
        "precision_equal": round(prec_eq / max(1, n), 3),
    }
    print(json.dumps(res))
    miss_path = Path(os.environ.get("TMPDIR", "/tmp")) / "warledger-acled-misses.txt"
    miss_path.write_text("\n".join(misses), encoding="utf-8")
    print(f"misses written to {miss_path}", file=sys.stderr)
    return res


def run_speed() -> dict[str, float]:
    import resource

    t0 = time.perf_counter()
    from warledger.geo import load_geoparser

    gp = load_geoparser()
    load = time.perf_counter() - t0
    seed = SHARED / "eval" / "seed-ap-2022-04-07.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else "Shelling hit Kharkiv and Kyiv. " * 200
    gp.find_places(text)
    t1 = time.perf_counter()
    reps = 20
    for k in range(reps):
        gp.find_places(text + " " * k)
    per_doc = (time.perf_counter() - t1) / reps
    words = len(text.split())
    res = {
        "load_s": round(load, 3),
        "seed_ms_per_doc": round(per_doc * 1000, 1),
        "words_per_s": round(words / per_doc),
        "max_rss_mb_geo": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    res.update(_share_of_extraction(gp, text))
    print(json.dumps(res))
    return res


class _NoGeo:
    """Stands in for the geoparser to time extraction without geoparsing."""

    def find_places(self, text: str, *args: object, **kwargs: object) -> list:
        return []

    def place_for_span(self, text: str, start: int, end: int, places: list) -> None:
        return None


def _share_of_extraction(gp: Geoparser, seed_text: str, rounds: int = 4) -> dict[str, float]:
    """Extraction time with the geoparser vs with a no-op stand-in, on the same GeoWebNews texts.

    ``geo_added_share`` is the steady state of a long run (the geoparser has first read 200 other
    articles, so its name caches hold the usual names); ``geo_added_share_cold`` starts from a
    freshly loaded geoparser (load time itself is ``load_s``).  Times are CPU seconds of this process
    (steadier than wall time on a shared machine), each the best of ``rounds`` interleaved runs.
    """
    from warledger.geo import load_geoparser, reset_geoparsers
    from warledger.pipeline import Extractor, TextInput

    texts = [seed_text] * 20
    warm = [seed_text]
    gwn = SHARED / "data" / "geoparsing" / "GWN.xml"
    if gwn.exists():
        docs = [d["text"] for d in _scorer("score_places.py").corpora()["gwn"]]
        texts, warm = docs[:100], docs[100:300]
    items = [TextInput(id=str(i), text=t) for i, t in enumerate(texts)]
    ex = Extractor()
    list(ex.extract_batch(items[:2]))  # warm up the NLP engine
    timings: dict[str, float] = {}
    for label in ("without", "cold", "warm") * rounds:
        reset_geoparsers()
        if label == "without":
            ex.geoparser = _NoGeo()  # type: ignore[assignment]
        else:
            ex.geoparser = load_geoparser()
            if label == "warm":
                for t in warm:
                    ex.places(t)  # as the Extractor calls it (nationality words too)
        t0 = time.process_time()
        list(ex.extract_batch(items))
        secs = time.process_time() - t0
        timings[label] = min(secs, timings.get(label, secs))
    without = timings["without"]
    return {
        "docs": len(items),
        "extract_without_geo_s": round(without, 2),
        "extract_with_geo_s": round(timings["warm"], 2),
        "extract_with_cold_geo_s": round(timings["cold"], 2),
        "geo_added_share": round((timings["warm"] - without) / without, 3),
        "geo_added_share_cold": round((timings["cold"] - without) / without, 3),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpora")
    c.add_argument("--half", choices=("dev", "test", "all"), default="all")
    c.add_argument("--only", default=",".join(CORPORA))
    c.add_argument("--out", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "warledger-places"))
    c.add_argument(
        "--without-demonyms",
        action="store_true",
        help="ablation: leave out the nationality words (Place.kind 'demonym') that extract emits",
    )
    a = sub.add_parser("acled")
    a.add_argument("--half", choices=("dev", "test", "all"), default="all")
    a.add_argument("--since", default=None)
    a.add_argument("--limit", type=int, default=None)
    a.add_argument(
        "--focus",
        default=None,
        help="the geo_focus setting (default: as the product, WARLEDGER_GEO_FOCUS or 'auto'):"
        " off = each note alone; auto = the notes' collection prior; or a focus like UA:Donetsk",
    )
    sub.add_parser("speed")
    args = ap.parse_args(argv)
    if args.cmd == "corpora":
        only = [x for x in args.only.split(",") if x]
        bad = [x for x in only if x not in CORPORA]
        if bad:
            sys.exit(f"error: unknown corpus {bad[0]!r} (choose from {', '.join(CORPORA)})")
        run_corpora(args.half, only, Path(args.out), demonyms=not args.without_demonyms)
    elif args.cmd == "acled":
        from warledger.settings import Settings

        run_acled(args.half, args.since, args.limit, args.focus or Settings().geo_focus)
    else:
        run_speed()


if __name__ == "__main__":
    main()
