"""The ingest service: inputs → archive → documents → story clusters → extractions, in the ledger.

Order for every input unit: its bytes are archived first (``ledger.archive_bytes``), then the
Document is built and stored whole in one transaction (``ledger.add_document``), flagged when not
English, given a MinHash signature and a story cluster, and finally — English documents only —
extracted and saved (``ledger.save_extraction``, one transaction per document).  Documents left
without an extraction by an earlier, interrupted run (``ledger.pending_extraction()``) are
extracted too, so re-running the same command completes the work; nothing committed is lost.

Every audit entry the run writes (``archive``, ``archive-sighting``, ``ingest``, ``cluster``,
``extract``, ``ingest-run``) names ``actor``: ``"system"`` by default, ``cli:USER`` from the CLI, the
signed-in analyst from the web app.  ``origins`` maps an input to the origin its documents record
(the web app's uploads: ``upload:NAME`` instead of the temporary file's path).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

from warledger.errors import InputError, WarledgerError
from warledger.ingest.dedupe import Signature, StoryIndex, signature
from warledger.ingest.readers import Source, expand_inputs, read_source
from warledger.models import Document, DocumentResult
from warledger.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.progress import Progress

    from warledger.pipeline import TextInput
    from warledger.store import Ledger

EXTRACT_BATCH = 8


class BatchExtractor(Protocol):
    def extract_batch(self, items: Iterable[TextInput]) -> Iterator[DocumentResult]: ...


@dataclass
class DocumentOutcome:
    """What happened to one document in this run."""

    doc_id: str
    origin: str
    status: Literal["new", "already_known"]
    title: str | None = None
    language: str | None = None
    is_english: bool = True
    cluster_id: str | None = None
    similarity: float | None = None
    joined_cluster: bool = False
    extracted: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    """Counts and one-line messages of one ``ingest`` call."""

    new_documents: int = 0
    already_known: int = 0
    non_english: int = 0
    extracted: int = 0
    clusters_joined: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    documents: list[DocumentOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False when nothing was ingested (not even a known document) and there were errors."""
        return bool(self.documents) or not self.errors


