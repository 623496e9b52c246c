"""Web app: an analyst's corrected value of a figure (reviews with status ``corrected``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Additive only: two nullable columns on ``figure_reviews``.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, Integer

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("figure_reviews", Column("low", Integer))
    op.add_column("figure_reviews", Column("high", Integer))


def downgrade() -> None:
    with op.batch_alter_table("figure_reviews") as batch:
        batch.drop_column("high")
        batch.drop_column("low")
