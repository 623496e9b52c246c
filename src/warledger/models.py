"""Domain types of warledger: plain pydantic models, no spaCy and no SQL.

These are the contract between the pipeline stages (ingest → nlp → geo → reconcile → store →
web/export) and the JSON that ``warledger extract`` prints (documented in docs/contract.md).
Fields that a stage cannot fill stay ``None``; nothing is invented.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Category = Literal[
    "killed",
    "injured",
    "missing",
    "bodies_found",
    "detained",
    "displaced",
    "evacuated",
    "trapped",
    "troops",
    "other",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "range", "vague"]
QUALIFIERS: tuple[str, ...] = Qualifier.__args__  # type: ignore[attr-defined]

Precision = Literal["day", "week", "month", "year", "interval"]
Stance = Literal["assertion", "denial"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Evidence(_Model):
    """The exact words a value was read from: a character span of the document text."""

    start: int
    end: int
    text: str


class Place(_Model):
    """A place mention (``text`` at ``start:end``) and what it resolved to.

    ``precision`` is ACLED's geo_precision: 1 the town itself, 2 near it / its district,
    3 a province or larger; ``where_prec`` is UCDP's (1 the place, 2 within 25 km, 3 a district,
    4 a province, 5 a border or region, 6 the country, 7 international waters or airspace).
    ``kind`` is ``"toponym"`` for a name of a place and ``"demonym"`` for a nationality word
    ("Russian shelling") resolved to its country: demonyms say whose, never where, so they are
    never an event location.  ``score`` and ``reason`` explain the gazetteer's choice.
    """

    text: str
    kind: Literal["toponym", "demonym"] = "toponym"
    start: int | None = None
    end: int | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    precision: int | None = Field(default=None, ge=1, le=3)
    where_prec: int | None = Field(default=None, ge=1, le=7)
    score: float | None = None
    reason: str | None = None


class DateRef(_Model):
    """A date expression resolved against the publication date.

    ``start``/``end`` are inclusive ISO dates (equal for a single day); both ``None`` when the
    expression could not be anchored (e.g. no publication date).
    """

    text: str
    start: date | None = None
    end: date | None = None
    precision: Precision | None = None


class Source(_Model):
    """Who said it. ``fallback`` marks the outlet used when no speaker was found."""

    text: str
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    anonymous: bool = False
    fallback: bool = False


class Figure(_Model):
    """A number of people (killed, injured, ...) with its qualifier and provenance."""

    category: Category
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "exact"
    victims: str | None = None
    cumulative: bool = False
    location: Place | None = None
    date: DateRef | None = None
    source: Source | None = None
    evidence: Evidence
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    parent: int | None = None  # index of the figure this one is a subset of ("210 were children")


class Fatalities(_Model):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class Incident(_Model):
    """One event in one document: ACLED-style type, actors, place, date and fatalities."""

    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    location: Place | None = None
    date: DateRef | None = None
    fatalities: Fatalities = Field(default_factory=Fatalities)
    figures: list[int] = Field(default_factory=list)  # indexes into DocumentResult.figures
    source: Source | None = None
    evidence: Evidence


class Claim(_Model):
    """A statement attributed to a party: an assertion or a denial."""

    speaker: Source
    stance: Stance
    about: str
    evidence: Evidence


class DocumentResult(_Model):
    """What ``warledger extract`` prints for one document."""

    id: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    figures: list[Figure] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json()


class Document(_Model):
    """An accepted input document, as stored in the ledger.

    ``sha256`` names the archived original bytes; ``text`` is the extracted main text that all
    character spans refer to.
    """

    id: str
    sha256: str
    origin: str  # path or URL it came from (plus "#entry" / ":line" for items inside a file)
    media_type: str
    retrieved_at: datetime
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    is_english: bool = True
    notes: list[str] = Field(default_factory=list)  # e.g. "mojibake repaired", "non-English: uk"