def ingest(
    ledger: Ledger,
    inputs: Sequence[str],
    *,
    settings: Settings | None = None,
    extract: bool = True,
    extractor: BatchExtractor | None = None,
    progress: bool = False,
    actor: str = "system",
    origins: Mapping[str, str] | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs into ``ledger``; see the module docstring for the order,
    ``actor`` (who the audit entries name) and ``origins`` (input → recorded origin)."""
    settings = settings or Settings()
    report = IngestReport()
    index = _load_index(ledger, report)
    outcomes: dict[str, DocumentOutcome] = {}

    def archive(data: bytes, *, origin: str, media_type: str, retrieved_at: datetime) -> str:
        return ledger.archive_bytes(
            data, origin=origin, media_type=media_type, retrieved_at=retrieved_at, actor=actor
        ).sha256

    sources: list[Source] = []
    for source in expand_inputs(list(inputs), origins):
        if isinstance(source, InputError):
            report.errors.append(str(source))
        else:
            sources.append(source)

    with _progress(progress) as bar:
        task = bar.add_task("ingesting", total=len(sources)) if bar else None
        for source in sources:
            try:
                for item in read_source(
                    source, settings=settings, archive=archive, known=ledger.get_document
                ):
                    if isinstance(item, InputError):
                        report.errors.append(str(item))
                    else:
                        outcome = _store(ledger, item, index, report, actor)
                        outcomes[outcome.doc_id] = outcome
            except WarledgerError:
                raise  # the ledger itself failed: stop, the CLI prints it on one line
            except Exception as exc:  # a parser bug on odd input must cost only this input
                shown = source.label or source.value
                report.errors.append(f"{shown}: cannot read ({type(exc).__name__}: {_one_line(exc)})")
            if bar is not None and task is not None:
                bar.advance(task)
        if extract:
            _extract_pending(ledger, settings, extractor, report, outcomes, bar, actor)
    with contextlib.suppress(Exception):
        labels = origins or {}
        ledger.audit(
            "ingest-run",
            "; ".join(labels.get(i, i) for i in inputs)[:500],
            {
                "new": report.new_documents,
                "already_known": report.already_known,
                "non_english": report.non_english,
                "extracted": report.extracted,
                "clusters_joined": report.clusters_joined,
                "errors": len(report.errors),
            },
            actor=actor,
        )
    return report


def _store(
    ledger: Ledger, doc: Document, index: StoryIndex, report: IngestReport, actor: str = "system"
) -> DocumentOutcome:
    inserted = ledger.add_document(doc, actor=actor)
    outcome = DocumentOutcome(
        doc_id=doc.id,
        origin=doc.origin,
        status="new" if inserted else "already_known",
        title=doc.title,
        language=doc.language,
        is_english=doc.is_english,
        notes=list(doc.notes),
    )
    report.documents.append(outcome)
    if inserted:
        report.new_documents += 1
        if not doc.is_english:
            report.non_english += 1
            report.warnings.append(f"{doc.origin}: non-English ({doc.language}); stored, not extracted")
    else:
        report.already_known += 1
    if doc.id not in index:
        _cluster(ledger, doc, signature(doc.text), index, outcome, report, actor)
    else:
        outcome.cluster_id = ledger.cluster_of(doc.id)
    return outcome


def _cluster(
    ledger: Ledger,
    doc: Document,
    sig: Signature,
    index: StoryIndex,
    outcome: DocumentOutcome,
    report: IngestReport,
    actor: str = "system",
) -> None:
    match = index.best_match(sig, exclude=doc.id)
    if match is None:
        cluster_id, similarity = doc.id, 1.0
    else:
        cluster_id = ledger.cluster_of(match.doc_id) or match.doc_id
        if ledger.cluster_of(match.doc_id) is None:
            ledger.set_cluster(match.doc_id, cluster_id, 1.0, actor=actor)
        similarity = round(match.similarity, 4)
        outcome.joined_cluster = True
        report.clusters_joined += 1
    ledger.set_cluster(doc.id, cluster_id, similarity, actor=actor)
    ledger.save_minhash(doc.id, sig.to_bytes())
    index.add(doc.id, sig)
    outcome.cluster_id, outcome.similarity = cluster_id, similarity


def _load_index(ledger: Ledger, report: IngestReport) -> StoryIndex:
    index = StoryIndex()
    for doc_id, raw in ledger.minhashes():
        try:
            index.add(doc_id, Signature.from_bytes(raw))
        except ValueError as exc:
            report.warnings.append(f"document {doc_id}: stored signature ignored ({exc}); it is recomputed")
    return index


def _extract_pending(
    ledger: Ledger,
    settings: Settings,
    extractor: BatchExtractor | None,
    report: IngestReport,
    outcomes: dict[str, DocumentOutcome],
    bar: Progress | None,
    actor: str = "system",
) -> None:
    pending = ledger.pending_extraction()
    if not pending:
        return
    from warledger.pipeline import TextInput

    if extractor is None:
        try:
            from warledger.pipeline import Extractor

            extractor = Extractor(settings)
        except Exception as exc:
            report.errors.append(
                f"extraction unavailable ({type(exc).__name__}: {_one_line(exc)}); "
                f"{len(pending)} document(s) stored and left pending — re-run to extract them"
            )
            return
    task = bar.add_task("extracting", total=len(pending)) if bar is not None else None
    for start in range(0, len(pending), EXTRACT_BATCH):
        docs = [d for d in (ledger.get_document(i) for i in pending[start : start + EXTRACT_BATCH]) if d]
        items = [
            TextInput(id=d.id, text=d.text, published=d.published, title=d.title, url=d.url) for d in docs
        ]
        for doc_id, result in _run_batch(extractor, items, report):
            ledger.save_extraction(doc_id, result, actor=actor)
            report.extracted += 1
            if doc_id in outcomes:
                outcomes[doc_id].extracted = True
        if bar is not None and task is not None:
            bar.advance(task, len(items))


def _run_batch(
    extractor: BatchExtractor, items: list[TextInput], report: IngestReport
) -> Iterator[tuple[str, DocumentResult]]:
    """Results as they come (each is saved before the next is computed); after a failure the
    documents not done yet are retried one by one, so one bad document costs only itself."""
    done: set[str] = set()
    try:
        for item, result in zip(items, extractor.extract_batch(items), strict=False):
            done.add(item.id)
            yield item.id, result
    except Exception:  # isolate the failing document below
        pass
    for item in items:
        if item.id in done:
            continue
        try:
            result = next(iter(extractor.extract_batch([item])))
        except StopIteration:
            report.errors.append(f"{item.id}: extraction failed (the extractor returned no result)")
            continue
        except Exception as exc:  # one bad document must not stop the others
            report.errors.append(f"{item.id}: extraction failed ({type(exc).__name__}: {_one_line(exc)})")
            continue
        yield item.id, result


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield bar
