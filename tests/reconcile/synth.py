"""Hand-built reports for the reconcile/export unit tests (no NLP: every value is chosen)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from warledger.models import (
    Claim,
    DateRef,
    Document,
    DocumentResult,
    Evidence,
    Figure,
    Incident,
    Place,
    Source,
)
from warledger.store import Ledger

TOWNS = {
    "Kramatorsk": (48.7389, 37.5848, 709717, "Donetsk"),
    "Sloviansk": (48.8533, 37.6050, 700019, "Donetsk"),
    "Mariupol": (47.0958, 37.5494, 701822, "Donetsk"),
    "Odesa": (46.4775, 30.7326, 698740, "Odesa"),
}


def town(name: str) -> Place:
    lat, lon, gid, admin1 = TOWNS[name]
    return Place(
        text=name,
        name=name,
        country="UA",
        admin1=admin1,
        lat=lat,
        lon=lon,
        geonameid=gid,
        feature_code="PPL",
        precision=1,
    )


def province(name: str) -> Place:
    return Place(
        text=f"{name} region",
        name=f"{name} Oblast",
        country="UA",
        admin1=name,
        lat=48.0,
        lon=37.8,
        geonameid=709716,
        feature_code="ADM1",
        precision=3,
    )


@dataclass
class Fig:
    category: str
    low: int | None
    high: int | None = None
    qualifier: str = "exact"
    speaker: str | None = None
    role: str | None = None
    words: str = ""
    cumulative: bool = False
    victims: str | None = "civilians"
    when: tuple[date, date] | None = None
    place: Place | None = None


@dataclass
class Report:
    doc_id: str
    published: date
    sub_event: str = "Shelling/artillery/missile attack"
    event: str = "Explosions/Remote violence"
    place: Place | None = None
    when: tuple[date, date] | None = None
    figures: list[Fig] = field(default_factory=list)
    denial: str | None = None
    cluster: str | None = None
    actor1: str | None = "Military Forces of Russia (2000-)"
    actor2: str | None = "Civilians (Ukraine)"


def _span(text: str, needle: str) -> Evidence:
    i = text.index(needle)
    return Evidence(start=i, end=i + len(needle), text=needle)


def build(r: Report) -> tuple[Document, DocumentResult]:
    sentences = [f"Report {r.doc_id}: {r.sub_event} in {(r.place.name if r.place else 'somewhere')}."]
    figs: list[Figure] = []
    for i, f in enumerate(r.figures):
        words = f.words or f"Figure {i}: {f.low if f.low is not None else f.high} {f.category}."
        sentences.append(words)
    denial_text = f"Moscow denied {r.denial}." if r.denial else ""
    if denial_text:
        sentences.append(denial_text)
    text = " ".join(sentences)
    for i, f in enumerate(r.figures):
        words = sentences[i + 1]
        src = Source(text=f.speaker, name=f.speaker, role=f.role) if f.speaker else None
        figs.append(
            Figure(
                category=f.category,  # type: ignore[arg-type]
                low=f.low,
                high=f.high if f.high is not None else (f.low if f.qualifier == "exact" else None),
                qualifier=f.qualifier,  # type: ignore[arg-type]
                victims=f.victims,
                cumulative=f.cumulative,
                location=f.place or r.place,
                date=DateRef(text="then", start=f.when[0], end=f.when[1], precision="day")
                if f.when
                else None,
                source=src,
                evidence=_span(text, words),
            )
        )
    inc = Incident(
        event_type=r.event,
        sub_event_type=r.sub_event,
        actor1=r.actor1,
        actor2=r.actor2,
        location=r.place,
        date=DateRef(
            text="then",
            start=r.when[0],
            end=r.when[1],
            precision="day" if r.when[0] == r.when[1] else "interval",
        )
        if r.when
        else None,
        figures=[i for i, f in enumerate(r.figures) if not f.cumulative],
        evidence=_span(text, sentences[0]),
    )
    claims = (
        [
            Claim(
                speaker=Source(text="Moscow", name="Moscow"),
                stance="denial",
                about=r.denial,
                evidence=_span(text, denial_text),
            )
        ]
        if r.denial
        else []
    )
    doc = Document(
        id=r.doc_id,
        sha256="0" * 64,
        origin=f"/synthetic/{r.doc_id}.txt",
        media_type="text/plain",
        retrieved_at=datetime(2022, 6, 1, tzinfo=UTC),
        text=text,
        title=f"Report {r.doc_id}",
        url=f"https://{r.doc_id}.example.org/story",
        published=r.published,
        language="en",
    )
    result = DocumentResult(id=r.doc_id, published=r.published, figures=figs, incidents=[inc], claims=claims)
    return doc, result


def load(ledger: Ledger, reports: list[Report]) -> None:
    for r in reports:
        doc, result = build(r)
        af = ledger.archive_bytes(doc.text.encode(), origin=doc.origin, media_type="text/plain")
        ledger.add_document(doc.model_copy(update={"sha256": af.sha256}))
        ledger.save_extraction(doc.id, result)
        ledger.set_cluster(doc.id, r.cluster or doc.id, 1.0)


def record_ids(ledger: Ledger) -> dict[str, str]:
    """document id -> the corpus record id ("kr-1" …)."""
    out = {}
    for doc in ledger.documents():
        for note in doc.notes:
            if note.startswith("record id: "):
                out[doc.id] = note.removeprefix("record id: ")
    return out
