"""Hand-built documents and extractions for the store and ledger-CLI tests (no NLP needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from warledger.models import (
    Claim,
    DateRef,
    Document,
    DocumentResult,
    Evidence,
    Fatalities,
    Figure,
    Incident,
    Place,
    Source,
)
from warledger.store import Ledger

TEXT_A = (
    "KYIV, Ukraine (Wire) - Russian shelling killed at least 12 civilians in Kharkiv on Tuesday, "
    "regional governor Oleh Syniehubov said. Another 30 people were injured. "
    "Moscow denied targeting civilians."
)
TEXT_B = (
    "ODESA - Three people were killed and 5 injured when a missile hit a warehouse in Odesa "
    "on 3 May, the city council said."
)


def span(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle)


def place(text: str, mention: str, **kw: object) -> Place:
    ev = span(text, mention)
    return Place(text=mention, start=ev.start, end=ev.end, **kw)  # type: ignore[arg-type]


def make_document(doc_id: str, text: str, *, published: date | None, sha: str, **kw: object) -> Document:
    fields: dict[str, object] = {
        "id": doc_id,
        "sha256": sha,
        "origin": f"/reports/{doc_id}.txt",
        "media_type": "text/plain",
        "retrieved_at": datetime(2022, 4, 8, 12, 0, tzinfo=UTC),
        "text": text,
        "title": f"Title of {doc_id}",
        "published": published,
        "language": "en",
    }
    fields.update(kw)
    return Document.model_validate(fields)


def result_a(doc_id: str = "a") -> DocumentResult:
    t = TEXT_A
    kharkiv = place(
        t,
        "Kharkiv",
        name="Kharkiv",
        country="UA",
        admin1="Kharkivska Oblast",
        lat=49.98,
        lon=36.25,
        geonameid=706483,
        feature_code="PPLA",
        precision=1,
    )
    kyiv = place(t, "KYIV", name="Kyiv", country="UA", admin1="Kyiv City", lat=50.45, lon=30.52, precision=1)
    governor = Source(
        text="regional governor Oleh Syniehubov", name="Oleh Syniehubov", role="regional governor"
    )
    tuesday = DateRef(text="on Tuesday", start=date(2022, 4, 5), end=date(2022, 4, 5), precision="day")
    killed = Figure(
        category="killed",
        low=12,
        high=None,
        qualifier="at_least",
        victims="civilians",
        location=kharkiv,
        date=tuesday,
        source=governor,
        evidence=span(t, "killed at least 12 civilians"),
        confidence=0.9,
    )
    injured = Figure(
        category="injured",
        low=30,
        high=30,
        qualifier="exact",
        victims="people",
        location=kharkiv,
        date=tuesday,
        source=governor,
        evidence=span(t, "Another 30 people were injured"),
        confidence=0.8,
    )
    incident = Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Russia",
        actor2="Civilians (Ukraine)",
        location=kharkiv,
        date=tuesday,
        fatalities=Fatalities(low=12, best=12, high=None),
        figures=[0, 1],
        source=governor,
        evidence=span(t, "Russian shelling killed at least 12 civilians in Kharkiv"),
    )
    claim = Claim(
        speaker=Source(text="Moscow", name="Moscow", organization="Government of Russia"),
        stance="denial",
        about="targeting civilians",
        evidence=span(t, "Moscow denied targeting civilians"),
    )
    return DocumentResult(
        id=doc_id,
        published=date(2022, 4, 7),
        title="Title of a",
        figures=[killed, injured],
        places=[kyiv, kharkiv],
        incidents=[incident],
        claims=[claim],
    )


def result_b(doc_id: str = "b") -> DocumentResult:
    t = TEXT_B
    odesa = place(
        t,
        "Odesa",
        name="Odesa",
        country="UA",
        admin1="Odeska Oblast",
        admin2="Odeskyi Raion",
        lat=46.48,
        lon=30.73,
        precision=1,
    )
    may3 = DateRef(text="on 3 May", start=date(2022, 5, 3), end=date(2022, 5, 3), precision="day")
    council = Source(text="the city council", organization="Odesa city council")
    killed = Figure(
        category="killed",
        low=3,
        high=3,
        victims="people",
        location=odesa,
        date=may3,
        source=council,
        evidence=span(t, "Three people were killed"),
    )
    injured = Figure(
        category="injured",
        low=5,
        high=5,
        location=odesa,
        date=may3,
        source=council,
        evidence=span(t, "5 injured"),
    )
    incident = Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        location=odesa,
        date=may3,
        fatalities=Fatalities(low=3, best=3, high=3),
        figures=[0, 1],
        evidence=span(t, "a missile hit a warehouse in Odesa"),
    )
    return DocumentResult(
        id=doc_id, published=date(2022, 5, 4), figures=[killed, injured], places=[odesa], incidents=[incident]
    )


def store_doc(ledger: Ledger, doc_id: str, text: str, published: date | None, **kw: object) -> Document:
    """Archive the text's bytes and store the document, as ingest does."""
    af = ledger.archive_bytes(text.encode("utf-8"), origin=f"/reports/{doc_id}.txt", media_type="text/plain")
    doc = make_document(doc_id, text, published=published, sha=af.sha256, **kw)
    ledger.add_document(doc)
    return doc


def fill(ledger: Ledger) -> Ledger:
    """Two extracted documents and one non-English one."""
    store_doc(ledger, "a", TEXT_A, date(2022, 4, 7))
    store_doc(ledger, "b", TEXT_B, date(2022, 5, 4))
    store_doc(ledger, "uk", "Це текст українською мовою.", date(2022, 4, 7), is_english=False)
    ledger.save_extraction("a", result_a())
    ledger.save_extraction("b", result_b())
    return ledger
