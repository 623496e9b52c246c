"""Plain value types returned by the ledger (no SQL, no SQLAlchemy objects cross this boundary)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class ArchivedFile:
    """One file of the evidence archive: the original bytes, named by their sha256.

    ``existed`` is True when the same bytes were already archived (nothing was rewritten).
    ``origin``/``retrieved_at`` are those of the first sighting.
    """

    sha256: str
    path: Path
    size: int
    media_type: str
    origin: str
    retrieved_at: datetime
    existed: bool


@dataclass(frozen=True)
class FigureFilter:
    """Filter for :meth:`Ledger.figures` and :meth:`Ledger.incidents`.

    ``since``/``until`` select rows whose event date (or, without one, the document's publication
    date) overlaps the interval; ``place`` is a case-insensitive substring of the location's name,
    admin1 or admin2; ``category`` is a figure category (exact, case-insensitive) or, for incidents,
    a case-insensitive substring of the event or sub-event type.
    """

    since: date | None = None
    until: date | None = None
    place: str | None = None
    category: str | None = None
    doc_id: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class FigureRow:
    """A stored figure, flattened, with its document's id, publication date and title."""

    doc_id: str
    published: date | None
    title: str | None
    index: int
    category: str
    low: int | None
    high: int | None
    qualifier: str
    victims: str | None
    cumulative: bool
    place_name: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date_start: date | None
    date_end: date | None
    date_text: str | None
    speaker: str | None
    evidence_text: str
    start: int
    end: int
    confidence: float
    parent: int | None = None

    def as_dict(self) -> dict[str, object]:
        return _jsonable(asdict(self))


@dataclass(frozen=True)
class IncidentRow:
    """A stored incident, flattened, with its document's id, publication date and title."""

    doc_id: str
    published: date | None
    title: str | None
    index: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    place_name: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date_start: date | None
    date_end: date | None
    date_text: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    figures: tuple[int, ...]
    speaker: str | None
    evidence_text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return _jsonable(asdict(self))


@dataclass(frozen=True)
class DocumentRow:
    """A short listing entry for a stored document."""

    doc_id: str
    title: str | None
    published: date | None
    language: str | None
    is_english: bool
    cluster_id: str | None
    extracted: bool
    origin: str

    def as_dict(self) -> dict[str, object]:
        return _jsonable(asdict(self))


@dataclass(frozen=True)
class AuditEntry:
    """One row of the hash-chained audit log."""

    id: int
    at: str  # ISO 8601 UTC timestamp
    actor: str
    action: str
    subject: str
    payload: str  # canonical JSON
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class VerifyReport:
    """Outcome of :meth:`Ledger.verify`.

    ``problems`` lists every failed check in one line each; ``unrecorded`` lists archive files
    with no metadata row (left behind by an interrupted run: harmless, re-ingesting records them).
    """

    ok: bool
    problems: list[str]
    audit_rows: int
    archive_files: int
    unrecorded: list[str] = field(default_factory=list)


def _jsonable(d: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in d.items():
        if isinstance(value, date | datetime):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = list(value)
        else:
            out[key] = value
    return out
