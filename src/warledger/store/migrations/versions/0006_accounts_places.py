"""Web app: disabling users, personal API tokens, analysts' corrections of a figure's place.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

Additive only: one nullable column on ``web_users`` and two new tables (a frozen copy of the
schema at this revision; later revisions must not edit it).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

# Only referenced by the foreign key below; it already exists (migration 0003).
web_users = Table("web_users", metadata, Column("name", String(64), primary_key=True))

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "user_name", String(64), ForeignKey("web_users.name", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("label", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("hint", String(16), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Column("revoked_by", Text),
    Index("ix_api_tokens_token_hash", "token_hash", unique=True),
)

place_reviews = Table(
    "place_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String, nullable=False),
    Column("ev_start", Integer, nullable=False),
    Column("ev_end", Integer, nullable=False),
    Column("ev_text", Text, nullable=False),
    Column("category", String(32), nullable=False),
    Column("place_name", Text, nullable=False),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", BigInteger),
    Column("feature_code", String(16)),
    Column("geo_precision", Integer, nullable=False),
    Column("note", Text),
    Column("analyst", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_place_reviews_doc_span", "doc_id", "ev_start", "ev_end"),
)


def upgrade() -> None:
    op.add_column("web_users", Column("disabled_at", String(40)))
    bind = op.get_bind()
    api_tokens.create(bind)
    place_reviews.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    place_reviews.drop(bind)
    api_tokens.drop(bind)
    with op.batch_alter_table("web_users") as batch:
        batch.drop_column("disabled_at")
