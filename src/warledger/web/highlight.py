"""Split a document's text into plain and highlighted segments for the document page.

The text is hostile input: this module only cuts it at span boundaries; the template escapes
every segment (no markup from a source is ever rendered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...] = ()  # figure / place / claim, for CSS classes (a fixed vocabulary)
    anchor: str | None = None  # the extraction row this segment links to (the narrowest span)


def segments(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut ``text`` at every boundary of ``spans`` ((start, end, kind, anchor)); overlapping spans
    give segments with several kinds.  Spans outside the text are clipped; empty ones ignored."""
    n = len(text)
    clean = [(max(0, s), min(n, e), k, a) for s, e, k, a in spans if min(n, e) > max(0, s)]
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        covering = [(e - s, k, a) for s, e, k, a in clean if s <= lo and hi <= e]
        if not covering:
            out.append(Segment(text[lo:hi]))
            continue
        kinds = tuple(sorted({k for _, k, _ in covering}))
        anchor = min(covering)[2]
        out.append(Segment(text[lo:hi], kinds, anchor))
    return out
