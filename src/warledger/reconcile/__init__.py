"""Reconcile incidents across reports: one incident per event, every figure kept as a claim.

    from warledger.reconcile import reconcile, load_records
    report = reconcile(ledger)             # ReconcileReport; stored, audited, stable ids
    for rec in load_records(ledger):       # ReconciledRecord (incidents and aggregate tolls)
        print(rec.id, rec.estimate("killed"))

Analysts override with :func:`merge` / :func:`split` (audited, replayed on every run).  See
``cluster`` (grouping and ids), ``casualties`` (low/best/high rules, revisions, disputes) and
``aggregates`` (cumulative tolls).
"""

from __future__ import annotations

from warledger.reconcile.service import (
    ensure_reconciled,
    get_record,
    load_records,
    merge,
    reconcile,
    resolve,
    split,
)
from warledger.reconcile.types import (
    Dispute,
    Estimate,
    FigureClaim,
    Interval,
    MergeEvidence,
    ReconciledRecord,
    ReconcileReport,
)
from warledger.store.reconciled import RecordFilter

__all__ = [
    "Dispute",
    "Estimate",
    "FigureClaim",
    "Interval",
    "MergeEvidence",
    "ReconcileReport",
    "ReconciledRecord",
    "RecordFilter",
    "ensure_reconciled",
    "get_record",
    "load_records",
    "merge",
    "reconcile",
    "resolve",
    "split",
]
