"""Paging in SQL gives what filtering every record in Python gave: same total, same order, same
page, for every filter — on the examples' ledger (SQLite), and on synthetic records on SQLite and,
when WARLEDGER_TEST_POSTGRES names a disposable database, on PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from warledger.export.common import refine
from warledger.reconcile import ReconciledRecord, RecordFilter
from warledger.reconcile.service import to_stored
from warledger.reconcile.types import Dispute
from warledger.store import FigureFilter, Ledger, open_ledger
from warledger.web.listing import bounding_box, listing_plan
from warledger.web.loadcheck import synthetic
from warledger.web.service import IncidentQuery, WebService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from ledger_samples import fill

PG_URL = os.environ.get("WARLEDGER_TEST_POSTGRES")


def reference(ledger: Ledger, q: IncidentQuery, kind: str | None = "incident") -> list[str]:
    """The old way: every stored record of the column filters parsed, then refine() in Python."""
    flt = RecordFilter(kind=kind, since=q.since, until=q.until, place=q.place, type=q.type)
    records = [ReconciledRecord.model_validate_json(s.record_json) for s in ledger.reconciled_records(flt)]
    return [r.id for r in refine(ledger, records, q.record_query())]


def check(svc: WebService, q: IncidentQuery, *, limit: int = 7, offset: int = 3) -> int:
    want = reference(svc.ledger, q)
    total, page = svc.incident_page(q, limit, offset)
    assert total == len(want), q
    assert [r.id for r in page] == want[offset : offset + limit], q
    assert [r.id for r in svc.incidents(q)] == want, q
    return total


def synthetic_ledger(ledger: Ledger, n: int = 240) -> Ledger:
    fill(ledger)  # documents "a" (Kharkiv) and "b" (Odesa) with origins /reports/a.txt, /reports/b.txt
    records = []
    for i, rec in enumerate(synthetic(n)):
        doc = "a" if i % 3 == 0 else "b"
        update: dict[str, object] = {
            "members": [f"{doc}#{i}"],
            "documents": [doc],
            "actor1": ("Military Forces of Russia", "Ukrainian Armed Forces", None, "Wagner Group")[i % 4],
            "actor2": "Civilians (Ukraine)" if i % 5 == 0 else None,
        }
        if i % 7 == 0:
            update["disputes"] = [Dispute(kind="denial", summary="denied")]
        if i % 11 == 0:
            update["occurred"] = rec.occurred.model_copy(update={"start": None, "end": None})
            update["reported"] = rec.reported.model_copy(update={"start": None, "end": None})
        if i % 13 == 0:
            update["place"] = None
        records.append(rec.model_copy(update=update))
    records.sort(key=lambda r: r.id)
    ledger.save_reconciled([to_stored(r) for r in records], digest="test", report={"incidents": n})
    return ledger


QUERIES = [
    IncidentQuery(),
    IncidentQuery(since=date(2022, 6, 1), until=date(2022, 6, 30)),
    IncidentQuery(type="shelling"),
    IncidentQuery(place="town 1"),
    IncidentQuery(disputed=True),
    IncidentQuery(disputed=False, type="battles"),
    IncidentQuery(actor="russia"),
    IncidentQuery(actor="CIVILIANS"),
    IncidentQuery(actor="  wagner "),
    IncidentQuery(admin1="oblast 3"),
    IncidentQuery(admin1="OBLAST 3", since=date(2022, 3, 1)),
    IncidentQuery(admin2="nowhere"),
    IncidentQuery(source="reports/a"),
    IncidentQuery(source="REPORTS/B.TXT"),
    IncidentQuery(near=(48.0, 30.0), km=150),
    IncidentQuery(near=(48.0, 30.0)),
    IncidentQuery(near=(48.0, 30.0), km=0),
    IncidentQuery(actor="Україн"),  # non-ASCII: checked in Python
    IncidentQuery(review="unreviewed"),
    IncidentQuery(review="reviewed", disputed=True),
]


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(str(tmp_path / "l.db"), archive_dir=tmp_path / "archive") as ledger:
        yield synthetic_ledger(ledger)


@pytest.fixture
def pg_ledger(tmp_path: Path) -> Iterator[Ledger]:
    if not PG_URL:
        pytest.skip("set WARLEDGER_TEST_POSTGRES to a disposable PostgreSQL URL")
    from warledger.store.db import make_engine, resolve_url
    from warledger.store.schema import metadata

    engine = make_engine(resolve_url(PG_URL))
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    with open_ledger(PG_URL, archive_dir=tmp_path / "archive") as ledger:
        yield synthetic_ledger(ledger)


@pytest.mark.parametrize("which", ["sqlite_ledger", "pg_ledger"])
def test_sql_pages_match_python_filtering(which: str, request: pytest.FixtureRequest) -> None:
    ledger: Ledger = request.getfixturevalue(which)
    svc = WebService(ledger, auto_reconcile=False)
    totals = [check(svc, q) for q in QUERIES]
    assert totals[0] == 240 and 0 < totals[1] < 240 and 0 < totals[6] < 240
    assert totals[12] > 0 and totals[13] > 0 and totals[14] > 0
    for offset in (0, 100, 235, 240, 500):
        check(svc, IncidentQuery(), limit=50, offset=offset)


@pytest.mark.parametrize("which", ["sqlite_ledger", "pg_ledger"])
def test_figures_page_is_a_slice_of_the_full_listing(which: str, request: pytest.FixtureRequest) -> None:
    ledger: Ledger = request.getfixturevalue(which)
    for flt in (FigureFilter(), FigureFilter(category="killed"), FigureFilter(place="kharkiv")):
        rows = ledger.figures(flt)
        for offset in (0, 1, len(rows)):
            total, page = ledger.figures_page(flt, 2, offset)
            assert total == len(rows) and page == rows[offset : offset + 2]


def test_what_goes_to_sql(sqlite_ledger: Ledger) -> None:
    sql, rest = listing_plan(sqlite_ledger, IncidentQuery(actor="russia", admin1="x", source="y"), "incident")
    assert rest is None and sql.actor == "russia" and sql.admin1 == "x" and sql.source == "y"
    sql, rest = listing_plan(sqlite_ledger, IncidentQuery(actor="Київ", near=(50.0, 30.0)), "incident")
    assert rest is not None and rest.actor == "Київ" and rest.near == (50.0, 30.0) and sql.box is not None
    assert listing_plan(sqlite_ledger, IncidentQuery(review="reviewed"), None)[1] is not None


def test_bounding_box_holds_the_circle() -> None:
    from warledger.export.common import distance_km

    for lat, lon, km in ((48.0, 30.0, 100.0), (-33.9, 179.5, 300.0), (89.5, 0.0, 100.0), (0.0, -179.9, 50.0)):
        box = bounding_box(lat, lon, km)
        assert box is not None
        south, north, west, east = box
        for dlat in (-3.0, -1.0, 0.0, 1.0, 3.0):
            for dlon in (-6.0, -2.0, -0.5, 0.0, 0.5, 2.0, 6.0):
                p = (max(-90.0, min(90.0, lat + dlat)), ((lon + dlon + 180) % 360) - 180)
                if distance_km((lat, lon), p) <= km:
                    assert south <= p[0] <= north
                    assert (west <= p[1] <= east) if west <= east else (p[1] >= west or p[1] <= east)


def test_the_examples_ledger(shared_ledger: Ledger) -> None:
    svc = WebService(shared_ledger, auto_reconcile=False)
    for q in (
        IncidentQuery(),
        IncidentQuery(q="kramatorsk"),
        IncidentQuery(q="zzqqxx"),  # no hit: an empty id set
        IncidentQuery(source="html"),
        IncidentQuery(review="unreviewed"),
        IncidentQuery(actor="forces"),
        IncidentQuery(disputed=True),
        IncidentQuery(since=date(2022, 4, 6), until=date(2022, 4, 7)),
    ):
        check(svc, q, limit=3, offset=1)
    assert svc.event_types() == sorted({r.event_type for r in svc.incidents(IncidentQuery())})


def test_document_pages_in_sql(shared_ledger: Ledger) -> None:
    svc = WebService(shared_ledger, auto_reconcile=False)
    rows = shared_ledger.document_rows()
    for offset in (0, 2, len(rows) - 1, len(rows) + 5):
        assert svc.document_rows(3, offset) == (len(rows), rows[offset : offset + 3])
    hits = shared_ledger.search_documents("killed")
    assert hits and svc.document_rows(2, 1, q="killed") == (
        len(hits),
        shared_ledger.document_rows_by_ids(hits[1:3]),
    )
    assert [r.doc_id for r in shared_ledger.document_rows_by_ids(hits[1:3])] == hits[1:3]
    some = [r.doc_id for r in rows[:4]]
    assert shared_ledger.document_rows_by_ids(list(reversed(some)), ingest_order=True) == rows[:4]
