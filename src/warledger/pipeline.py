"""The stateless extraction pipeline: text → places → figures/claims → event locations → incidents.

``Extractor.extract`` is what ``warledger.extract()`` and ``warledger extract`` call; it touches no
database.  ``extract_many`` batches documents and can fan out to worker processes.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from warledger.models import DocumentResult
from warledger.settings import Settings

if TYPE_CHECKING:
    from warledger.geo import Resolved
    from warledger.geo.detect import Mention
    from warledger.geo.prior import FirstPass, GeoPrior
    from warledger.models import Place

COLLECTION_WINDOW = 20_000  # documents read together for one collection prior (geo_focus=auto)
MIN_COLLECTION = 5  # fewer documents than this lend each other no prior
GC_CHUNK = 64  # documents geoparsed between two cyclic garbage collections (see ``geo.gc_paused``)


@dataclass(frozen=True)
class TextInput:
    """One document to extract from."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None


class Extractor:
    """Holds the loaded NLP engine and geoparser; reuse one instance for many documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        from warledger.geo import load_geoparser
        from warledger.nlp import load_engine

        self.settings = settings or Settings()
        self.engine = load_engine(self.settings.model)
        self.geoparser = load_geoparser()
        from warledger.geo.prior import prior_from_setting

        self.geo_prior = prior_from_setting(self.settings.geo_focus, self.geoparser)
        self.collect = self.settings.geo_focus.strip().lower() == "auto"

    def places(
        self,
        text: str,
        prior: GeoPrior | None = None,
        info: list[Resolved] | None = None,
        mentions: list[Mention] | None = None,
    ) -> list[Place]:
        """A document's places and nationality words (kind "demonym": never an event location),
        with ``prior`` (a collection's) or else the ``geo_focus`` setting's focus."""
        return self.geoparser.find_places(
            text, prior=prior or self.geo_prior, info=info, demonyms=True, mentions=mentions
        )

    def extract(self, item: TextInput) -> DocumentResult:
        return next(self.extract_batch([item]))

    def extract_batch(
        self, items: Iterable[TextInput], geo: Sequence[list[Place] | None] | None = None
    ) -> Iterator[DocumentResult]:
        """Results in input order; ``geo`` gives places already found for some items (None: find them).

        With ``geo_focus=auto`` a batch of ``MIN_COLLECTION`` or more documents is a collection
        whose confidently placed names guide its ambiguous ones (see ``extract_many``)."""
        from warledger.nlp import build_incidents

        items = list(items)
        if geo is None and self.collect and len(items) >= MIN_COLLECTION:
            firsts = _first_passes(self, items)  # the batch is a collection: see ``extract_many``
            geo = _second_passes(self, items, firsts, _prior(firsts))
        given = list(geo) if geo is not None else [None] * len(items)
        analyses = self.engine.analyze_many(
            [(it.text, it.published) for it in items], outlet=self.settings.outlet
        )
        for item, analysis, pre in zip(items, analyses, given, strict=True):
            text = item.text
            places = pre if pre is not None else self.places(text)

            spans: dict[tuple[int, int], Place | None] = {}  # figures and incidents share spans

            def locate(
                start: int, end: int, _text: str = text, _places: list = places, _seen: dict = spans
            ) -> Place | None:
                if (start, end) not in _seen:
                    _seen[start, end] = self.geoparser.place_for_span(_text, start, end, _places)
                hit = _seen[start, end]
                return hit.model_copy() if hit is not None else None  # each asker gets its own

            for fig in analysis.figures:
                fig.location = locate(fig.evidence.start, fig.evidence.end)
            incidents = build_incidents(text, analysis, published=item.published, locate=locate)
            yield DocumentResult(
                id=item.id,
                published=item.published,
                title=item.title,
                url=item.url,
                figures=analysis.figures,
                places=places,
                incidents=incidents,
                claims=analysis.claims,
            )


_WORKER: Extractor | None = None
Job = tuple[list[TextInput], "list[FirstPass] | None", "GeoPrior | None"]


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _work(job: Job) -> list[DocumentResult]:
    assert _WORKER is not None
    batch, firsts, prior = job
    geo = _second_passes(_WORKER, batch, firsts, prior) if firsts is not None else None
    return list(_WORKER.extract_batch(batch, geo=geo))


def _first_work(batch: list[TextInput]) -> list[FirstPass]:
    assert _WORKER is not None
    return _first_passes(_WORKER, batch)


def _first_passes(ex: Extractor, batch: list[TextInput]) -> list[FirstPass]:
    from warledger.geo import gc_paused
    from warledger.geo.prior import first_pass

    out: list[FirstPass] = []
    for s in range(0, len(batch), GC_CHUNK):
        with gc_paused():  # one cyclic collection per chunk, after each document's transients are gone
            out.extend(first_pass(ex.places, it.text) for it in batch[s : s + GC_CHUNK])
    return out


def _prior(firsts: list[FirstPass]) -> GeoPrior | None:
    from warledger.geo.prior import collection_prior

    return collection_prior(f.evidence for f in firsts)


def _second_passes(
    ex: Extractor, batch: list[TextInput], firsts: list[FirstPass], prior: GeoPrior | None
) -> list[list[Place]]:
    """Each document's places, again with the collection's prior where it could change them."""
    if prior is None:
        return [f.places for f in firsts]
    from warledger.geo import gc_paused

    out: list[list[Place]] = []
    for s in range(0, len(batch), GC_CHUNK):
        with gc_paused():
            out.extend(
                f.again(ex.places, it.text, prior)
                for it, f in zip(batch[s : s + GC_CHUNK], firsts[s : s + GC_CHUNK], strict=True)
            )
    return out


def _batches(items: Iterable[TextInput], size: int) -> Iterator[list[TextInput]]:
    batch: list[TextInput] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _jobs(
    window: list[TextInput], size: int, firsts: list[FirstPass] | None, prior: GeoPrior | None
) -> Iterator[Job]:
    for s in range(0, len(window), size):
        yield window[s : s + size], (firsts[s : s + size] if firsts is not None else None), prior


def extract_many(
    items: Iterable[TextInput],
    *,
    processes: int = 1,
    settings: Settings | None = None,
    batch_size: int = 16,
    extractor: Extractor | None = None,
) -> Iterator[DocumentResult]:
    """Extract from many documents, in input order; ``processes > 1`` uses worker processes.

    With ``geo_focus=auto`` (the default) the documents form a collection (up to
    ``COLLECTION_WINDOW`` at a time, read in before extraction starts): a first, geoparsing-only
    pass finds their confidently placed names, and the documents with an ambiguous, context-free
    place name are geoparsed again with that collection prior (``warledger.geo.prior``).  The
    result does not depend on the documents' order within a collection.
    """
    settings = settings or Settings()
    collect = settings.geo_focus.strip().lower() == "auto"
    windows = _batches(items, COLLECTION_WINDOW if collect else batch_size)
    if processes <= 1:
        ex = extractor
        for window in windows:
            ex = ex or Extractor(settings)  # loaded only once there is something to extract
            firsts = _first_passes(ex, window) if collect and len(window) >= MIN_COLLECTION else None
            prior = _prior(firsts) if firsts is not None else None
            for batch, fs, _ in _jobs(window, batch_size, firsts, prior):
                geo = _second_passes(ex, batch, fs, prior) if fs is not None else None
                yield from ex.extract_batch(batch, geo=geo)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for window in windows:
            firsts = None
            if collect and len(window) >= MIN_COLLECTION:
                firsts = [f for fs in pool.imap(_first_work, _batches(window, batch_size)) for f in fs]
            prior = _prior(firsts) if firsts is not None else None
            for results in pool.imap(_work, _jobs(window, batch_size, firsts, prior)):
                yield from results


_DEFAULT: Extractor | None = None


def extract(
    text: str,
    published: date | str | None = None,
    *,
    id: str = "text",
    title: str | None = None,
    url: str | None = None,
) -> DocumentResult:
    """Extract figures, places, incidents and claims from one text (no database involved).

    >>> r = extract("Shelling killed five civilians in Kharkiv on Monday.", published="2022-04-07")
    >>> r.figures[0].category, r.figures[0].low
    ('killed', 5)
    """
    global _DEFAULT
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(TextInput(id=id, text=text, published=published, title=title, url=url))
