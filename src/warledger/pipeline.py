"""The stateless extraction pipeline: text → places → figures/claims → event locations → incidents.

``Extractor.extract`` is what ``warledger.extract()`` and ``warledger extract`` call; it touches no
database.  ``extract_many`` batches documents and can fan out to worker processes.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warledger.models import DocumentResult
from warledger.settings import Settings


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

    def extract(self, item: TextInput) -> DocumentResult:
        return next(self.extract_batch([item]))

    def extract_batch(self, items: Iterable[TextInput]) -> Iterator[DocumentResult]:
        from warledger.nlp import build_incidents

        items = list(items)
        analyses = self.engine.analyze_many(
            [(it.text, it.published) for it in items], outlet=self.settings.outlet
        )
        for item, analysis in zip(items, analyses, strict=True):
            text = item.text
            places = self.geoparser.find_places(text)

            def locate(start: int, end: int, _text: str = text, _places: list = places):
                return self.geoparser.place_for_span(_text, start, end, _places)

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


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _work(batch: list[TextInput]) -> list[DocumentResult]:
    assert _WORKER is not None
    return list(_WORKER.extract_batch(batch))


def _batches(items: Iterable[TextInput], size: int) -> Iterator[list[TextInput]]:
    batch: list[TextInput] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_many(
    items: Iterable[TextInput],
    *,
    processes: int = 1,
    settings: Settings | None = None,
    batch_size: int = 16,
    extractor: Extractor | None = None,
) -> Iterator[DocumentResult]:
    """Extract from many documents, in input order; ``processes > 1`` uses worker processes."""
    settings = settings or Settings()
    if processes <= 1:
        ex = extractor
        for batch in _batches(items, batch_size):
            ex = ex or Extractor(settings)  # loaded only once there is something to extract
            yield from ex.extract_batch(batch)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for results in pool.imap(_work, _batches(items, batch_size)):
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
