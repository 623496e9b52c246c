"""Value types of the reconciled ledger (pydantic, JSON-serialisable, no SQL).

A *member* is one incident as extracted from one document (``doc_id#idx``).  A reconciled
*incident* groups members that describe the same event; an *aggregate* is a cumulative toll
("since the invasion began …") kept as its own record and linked to the incidents in its scope.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from warledger.models import Evidence, Place


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def member_key(doc_id: str, idx: int) -> str:
    return f"{doc_id}#{idx}"


class FieldScore(_Model):
    """How one field compared when a member joined an incident."""

    field: str  # type | place | date | actors | figures
    score: float
    agreed: bool
    detail: str


class MergeEvidence(_Model):
    """Why a member is in its incident: the member it matched best, per-field scores, or an override."""

    member: str
    matched: str | None = None  # the member of the incident it was compared with (None: founder)
    score: float | None = None
    fields: list[FieldScore] = Field(default_factory=list)
    reason: Literal["founder", "similar", "analyst-merge"] = "founder"
    same_story_as: str | None = None  # the member it shares a story cluster with (a copy, not corroboration)


class FigureClaim(_Model):
    """One figure as reported: who said it, when it was reported, how it was hedged."""

    doc_id: str
    index: int
    category: str
    low: int | None = None
    high: int | None = None
    qualifier: str
    victims: str | None = None
    speaker: str | None = None
    speaker_key: str
    authority: int  # 0 outlet/anonymous … 3 UN / independent monitors
    reported: date | None = None
    source_group: str  # story cluster: copies of one story share it (one source, not corroboration)
    revision: bool = False  # worded as an update ("the toll rose to …")
    copy_of: str | None = None  # doc#index of the earlier copy of this same claim in the story cluster
    superseded_by: str | None = None  # doc#index of the later figure that revised it
    evidence: Evidence

    @property
    def ref(self) -> str:
        return f"{self.doc_id}#{self.index}"


class Estimate(_Model):
    """low / best / high and ACLED's conservative value for one category, with the rules used."""

    category: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    acled: int | None = None
    rules: dict[str, str] = Field(default_factory=dict)  # value name -> the rule that produced it
    figures: list[FigureClaim] = Field(default_factory=list)
    independent_sources: int = 0


class Dispute(_Model):
    """Parties disagree: two independent tolls that do not fit together, or a denial."""

    kind: Literal["toll", "denial"]
    category: str | None = None
    summary: str
    sides: list[str] = Field(default_factory=list)  # one line per side: speaker, value, reference
    evidence: list[Evidence] = Field(default_factory=list)


class Interval(_Model):
    start: date | None = None
    end: date | None = None
    precision: str | None = None  # day | week | month | year | interval


class AggregateLink(_Model):
    incident_id: str
    best: int | None = None


class ReconciledRecord(_Model):
    """A reconciled incident (``kind="incident"``) or an aggregate toll (``kind="aggregate"``)."""

    id: str
    kind: Literal["incident", "aggregate"] = "incident"
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    occurred: Interval = Field(default_factory=Interval)
    discovered: Interval | None = None
    reported: Interval = Field(default_factory=Interval)
    members: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    source_groups: int = 0  # independent sources (story clusters)
    casualties: list[Estimate] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    merges: list[MergeEvidence] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)  # one representative span per member
    aggregates: list[str] = Field(default_factory=list)  # ids of aggregate tolls covering it
    # aggregates only:
    linked: list[AggregateLink] = Field(default_factory=list)
    consistency: str | None = None
    consistent: bool | None = None

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)

    def estimate(self, category: str) -> Estimate | None:
        return next((e for e in self.casualties if e.category == category), None)


class Override(_Model):
    """An analyst's decision, replayed on every reconcile run (oldest first)."""

    id: int | None = None
    kind: Literal["merge", "split"]
    members_a: list[str]
    members_b: list[str]
    analyst: str
    reason: str | None = None
    at: str | None = None


class ReconcileReport(_Model):
    incidents: int = 0
    aggregates: int = 0
    members: int = 0
    merged_members: int = 0
    disputed: int = 0
    overrides_applied: int = 0
    inconsistent_aggregates: int = 0
    messages: list[str] = Field(default_factory=list)
