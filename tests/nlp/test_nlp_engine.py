"""Engine-level tests: non-figures, exact spans, robustness (hypothesis), spawn workers, the seed."""

from __future__ import annotations

import importlib.util
import multiprocessing as mp
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.nlp import Engine, build_incidents, load_engine

NON_FIGURES = (
    "The alliance has 30 members. A 64-year-old man spoke. About 90% of the city was destroyed. "
    "The city was home to 430,000 people before the war. The fighting began in 2014 and lasted eight years. "
    "Officials pledged $40 million. The convoy travelled 50 km. They seized three tanks and 12 drones. "
    "The first of the buses left at 10:30. Call 0 800 500 335 for help. It was the 3rd attempt in two weeks. "
    "Air defences shot down two Su-25 jets and a Mi-24 helicopter; BM-21 launchers were destroyed."
)


def test_non_figures_rejected(engine: Engine) -> None:
    an = engine.analyze(NON_FIGURES, date(2022, 4, 7))
    assert an.figures == [], [(f.category, f.low) for f in an.figures]


def test_categories_active_passive_nominal(engine: Engine) -> None:
    text = (
        "Shelling killed five people in the market. Eight were wounded. The death toll rose to 40 on Monday. "
        "The bodies of 12 men were found near the river. The blast left 8 wounded. "
        "About 200 people were evacuated, and 1,500 remain trapped. Militants abducted 20 students. "
        "Another 300 families fled the fighting. Seven people are still missing."
    )
    an = engine.analyze(text, date(2023, 1, 10))
    got = {(f.category, f.low if f.low is not None else f.high) for f in an.figures}
    for exp in [
        ("killed", 5),
        ("injured", 8),
        ("killed", 40),
        ("bodies_found", 12),
        ("evacuated", 200),
        ("trapped", 1500),
        ("detained", 20),
        ("displaced", 300),
        ("missing", 7),
    ]:
        assert exp in got, (exp, got)


def test_singular_people_and_shot(engine: Engine) -> None:
    text = (
        "On 5 May, soldiers shot a farmer near the well. "
        "Militants killed the village chief and two of his sons. "
        "A Ukrainian soldier died of his wounds. "
        "Police shot two protesters, who were taken to hospital."
    )
    an = engine.analyze(text, date(2023, 5, 6))
    got = [(f.category, f.low) for f in an.figures]
    assert ("killed", 1) in got and ("injured", 2) in got
    assert sum(1 for c, _ in got if c == "killed") >= 3, got


def test_load_engine_is_cached() -> None:
    assert load_engine() is load_engine("auto")


def test_pipe_names_registered(engine: Engine) -> None:
    names = engine.nlp.pipe_names
    for n in ("warledger_numbers", "warledger_dates", "warledger_speakers", "warledger_figures"):
        assert n in names
    assert "ner" not in names


def _spawn_job(text: str) -> int:
    from warledger.nlp import load_engine as _load

    return len(_load().analyze(text, date(2022, 4, 7)).figures)


def test_components_work_in_spawned_worker() -> None:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        assert pool.apply(_spawn_job, ("Shelling killed five civilians on Monday.",)) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "killed",
                "5",
                "at least",
                "were",
                "said",
                "Police",
                "bodies",
                ",",
                ".",
                "\n\n",
                "on Monday",
                "dozens",
                "of",
                "the",
                "including",
                "two",
                "children",
                "“",
                "”",
                "between",
                "and",
                "-",
                "%",
                "$",
                "March 16",
                "wounded",
                "he",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_analyze_never_raises(engine: Engine, text: str) -> None:
    for pub in (date(2022, 4, 7), None):
        an = engine.analyze(text, pub)
        for f in an.figures:
            assert text[f.evidence.start : f.evidence.end] == f.evidence.text
            assert 0.0 <= f.confidence <= 1.0
        incs = build_incidents(text, an, published=pub, locate=lambda s, e: None)
        for i in incs:
            assert text[i.evidence.start : i.evidence.end] == i.evidence.text


def test_seed_scores_ten_of_ten(engine: Engine, shared: Path) -> None:
    ev = shared / "eval"
    spec = importlib.util.spec_from_file_location("score_figures", ev / "score_figures.py")
    assert spec and spec.loader
    sf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sf)
    text = (ev / "seed-ap-2022-04-07.txt").read_text(encoding="utf-8")
    an = engine.analyze(text, date(2022, 4, 7))
    pred = {"id": "seed", "figures": [f.model_dump(mode="json") for f in an.figures]}
    summary, _ = sf.score(sf.load(str(ev / "seed-gold.json")), [pred])
    assert summary["tp"] == 10 and summary["fp"] == 0 and summary["fn"] == 0
    assert summary["qualifier_acc"] == 1.0 and summary["source_acc"] == 1.0 and summary["date_acc"] == 1.0
    assert summary["nonfigure_false_positives"] == 0
    incs = build_incidents(text, an, published=date(2022, 4, 7), locate=lambda s, e: None)
    subs = {i.sub_event_type for i in incs}
    assert {
        "Shelling/artillery/missile attack",
        "Sanctions",
        "Denial",
        "Blockade/siege",
        "Troop movement",
    } <= subs
    assert any(c.stance == "denial" and "Kremlin" in c.speaker.text for c in an.claims)


def test_plural_pronoun_and_dateline_fallback(engine: Engine) -> None:
    text = (
        "KHARKIV, Ukraine (AP) — Regional authorities are trying to identify dozens of bodies that they say "
        "were found in a forest.\n\nMedics carried 14 wounded men to the station."
    )
    an = engine.analyze(text, date(2022, 9, 16))
    bodies = next(f for f in an.figures if f.category == "bodies_found")
    assert bodies.qualifier == "vague" and bodies.low == 12
    assert bodies.source is not None and "Regional authorities" in (bodies.source.organization or "")
    wounded = next(f for f in an.figures if f.category == "injured")
    assert wounded.source is not None and wounded.source.fallback
    assert wounded.source.name == "Associated Press"
