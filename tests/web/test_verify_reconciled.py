"""``warledger verify`` checks the stored reconciled records against the ``records_sha256`` the
last reconcile run recorded in the audit chain."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from warledger.reconcile import reconcile
from warledger.store import Ledger, open_ledger
from warledger.store.schema import reconciled
from warledger.web.loadcheck import build


def test_reconciled_records_verify_and_tampering_is_found(fresh_ledger: Ledger) -> None:
    reconcile(fresh_ledger)
    assert fresh_ledger.verify().ok
    first = fresh_ledger.reconciled_records()[0]
    with fresh_ledger._engine.begin() as conn:
        conn.execute(
            update(reconciled)
            .where(reconciled.c.id == first.id)
            .values(record_json=first.record_json.replace('"killed"', '"injured"', 1) + " ")
        )
    report = fresh_ledger.verify()
    assert not report.ok
    assert any(p.startswith("reconciled: the") and "last reconcile" in p for p in report.problems)
    reconcile(fresh_ledger)  # re-deriving repairs it, and is itself recorded
    assert fresh_ledger.verify().ok


def test_the_load_check_ledger_verifies_until_tampered(tmp_path: Path) -> None:
    ledger = build(tmp_path, 30)
    try:
        assert ledger.verify().ok  # the load check stores its records in reconcile's order
    finally:
        ledger.close()
    with open_ledger(str(tmp_path / "load.db"), archive_dir=tmp_path / "archive") as again:
        with again._engine.begin() as conn:
            conn.execute(update(reconciled).values(record_json=reconciled.c.record_json + " "))
        assert any("reconciled:" in p for p in again.verify().problems)
