"""Plain dataclasses produced by the engine (no spaCy objects cross the package boundary)."""

from __future__ import annotations

from dataclasses import dataclass, field

from warledger.models import Claim, Figure, Source
from warledger.nlp.dates import DateMention
from warledger.nlp.speakers import Attribution


@dataclass
class Sentence:
    """A sentence of the document: ``text[start:end]``; ``paragraph`` counts blank-line blocks."""

    start: int
    end: int
    paragraph: int
    parsed: bool = False


@dataclass
class EventCue:
    """A word or phrase that signals an event type (document offsets), e.g. "shelled" → shelling."""

    start: int
    end: int
    text: str
    kind: str
    sentence: int


@dataclass
class ActorMention:
    """A party mentioned in the text, normalised to ACLED's naming style."""

    start: int
    end: int
    text: str
    acled: str
    sentence: int


@dataclass
class Analysis:
    """Everything the engine read from one document.

    ``figures`` and ``claims`` are contract models; the rest is what incident building needs.
    ``figure_sentences[i]`` is the sentence index of ``figures[i]``.
    """

    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    figure_sentences: list[int] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    cues: list[EventCue] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    outlet: Source | None = None
