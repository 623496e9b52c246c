"""Throughput: warledger's engine vs the full en_core_web_sm pipeline on the same texts, same run.

    python -m warledger.bench speed [--copies 200] [--processes 1 2] [--full-pipeline]

Texts: ``--copies`` copies of the seed dispatch.  Measured, each at 1 and 2 processes:
- ``warledger``: ``Engine.analyze_many`` + ``build_incidents`` (cheap pass on every sentence, the
  parser only on selected sentences); with ``--full-pipeline`` also the whole ``Extractor``
  (geoparser included);
- ``spacy-full``: ``nlp.pipe`` with every component of the same spaCy model (tok2vec, tagger,
  parser, attribute_ruler, lemmatizer, ner) over the whole texts.
Prints articles/s, words/s and the ratio (best of ``--repeat`` runs each; the box is shared, so
single runs are noisy).  Worker processes use the spawn context.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time
from datetime import date

from warledger.bench import shared_dir

PUB = date(2022, 4, 7)


_NLP: object | None = None


def _init_worker(kind: str, model: str) -> None:
    """Load the models once per worker, before any timed work."""
    global _NLP
    if kind == "spacy-full":
        import spacy

        _NLP = spacy.load(model)
    elif kind == "warledger":
        from warledger.nlp import load_engine

        load_engine()
    else:
        from warledger.pipeline import Extractor

        _NLP = Extractor()


_WARM = (
    "KYIV (AP) - Russian shelling killed at least five civilians and wounded 8 others on Wednesday, the "
    "regional governor said. Police said they found 20 bodies.\n\nThe Kremlin denied it."
)


def _ready(_: int) -> int:
    time.sleep(0.3)  # keeps every worker busy once, so all have finished loading before timing
    return 0


def _warm_worker(kind: str, model: str) -> None:
    _init_worker(kind, model)
    _FUNCS[kind]([_WARM] * 4)  # first calls compile regexes and warm the model


def _warledger_chunk(texts: list[str]) -> int:
    from warledger.nlp import build_incidents, load_engine

    eng = load_engine()
    n = 0
    for i in range(0, len(texts), 16):
        batch = texts[i : i + 16]
        for t, an in zip(batch, eng.analyze_many([(t, PUB) for t in batch]), strict=True):
            build_incidents(t, an, published=PUB, locate=lambda s, e: None)
            n += len(an.figures)
    return n


def _extractor_chunk(texts: list[str]) -> int:
    from warledger.pipeline import Extractor, TextInput

    ex = _NLP if isinstance(_NLP, Extractor) else Extractor()
    items = [TextInput(id=str(i), text=t, published=PUB) for i, t in enumerate(texts)]
    return sum(len(r.figures) for r in ex.extract_batch(items))


def _spacy_chunk(texts: list[str]) -> int:
    import spacy

    nlp = _NLP if _NLP is not None else spacy.load(_MODEL)
    return sum(len(d.ents) for d in nlp.pipe(texts, batch_size=16))  # type: ignore[attr-defined]


_MODEL = "en_core_web_sm"
_FUNCS = {"warledger": _warledger_chunk, "spacy-full": _spacy_chunk, "extractor": _extractor_chunk}


def _run(kind: str, texts: list[str], procs: int, model: str, repeat: int = 1) -> float:
    """Best (smallest) wall time of ``repeat`` timed runs, models loaded and warmed beforehand."""
    fn = _FUNCS[kind]
    times: list[float] = []
    if procs == 1:
        _warm_worker(kind, model)
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(texts)
            times.append(time.perf_counter() - t0)
        return min(times)
    chunks = [texts[i::procs] for i in range(procs)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(procs, initializer=_warm_worker, initargs=(kind, model)) as pool:
        pool.map(_ready, range(procs * 2), chunksize=1)
        for _ in range(repeat):
            t0 = time.perf_counter()
            pool.map(fn, chunks, chunksize=1)
            times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench speed")
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per measurement; the best is kept")
    ap.add_argument("--full-pipeline", action="store_true", help="also time the whole Extractor (geoparser)")
    a = ap.parse_args(argv)
    seed = shared_dir() / "eval" / "seed-ap-2022-04-07.txt"
    if not seed.is_file():
        print(f"seed not found: {seed}")
        return 1
    from warledger.nlp import load_engine

    model = load_engine().model_name
    texts = [seed.read_text(encoding="utf-8")] * a.copies
    words = sum(len(t.split()) for t in texts)
    kinds = ["warledger", "spacy-full"] + (["extractor"] if a.full_pipeline else [])
    res: dict[str, dict[str, float]] = {}
    for procs in a.processes:
        for kind in kinds:
            dt = _run(kind, texts, procs, model, a.repeat)
            res[f"{kind}@{procs}"] = {
                "seconds": round(dt, 2),
                "articles_per_s": round(len(texts) / dt, 1),
                "words_per_s": round(words / dt),
            }
        res[f"ratio@{procs}"] = {
            "x": round(res[f"spacy-full@{procs}"]["seconds"] / res[f"warledger@{procs}"]["seconds"], 1)
        }
    print(json.dumps({"model": model, "articles": len(texts), "words": words, **res}, indent=1))
    return 0
