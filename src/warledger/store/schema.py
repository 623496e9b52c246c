"""The ledger's tables as SQLAlchemy Core metadata (portable: SQLite and PostgreSQL).

This is the *current* schema that queries are written against.  The database itself is created
and upgraded only by the versioned Alembic scripts in ``migrations/versions``; a test checks that
the migrated schema and this metadata agree.  Change both together, in a new revision.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _place_columns() -> list[Column]:
    return [
        Column("place_text", Text),
        Column("place_name", Text),
        Column("country", String(2)),
        Column("admin1", Text),
        Column("admin2", Text),
        Column("lat", Float),
        Column("lon", Float),
        Column("geonameid", BigInteger),
        Column("geo_precision", Integer),
    ]


def _date_columns() -> list[Column]:
    return [
        Column("date_text", Text),
        Column("date_start", Date),
        Column("date_end", Date),
        Column("date_precision", String(16)),
    ]


def _evidence_columns() -> list[Column]:
    return [
        Column("ev_start", Integer, nullable=False),
        Column("ev_end", Integer, nullable=False),
        Column("ev_text", Text, nullable=False),
    ]


def _doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


ledger_meta = Table(
    "ledger_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

archive_files = Table(
    "archive_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(200), nullable=False),
    Column("origin", Text, nullable=False),
    Column("retrieved_at", String(40), nullable=False),
    Column("archived_at", String(40), nullable=False),
)

archive_sightings = Table(
    "archive_sightings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), ForeignKey("archive_files.sha256", ondelete="CASCADE"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("retrieved_at", String(40), nullable=False),
    UniqueConstraint("sha256", "origin", name="uq_archive_sightings_sha256_origin"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("media_type", String(200), nullable=False),
    Column("retrieved_at", String(40), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("language", String(16)),
    Column("is_english", Boolean, nullable=False),
    Column("text", Text, nullable=False),
    Column("doc_json", Text, nullable=False),  # the whole Document minus text, for an exact round trip
    Column("added_at", String(40), nullable=False),
)

extractions = Table(
    "extractions",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("result_json", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("extracted_at", String(40), nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String, _doc_fk(), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("name", Text),
    Column("role", Text),
    Column("organization", Text),
    Column("anonymous", Boolean, nullable=False),
    Column("fallback", Boolean, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("name", Text),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", BigInteger),
    Column("feature_code", String(16)),
    Column("geo_precision", Integer),
)

figures = Table(
    "figures",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("category", String(32), nullable=False, index=True),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("victims", Text),
    Column("cumulative", Boolean, nullable=False),
    *_place_columns(),
    *_date_columns(),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    *_evidence_columns(),
    Column("confidence", Float, nullable=False),
    Column("parent", Integer),
    Index("ix_figures_date_start", "date_start"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text),
    Column("actor2", Text),
    *_place_columns(),
    *_date_columns(),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    *_evidence_columns(),
    Index("ix_incidents_date_start", "date_start"),
)

incident_figures = Table(
    "incident_figures",
    metadata,
    Column("doc_id", String, primary_key=True),
    Column("incident_idx", Integer, primary_key=True, autoincrement=False),
    Column("figure_idx", Integer, primary_key=True, autoincrement=False),
    ForeignKeyConstraint(
        ["doc_id", "incident_idx"],
        ["incidents.doc_id", "incidents.idx"],
        ondelete="CASCADE",
        name="fk_incident_figures_incident",
    ),
)

claims = Table(
    "claims",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("speaker", Text, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("about", Text, nullable=False),
    *_evidence_columns(),
)

story_clusters = Table(
    "story_clusters",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("cluster_id", String, nullable=False, index=True),
    Column("similarity", Float, nullable=False),
    Column("assigned_at", String(40), nullable=False),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("doc_id", String, _doc_fk(), primary_key=True),
    Column("hashvalues", LargeBinary, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", Text, nullable=False, index=True),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)


# -- reconciled ledger (revision 0002): incidents across documents, analyst overrides, runs ------
def _reconciled_tables(md: MetaData) -> tuple[Table, Table, Table, Table]:
    """The reconcile tables; the 0002 migration builds a frozen copy of the same definition."""
    rec = Table(
        "reconciled",
        md,
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
    members = Table(
        "reconciled_members",
        md,
        Column("member", String, primary_key=True),
        Column("doc_id", String, nullable=False, index=True),
        Column(
            "incident_id",
            String,
            ForeignKey("reconciled.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    overrides = Table(
        "reconcile_overrides",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("kind", String(16), nullable=False),
        Column("members_a", Text, nullable=False),
        Column("members_b", Text, nullable=False),
        Column("analyst", Text, nullable=False),
        Column("reason", Text),
        Column("at", String(40), nullable=False),
    )
    runs = Table(
        "reconcile_runs",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", String(40), nullable=False),
        Column("input_digest", String(64), nullable=False),
        Column("report_json", Text, nullable=False),
    )
    return rec, members, overrides, runs


reconciled, reconciled_members, reconcile_overrides, reconcile_runs = _reconciled_tables(metadata)

# -- the web app (migrations 0003, 0005 and 0006) ---------------------------------------------------
web_users = Table(
    "web_users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("created_by", Text, nullable=False),
    Column("disabled_at", String(40)),  # set while an admin has disabled the user (migration 0006)
)

figure_reviews = Table(
    "figure_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String, nullable=False),
    Column("ev_start", Integer, nullable=False),
    Column("ev_end", Integer, nullable=False),
    Column("ev_text", Text, nullable=False),
    Column("category", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("note", Text),
    Column("analyst", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_figure_reviews_doc_span", "doc_id", "ev_start", "ev_end"),
    Column("low", Integer),  # status "corrected": the analyst's value (migration 0005)
    Column("high", Integer),
)

# Personal API tokens (migration 0006): only the SHA-256 of each token is stored.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "user_name", String(64), ForeignKey("web_users.name", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("label", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("hint", String(16), nullable=False),  # the token's first characters, to tell tokens apart
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Column("revoked_by", Text),
    Index("ix_api_tokens_token_hash", "token_hash", unique=True),
)

# Analysts' corrections of a figure's place (migration 0006), keyed like figure_reviews by the
# document and the figure's evidence span; append-only, the newest one wins.
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
