"""Documents, extractions, clusters, minhashes and the figure/incident queries."""

from __future__ import annotations

from datetime import date

from ledger_samples import TEXT_A, TEXT_B, make_document, result_a, result_b, store_doc

from warledger.errors import StoreError
from warledger.store import FigureFilter, Ledger


def test_add_document_is_idempotent_and_round_trips(ledger: Ledger) -> None:
    doc = store_doc(ledger, "a", TEXT_A, date(2022, 4, 7), notes=["mojibake repaired"], url="https://x.org/a")
    assert ledger.add_document(doc) is False
    changed = doc.model_copy(update={"title": "Another title"})
    assert ledger.add_document(changed) is False
    assert ledger.get_document("a") == doc
    assert ledger.documents() == [doc]
    assert ledger.get_document("missing") is None
    assert [e.action for e in ledger.audit_entries("a")] == ["ingest"]


def test_documents_keep_ingest_order_and_limit(ledger: Ledger) -> None:
    for i in range(5):
        store_doc(ledger, f"d{i}", f"text number {i}", None)
    assert [d.id for d in ledger.documents()] == [f"d{i}" for i in range(5)]
    assert [d.id for d in ledger.documents(limit=2)] == ["d0", "d1"]
    rows = ledger.document_rows()
    assert [r.doc_id for r in rows] == [f"d{i}" for i in range(5)]
    assert not rows[0].extracted and rows[0].cluster_id is None


def test_extraction_round_trip_and_idempotence(ledger: Ledger) -> None:
    store_doc(ledger, "a", TEXT_A, date(2022, 4, 7))
    assert ledger.get_extraction("a") is None
    res = result_a()
    ledger.save_extraction("a", res)
    assert ledger.get_extraction("a") == res
    ledger.save_extraction("a", res)
    assert [e.action for e in ledger.audit_entries("a")] == ["ingest", "extract"]
    assert len(ledger.figures()) == 2 and len(ledger.incidents()) == 1


def test_save_extraction_replaces_derived_rows(ledger: Ledger) -> None:
    store_doc(ledger, "a", TEXT_A, date(2022, 4, 7))
    ledger.save_extraction("a", result_a())
    smaller = result_a().model_copy(update={"figures": result_a().figures[:1], "incidents": [], "claims": []})
    ledger.save_extraction("a", smaller)
    assert ledger.get_extraction("a") == smaller
    assert [f.category for f in ledger.figures()] == ["killed"]
    assert ledger.incidents() == []
    extracts = [e for e in ledger.audit_entries("a") if e.action == "extract"]
    assert len(extracts) == 2 and '"replaced":true' in extracts[1].payload
    assert ledger.verify().ok


def test_extraction_for_unknown_document(ledger: Ledger) -> None:
    try:
        ledger.save_extraction("ghost", result_a("ghost"))
    except StoreError as exc:
        assert "ghost" in str(exc)
    else:
        raise AssertionError("expected StoreError")


def test_pending_extraction(ledger: Ledger) -> None:
    store_doc(ledger, "a", TEXT_A, date(2022, 4, 7))
    store_doc(ledger, "b", TEXT_B, date(2022, 5, 4))
    store_doc(ledger, "uk", "Текст", None, is_english=False)
    assert ledger.pending_extraction() == ["a", "b"]
    ledger.save_extraction("a", result_a())
    assert ledger.pending_extraction() == ["b"]


def test_figure_rows_are_flattened(filled: Ledger) -> None:
    rows = filled.figures()
    assert [(r.doc_id, r.index) for r in rows] == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    k = rows[0]
    assert (k.category, k.low, k.high, k.qualifier, k.victims) == (
        "killed",
        12,
        None,
        "at_least",
        "civilians",
    )
    assert (k.place_name, k.admin1, k.country) == ("Kharkiv", "Kharkivska Oblast", "UA")
    assert (k.date_start, k.date_text, k.published, k.title) == (
        date(2022, 4, 5),
        "on Tuesday",
        date(2022, 4, 7),
        "Title of a",
    )
    assert k.speaker == "Oleh Syniehubov"
    assert TEXT_A[k.start : k.end] == k.evidence_text == "killed at least 12 civilians"
    assert rows[2].speaker == "the city council"
    assert k.as_dict()["date_start"] == "2022-04-05"


