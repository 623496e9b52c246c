"""Text search: the SQLite FTS5 index over documents (migration 0004), kept in sync by triggers,
used by the incident filter ``q`` and the documents list; LIKE where there is no FTS index."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warledger.ingest import ingest
from warledger.models import Document
from warledger.store import Ledger, open_ledger
from warledger.store import web_queries as wq
from warledger.web import create_app


def test_fts_index_exists_and_finds_prefixes(shared_ledger: Ledger) -> None:
    with shared_ledger._engine.connect() as conn:
        assert wq.has_fts(conn)
    hits = shared_ledger.search_documents("Kramatorsk")
    assert hits, "the hostile Kramatorsk report is not found"
    assert set(shared_ledger.search_documents("kramat")) == set(hits)  # prefix, case-insensitive
    assert shared_ledger.search_documents("Kramatorsk zzzqqq") == []  # every word must appear
    assert shared_ledger.search_documents('"-*') == []  # no searchable word: no error, no hits
    # FTS syntax is quoted away: OR is a word that must appear too, not an operator
    assert set(shared_ledger.search_documents('"Kramatorsk" OR (')) <= set(hits)


def test_incident_and_document_filters_use_the_index(client: TestClient, shared_ledger: Ledger) -> None:
    found = client.get("/api/v1/incidents", params={"q": "kramat"}).json()
    assert found["total"] >= 1
    none = client.get("/api/v1/incidents", params={"q": "kramat zzzqqq"}).json()
    assert none["total"] == 0
    docs = client.get("/api/v1/documents", params={"q": "Kramatorsk"}).json()
    assert docs["total"] == len(shared_ledger.search_documents("Kramatorsk")) >= 1
    page = client.get("/documents", params={"q": "Kramatorsk"}).text
    assert 'id="doc-search"' in page and 'value="Kramatorsk"' in page


def test_index_follows_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Shelling in Vuhledar\n\nShelling hit Vuhledar on Monday.\n", encoding="utf-8"
    )
    with open_ledger(str(tmp_path / "l.db"), archive_dir=tmp_path / "archive") as ledger:
        assert ledger.search_documents("vuhledar") == []
        ingest(ledger, [str(folder)], extract=False)
        assert len(ledger.search_documents("vuhledar")) == 1
        assert len(ledger.search_documents("Vuhledár")) == 1  # diacritics are folded


def test_like_fallback_without_fts(shared_ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    fts = set(shared_ledger.search_documents("Kramatorsk"))
    fts_records = shared_ledger.search_reconciled("Kramatorsk")
    monkeypatch.setattr(wq, "has_fts", lambda conn: False)
    assert set(shared_ledger.search_documents("Kramatorsk")) == fts
    assert shared_ledger.search_reconciled("Kramatorsk") == fts_records


def test_documents_update_and_delete_keep_the_index(tmp_path: Path) -> None:
    from sqlalchemy import delete, update

    from warledger.store.schema import documents

    with open_ledger(str(tmp_path / "l.db"), archive_dir=tmp_path / "archive") as ledger:
        doc = Document.model_validate(
            {
                "id": "d1",
                "sha256": "0" * 64,
                "origin": "x.txt",
                "media_type": "text/plain",
                "retrieved_at": "2026-01-01T00:00:00+00:00",
                "text": "Strike on Izium",
            }
        )
        ledger.add_document(doc)
        assert ledger.search_documents("izium") == ["d1"]
        with ledger._engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == "d1").values(text="Strike on Lyman"))
        assert ledger.search_documents("izium") == [] and ledger.search_documents("lyman") == ["d1"]
        with ledger._engine.begin() as conn:
            conn.execute(delete(documents).where(documents.c.id == "d1"))
        assert ledger.search_documents("lyman") == []
    _ = create_app  # the app imports cleanly with the index


def test_upgrading_a_0003_ledger_indexes_its_documents_and_keeps_reviews(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from warledger.store.db import _alembic_config

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling in Vuhledar\n\nShelling hit Vuhledar.\n", encoding="utf-8")
    db = tmp_path / "old.db"
    with open_ledger(str(db), archive_dir=tmp_path / "archive") as ledger:
        ingest(ledger, [str(folder)], extract=False)
    engine = create_engine(f"sqlite:///{db}")
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")  # as a ledger written before text search and corrections
    with engine.connect() as conn:
        assert not wq.has_fts(conn)
    engine.dispose()
    with open_ledger(str(db), archive_dir=tmp_path / "archive") as ledger:  # migrates to head
        assert len(ledger.search_documents("vuhledar")) == 1
        doc_id = ledger.search_documents("vuhledar")[0]
        rev = ledger.add_review(
            doc_id=doc_id,
            start=0,
            end=8,
            text="Shelling",
            category="killed",
            status="corrected",
            analyst="ann",
            low=3,
        )
        assert (rev.low, rev.high) == (3, 3)
        assert ledger.all_reviews()[(doc_id, 0, 8)].low == 3
