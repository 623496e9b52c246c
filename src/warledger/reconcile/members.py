"""Load the per-document incidents ("members") and their context from the ledger."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from warledger.models import Claim, DocumentResult, Figure, Incident
from warledger.reconcile.types import member_key

if TYPE_CHECKING:
    from warledger.store import Ledger

UNDATED_LOOKBACK_DAYS = 2  # an undated event is assumed to have happened up to 2 days before its report
CONTEXT = "Context"
NOT_EVENTS = {("Context", "Denial")}  # denials are claims about events, not events
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@dataclass
class DocInfo:
    """What reconcile needs of one document besides its incidents."""

    doc_id: str
    reported: date | None  # publication date, else the retrieval date
    group: str  # story cluster (copies share it), else the document id
    result: DocumentResult
    event_members: list[str] = field(default_factory=list)  # keys of its violent-event members


@dataclass
class Member:
    key: str
    doc: DocInfo
    idx: int
    incident: Incident
    figures: list[tuple[int, Figure]]  # attached, non-cumulative, not a subset of another figure
    cumulative: list[tuple[int, Figure]]
    window: tuple[date, date] | None
    dated: bool  # the window comes from the text, not from the report date

    @property
    def doc_id(self) -> str:
        return self.doc.doc_id

    @property
    def order(self) -> tuple[date, str, int]:
        return (self.doc.reported or date.max, self.doc.doc_id, self.idx)

    @property
    def violent(self) -> bool:
        return self.incident.event_type in _VIOLENT


def _window(inc: Incident, reported: date | None) -> tuple[tuple[date, date] | None, bool]:
    d = inc.date
    if d is not None and d.start is not None:
        return (d.start, d.end or d.start), True
    if reported is not None:
        return (reported - timedelta(days=UNDATED_LOOKBACK_DAYS), reported), False
    return None, False


def load_members(ledger: Ledger) -> tuple[list[Member], dict[str, DocInfo]]:
    """Every extracted incident of every document (denials excepted), in report order."""
    members: list[Member] = []
    docs: dict[str, DocInfo] = {}
    for row in ledger.document_rows():
        if not row.extracted:
            continue
        result = ledger.get_extraction(row.doc_id)
        if result is None:
            continue
        reported = row.published
        if reported is None:
            doc = ledger.get_document(row.doc_id)
            reported = doc.retrieved_at.date() if doc is not None else None
        info = DocInfo(row.doc_id, reported, row.cluster_id or row.doc_id, result)
        docs[row.doc_id] = info
        for idx, inc in enumerate(result.incidents):
            if (inc.event_type, inc.sub_event_type) in NOT_EVENTS:
                continue
            attached: list[tuple[int, Figure]] = []
            cumulative: list[tuple[int, Figure]] = []
            for fi in inc.figures:
                if not 0 <= fi < len(result.figures):
                    continue
                fig = result.figures[fi]
                if fig.parent is not None:
                    continue
                (cumulative if fig.cumulative else attached).append((fi, fig))
            window, dated = _window(inc, reported)
            m = Member(member_key(row.doc_id, idx), info, idx, inc, attached, cumulative, window, dated)
            members.append(m)
            if m.violent:
                info.event_members.append(m.key)
    members.sort(key=lambda m: m.order)
    return members, docs


def doc_claims(info: DocInfo) -> list[tuple[int, Claim]]:
    return list(enumerate(info.result.claims))


_SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").strip().lower()).removeprefix("the ")
