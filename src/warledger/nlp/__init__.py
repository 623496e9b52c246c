"""warledger's extraction engine: figures, speakers, dates, claims and ACLED-typed incidents.

Public API::

    engine = load_engine("auto")                      # cached per process
    analyses = engine.analyze_many([(text, published)], outlet=None)
    incidents = build_incidents(text, analyses[0], published=published, locate=locate)

Importing this package registers the spaCy factories ``warledger_numbers``, ``warledger_dates``,
``warledger_speakers`` and ``warledger_figures`` (see :mod:`warledger.nlp.components`), so worker
processes started with the ``spawn`` context can build the pipeline.  Event types are ACLED's
exact strings or warledger's contextual types (event_type ``"Context"``; see
:mod:`warledger.nlp.events`).
"""

from __future__ import annotations

from warledger.nlp import components  # noqa: F401 - registers the spaCy factories
from warledger.nlp.engine import Engine, load_engine, split_sentences
from warledger.nlp.incidents import build_incidents
from warledger.nlp.types import ActorMention, Analysis, EventCue, Sentence

__all__ = [
    "ActorMention",
    "Analysis",
    "Engine",
    "EventCue",
    "Sentence",
    "build_incidents",
    "load_engine",
    "split_sentences",
]
