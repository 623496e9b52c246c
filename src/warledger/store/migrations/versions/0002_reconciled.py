"""Reconciled ledger: incidents across documents, their members, analyst overrides, reconcile runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

The tables are a frozen copy of the schema at this revision (later revisions must not edit it).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

reconciled = Table(
    "reconciled",
    metadata,
    Column("id", String, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("disputed", Boolean, nullable=False),
    Column("killed_best", Integer),
    Column("record_json", Text, nullable=False),
    Index("ix_reconciled_date_start", "date_start"),
)

reconciled_members = Table(
    "reconciled_members",
    metadata,
    Column("member", String, primary_key=True),
    Column("doc_id", String, nullable=False, index=True),
    Column(
        "incident_id", String, ForeignKey("reconciled.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)

reconcile_overrides = Table(
    "reconcile_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("members_a", Text, nullable=False),
    Column("members_b", Text, nullable=False),
    Column("analyst", Text, nullable=False),
    Column("reason", Text),
    Column("at", String(40), nullable=False),
)

reconcile_runs = Table(
    "reconcile_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("input_digest", String(64), nullable=False),
    Column("report_json", Text, nullable=False),
)


def upgrade() -> None:
    metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    metadata.drop_all(bind=op.get_bind())