def test_figure_filters(filled: Ledger) -> None:
    def ids(**kw: object) -> list[tuple[str, int]]:
        return [(r.doc_id, r.index) for r in filled.figures(FigureFilter(**kw))]  # type: ignore[arg-type]

    assert ids(category="KILLED") == [("a", 0), ("b", 0)]
    assert ids(place="kharK") == [("a", 0), ("a", 1)]
    assert ids(place="odeskyi") == [("b", 0), ("b", 1)]  # admin2
    assert ids(place="%") == []
    assert ids(since=date(2022, 5, 1)) == [("b", 0), ("b", 1)]
    assert ids(until=date(2022, 4, 30)) == [("a", 0), ("a", 1)]
    assert ids(since=date(2022, 4, 5), until=date(2022, 4, 5)) == [("a", 0), ("a", 1)]
    assert ids(doc_id="b", category="injured") == [("b", 1)]
    assert ids(limit=1) == [("a", 0)]


def test_dates_fall_back_to_publication(ledger: Ledger) -> None:
    store_doc(ledger, "b", TEXT_B, date(2022, 5, 4))
    res = result_b()
    res.figures[0].date = None
    ledger.save_extraction("b", res)
    assert [r.index for r in ledger.figures(FigureFilter(since=date(2022, 5, 4)))] == [0]


def test_incident_rows_and_filters(filled: Ledger) -> None:
    rows = filled.incidents()
    assert [(r.doc_id, r.figures) for r in rows] == [("a", (0, 1)), ("b", (0, 1))]
    a = rows[0]
    assert (a.event_type, a.actor1, a.fatalities_best, a.place_name) == (
        "Explosions/Remote violence",
        "Military Forces of Russia",
        12,
        "Kharkiv",
    )
    assert [r.doc_id for r in filled.incidents(FigureFilter(category="shelling"))] == ["a"]
    assert [r.doc_id for r in filled.incidents(FigureFilter(category="explosions"))] == ["a", "b"]
    assert [r.doc_id for r in filled.incidents(FigureFilter(place="odesa"))] == ["b"]
    assert [r.doc_id for r in filled.incidents(FigureFilter(since=date(2022, 5, 1)))] == ["b"]


def test_story_clusters(filled: Ledger) -> None:
    filled.set_cluster("a", "a", 1.0)
    filled.set_cluster("b", "a", 0.82)
    filled.set_cluster("b", "a", 0.82)  # unchanged: no new audit row
    assert filled.cluster_of("b") == "a" and filled.cluster_of("uk") is None
    assert filled.cluster_members("a") == ["a", "b"]
    filled.set_cluster("b", "b", 1.0)
    assert filled.cluster_members("a") == ["a"]
    assert [e.action for e in filled.audit_entries("b")].count("cluster") == 2
    assert {r.doc_id: r.cluster_id for r in filled.document_rows()} == {"a": "a", "b": "b", "uk": None}


def test_minhashes(filled: Ledger) -> None:
    filled.save_minhash("a", b"\x00\x01" * 64)
    filled.save_minhash("b", b"\x02" * 128)
    filled.save_minhash("a", b"\x03" * 128)
    assert dict(filled.minhashes()) == {"a": b"\x03" * 128, "b": b"\x02" * 128}


def test_documents_without_archive_are_reported(ledger: Ledger) -> None:
    ledger.add_document(make_document("x", "text", published=None, sha="f" * 64))
    report = ledger.verify()
    assert not report.ok
    assert any("not in the evidence archive" in p for p in report.problems)
