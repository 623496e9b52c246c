"""The casualty rules on hand-made claims: copies, revisions, low/best/high, ACLED, disputes."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from warledger.models import Evidence, Source
from warledger.reconcile.casualties import authority, estimate
from warledger.reconcile.types import FigureClaim
from warledger.reconcile.values import agree, bounds

EV = Evidence(start=0, end=4, text="text")


def claim(
    doc: str,
    low: int | None,
    *,
    high: int | None = None,
    qualifier: str = "exact",
    speaker: str = "governor",
    auth: int = 2,
    day: int = 1,
    group: str | None = None,
    revision: bool = False,
    victims: str | None = "civilians",
) -> FigureClaim:
    return FigureClaim(
        doc_id=doc,
        index=0,
        category="killed",
        low=low,
        high=high if high is not None else (low if qualifier == "exact" else None),
        qualifier=qualifier,
        victims=victims,
        speaker=speaker,
        speaker_key=speaker,
        authority=auth,
        reported=date(2022, 5, day),
        source_group=group or doc,
        revision=revision,
        evidence=EV,
    )


def test_bounds_and_agreement() -> None:
    assert bounds(5, None, "at_least") == bounds(5, None, "more_than")
    assert bounds(None, 30, "up_to").lower is None  # type: ignore[union-attr]
    assert bounds(10, 15, "range").point == 12  # type: ignore[union-attr]
    assert bounds(None, None, "exact") is None
    five_plus, fifty, two = bounds(5, None, "at_least"), bounds(50, 50, "exact"), bounds(2, 2, "exact")
    assert five_plus and fifty and two
    assert agree(five_plus, fifty) and not agree(fifty, two) and agree(two, bounds(3, 3, "exact"))  # type: ignore[arg-type]


def test_copies_in_one_story_count_once() -> None:
    est, dispute = estimate(
        "killed",
        [claim("a", 4, qualifier="at_least", group="s"), claim("b", 4, group="s"), claim("c", 4, group="s")],
    )
    assert dispute is None
    assert [c.copy_of for c in est.figures] == [None, "a#0", "a#0"]
    assert est.independent_sources == 1
    assert (est.low, est.best, est.high, est.acled) == (4, 4, 4, 4)


def test_a_revision_supersedes_and_is_not_added() -> None:
    est, dispute = estimate(
        "killed",
        [
            claim("a", 4, qualifier="at_least", day=10),
            claim("b", 7, day=11, speaker="outlet", auth=0, revision=True),
        ],
    )
    assert dispute is None
    first, second = sorted(est.figures, key=lambda c: c.doc_id)
    assert first.superseded_by == "b#0" and second.superseded_by is None
    assert (est.low, est.best, est.high, est.acled) == (7, 7, 7, 7)
    assert "superseded" in est.rules["revisions"]


def test_same_speaker_later_figure_supersedes() -> None:
    est, _ = estimate("killed", [claim("a", 3, day=1), claim("b", 5, day=2)])
    assert est.best == 5 and est.figures[0].superseded_by == "b#0"


def test_independent_sources_rules() -> None:
    est, dispute = estimate(
        "killed",
        [
            claim("a", 10, qualifier="at_least", speaker="prosecutors", day=16),
            claim("b", 13, speaker="governor chaus", day=17),
        ],
    )
    assert dispute is None
    assert (est.low, est.best, est.high, est.acled) == (13, 13, 13, 10)
    assert "highest lower bound" in est.rules["low"] and "most authoritative" in est.rules["best"]
    assert "conservative" in est.rules["acled"]


def test_authority_decides_best_and_disputes_set_low() -> None:
    est, dispute = estimate(
        "killed",
        [
            claim("a", 2, speaker="mayor", auth=2, day=3),
            claim("b", 9, speaker="command south", auth=2, day=3),
            claim("c", 40, speaker="un monitors", auth=3, day=2),
        ],
    )
    assert dispute is not None and dispute.kind == "toll" and len(dispute.sides) == 3
    assert est.best == 40 and est.low == 2 and est.high == 40 and est.acled == 2
    assert est.rules["low"].startswith("disputed")


def test_authority_levels() -> None:
    assert authority(None) == 0
    assert authority(Source(text="the outlet", fallback=True)) == 0
    assert authority(Source(text="a resident", name="Ivan")) == 1
    assert authority(Source(text="Governor Pavlo Kyrylenko", role="Governor")) == 2
    assert authority(Source(text="the UN human rights monitoring mission")) == 3


@given(
    st.lists(
        st.tuples(
            st.integers(0, 500),
            st.sampled_from(["exact", "at_least", "more_than", "about", "up_to", "vague"]),
            st.sampled_from(["gov", "un", "mayor", "outlet"]),
            st.integers(1, 20),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_low_best_high_are_ordered(items: list[tuple[int, str, str, int, bool]]) -> None:
    claims = [
        claim(
            f"d{i}",
            v if q != "up_to" else None,
            high=v if q == "up_to" else None,
            qualifier=q,
            speaker=s,
            auth={"un": 3, "gov": 2, "mayor": 2, "outlet": 0}[s],
            day=d,
            revision=r,
        )
        for i, (v, q, s, d, r) in enumerate(items)
    ]
    est, _ = estimate("killed", claims)
    assert est.best is not None and est.low is not None and est.high is not None and est.acled is not None
    assert est.low <= est.best <= est.high
    assert {"low", "best", "high", "acled"} <= set(est.rules)
