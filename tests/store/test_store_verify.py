"""verify(): the hash-chained audit log and the archive detect tampering."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.store import Ledger, open_ledger


def _db(ledger: Ledger) -> Path:
    return Path(ledger.url.removeprefix("sqlite:///"))


def _sql(ledger: Ledger, statement: str, *params: object) -> None:
    with sqlite3.connect(_db(ledger)) as conn:
        conn.execute(statement, params)


def test_clean_ledger_verifies(filled: Ledger) -> None:
    report = filled.verify()
    assert report.ok, report.problems
    assert report.problems == []
    assert report.archive_files == 3
    assert report.audit_rows == len(filled.audit_entries()) == 8  # 3 archive + 3 ingest + 2 extract


def test_flipped_byte_in_archived_file(filled: Ledger) -> None:
    doc = filled.get_document("a")
    assert doc is not None
    path = filled.archive_path(doc.sha256)
    data = bytearray(path.read_bytes())
    data[5] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    report = filled.verify()
    assert not report.ok
    assert report.problems == [
        f"archive: {path} is corrupted: its content hashes to "
        f"{__import__('hashlib').sha256(bytes(data)).hexdigest()}, not to its name"
    ]


def test_missing_archived_file(filled: Ledger) -> None:
    doc = filled.get_document("b")
    assert doc is not None
    filled.archive_path(doc.sha256).unlink()
    [problem] = filled.verify().problems
    assert problem.startswith("archive: file missing:")


def test_edited_audit_payload(filled: Ledger) -> None:
    _sql(filled, "UPDATE audit_log SET payload = replace(payload, '\"chars\":', '\"chars\":1') WHERE id = 4")
    report = filled.verify()
    assert not report.ok
    assert report.problems[0] == "audit log: row 4 was altered (its hash does not match its content)"


def test_recomputed_hash_breaks_the_link(filled: Ledger) -> None:
    # Even a forger who recomputes the row's own hash breaks the next row's link.
    from warledger.store.audit import row_hash

    [e] = [x for x in filled.audit_entries() if x.id == 3]
    payload = e.payload.replace("text/plain", "text/html")
    new = row_hash(
        e.prev_hash, id=e.id, at=e.at, actor=e.actor, action=e.action, subject=e.subject, payload=payload
    )
    _sql(filled, "UPDATE audit_log SET payload = ?, hash = ? WHERE id = 3", payload, new)
    assert filled.verify().problems[0].startswith("audit log: row 4 does not link to row 3")


def test_deleted_audit_row(filled: Ledger) -> None:
    _sql(filled, "DELETE FROM audit_log WHERE id = 2")
    problems = filled.verify().problems
    assert problems[0].startswith("audit log: row 3 follows row 1")


def test_deleted_last_audit_row(filled: Ledger) -> None:
    last = filled.audit_entries()[-1].id
    _sql(filled, "DELETE FROM audit_log WHERE id = ?", last)
    problems = filled.verify().problems
    assert any("rows at the end were deleted" in p for p in problems)


def test_inserted_audit_row(filled: Ledger) -> None:
    e = filled.audit_entries()[-1]
    _sql(
        filled,
        "INSERT INTO audit_log VALUES (?, ?, 'mallory', 'ingest', 'x', '{}', ?, ?)",
        e.id + 1,
        e.at,
        e.hash,
        "0" * 64,
    )
    assert filled.verify().problems[0].startswith(f"audit log: row {e.id + 1} was altered")


def test_edited_document_text_and_extraction(filled: Ledger) -> None:
    _sql(filled, "UPDATE documents SET text = replace(text, '12', '21') WHERE id = 'a'")
    _sql(
        filled,
        "UPDATE extractions SET result_json = replace(result_json, '\"low\":3', '\"low\":30')"
        " WHERE doc_id = 'b'",
    )
    problems = filled.verify().problems
    assert "document 'a': its text differs from the text recorded at ingest" in problems
    assert "extraction of 'b': differs from the one recorded in the audit log" in problems


def test_unrecorded_files_are_listed_but_not_fatal(filled: Ledger) -> None:
    stray = filled.archive_root / "sha256" / "00" / "00" / ("00" * 32)
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left by an interrupted run")
    report = filled.verify()
    assert report.ok and report.unrecorded == [str(stray)]


def test_custom_audit_entries_join_the_chain(ledger: Ledger) -> None:
    ledger.audit("note", "run-1", {"files": 3, "why": "manual check"}, actor="alice")
    [e] = ledger.audit_entries("run-1")
    assert (e.actor, e.action, e.payload) == ("alice", "note", '{"files":3,"why":"manual check"}')
    assert ledger.verify().ok


@pytest.mark.slow
def test_concurrent_writers_do_not_fork_the_chain(tmp_path: Path) -> None:
    db = tmp_path / "c.db"  # not created yet: the writers also race to create and migrate it
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            with open_ledger(db) as led:
                for i in range(15):
                    led.archive_bytes(f"{n}-{i}".encode(), origin=f"w{n}", media_type="text/plain")
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_ledger(db) as led:
        report = led.verify()
        assert report.ok, report.problems
        assert report.audit_rows == 60 and report.archive_files == 60


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
        max_size=4,
    ),
    subject=st.text(max_size=20),
)
def test_any_payload_chains_and_any_edit_is_caught(
    ledger: Ledger, payload: dict[str, object], subject: str
) -> None:
    ledger.audit("note", subject, payload)
    assert ledger.verify().ok
    last = ledger.audit_entries()[-1]
    assert json.loads(last.payload) == payload
    _sql(ledger, "UPDATE audit_log SET subject = subject || 'x' WHERE id = ?", last.id)
    assert (
        ledger.verify().problems[0]
        == f"audit log: row {last.id} was altered (its hash does not match its content)"
    )
    _sql(ledger, "UPDATE audit_log SET subject = ? WHERE id = ?", last.subject, last.id)
    assert ledger.verify().ok
