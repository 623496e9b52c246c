"""CASE 2021 Task 2 benchmark: ACLED sub-event type of news snippets (no training on them).

    python -m warledger.bench case2021 [--limit N] [--no-geo]

The predicted type is the main incident's sub_event_type (most fatalities, else the first),
mapped to CASE's codes; warledger's contextual types map to OTHER except Sanctions → DIPLO.
Snippets with no incident count as wrong (predicted NONE).  Reports accuracy and macro-F1 over
all 1,019 snippets and over the 25 ACLED ("seen") types only.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys

from warledger.bench import shared_dir
from warledger.bench._common import extract_records

CODES = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Sanctions": "DIPLO",
}
UNSEEN = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def _fat(inc: object) -> int:
    f = getattr(inc, "fatalities", None)
    for k in ("best", "high", "low"):
        v = getattr(f, k, None)
        if isinstance(v, int):
            return v
    return 0


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = sorted({g for g, _ in pairs})
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / max(1, len(f1s))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m warledger.bench case2021")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-geo", action="store_true")
    a = ap.parse_args(argv)
    path = shared_dir() / "data" / "case2021" / "test_set_final_release_with_labels.tsv"
    if not path.is_file():
        print(f"CASE 2021 data not found: {path}")
        return 1
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("SubType")]
    if a.limit:
        rows = rows[: a.limit]
    results = extract_records([(r["id"], r["EventSnippet"], None) for r in rows], geo=not a.no_geo)
    pairs: list[tuple[str, str]] = []
    for r, res in zip(rows, results, strict=True):
        incs = res.incidents
        if not incs:
            pred = "NONE"
        else:
            main_inc = max(incs, key=_fat) if any(_fat(i) for i in incs) else incs[0]
            pred = CODES.get(main_inc.sub_event_type, "OTHER")
        pairs.append((r["SubType"], pred))
    seen = [(g, p) for g, p in pairs if g not in UNSEEN]
    out = {
        "snippets": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / max(1, len(pairs)), 3),
        "macro_f1": round(macro_f1(pairs), 3),
        "seen_snippets": len(seen),
        "seen_accuracy": round(sum(g == p for g, p in seen) / max(1, len(seen)), 3),
        "seen_macro_f1": round(macro_f1(seen), 3),
        "no_incident": sum(p == "NONE" for _, p in pairs),
    }
    print(json.dumps(out))
    conf = collections.Counter((g, p) for g, p in pairs if g != p)
    for (g, p), k in conf.most_common(15):
        print(f"  {k:4d}  gold={g:32} pred={p}", file=sys.stderr)
    return 0
