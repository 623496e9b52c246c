"""Reading a figure's number: point value, lower and upper bound, and when two figures agree."""

from __future__ import annotations

from dataclasses import dataclass

ABOUT_SPREAD = 0.2  # "about 30" is read as 24–36
AGREE_TOLERANCE = 0.1  # two figures agree when their ranges meet after widening by 10% (at least 1)


@dataclass(frozen=True)
class Bounds:
    point: int
    lower: int | None  # None: no lower bound stated ("up to 30")
    upper: int | None  # None: open ("at least 30")


def bounds(low: int | None, high: int | None, qualifier: str) -> Bounds | None:
    """The figure's number as (point, lower, upper); None when it has no number at all."""
    if low is None and high is None:
        return None
    if qualifier in ("at_least", "more_than", "vague"):
        v = low if low is not None else high
        assert v is not None
        return Bounds(v, v, None)
    if qualifier == "up_to":
        v = high if high is not None else low
        assert v is not None
        return Bounds(v, None, v)
    if qualifier == "about":
        v = low if low is not None else high
        assert v is not None
        return Bounds(v, int(v * (1 - ABOUT_SPREAD)), round(v * (1 + ABOUT_SPREAD)))
    if low is not None and high is not None and low != high:
        lo, hi = min(low, high), max(low, high)
        return Bounds((lo + hi) // 2, lo, hi)
    v = low if low is not None else high
    assert v is not None
    return Bounds(v, v, v)


def agree(a: Bounds, b: Bounds) -> bool:
    """True when the two figures can describe the same count (their ranges meet, with tolerance)."""

    def widen(x: Bounds) -> tuple[float, float]:
        lo = 0.0 if x.lower is None else float(x.lower)
        hi = float("inf") if x.upper is None else float(x.upper)
        slack_lo = max(1.0, lo * AGREE_TOLERANCE)
        slack_hi = max(1.0, hi * AGREE_TOLERANCE) if hi != float("inf") else 0.0
        return lo - slack_lo, hi + slack_hi

    alo, ahi = widen(a)
    blo, bhi = widen(b)
    return alo <= bhi and blo <= ahi
