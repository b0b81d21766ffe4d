"""full-text search over sentences, summary tables, and index-backed listings

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:00:00

Creates the full-text structures (SQLite FTS5 table and triggers, PostgreSQL GIN index; see
briefings.store.fulltext) and the summary tables (see briefings.store.summaries), and fills
both from the rows already stored, in SQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefings.store import fulltext, summaries

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outlet_stats",
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("latest_published", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("outlet"),
    )
    op.create_table(
        "actor_outlets",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("actor_id", "outlet"),
    )
    op.create_table(
        "actor_pairs",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.ForeignKeyConstraint(["other_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("actor_id", "other_id"),
    )
    op.create_table(
        "actor_stats",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("actor_id"),
    )
    op.create_index("ix_actor_stats_mentions", "actor_stats", ["mentions"], unique=False)
    op.create_table(
        "unit_stats",
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit"),
    )
    for column in ("outlet", "agency"):
        op.create_index(
            f"ix_articles_{column}_published",
            "articles",
            [column, sa.text("published DESC"), "id"],
            unique=False,
        )
    op.create_index(
        "ix_claims_speaker_date", "claims", ["speaker_id", "date_start", "id"], unique=False
    )
    op.create_index("ix_figures_unit_date", "figures", ["unit", "date_start", "id"], unique=False)
    for table in ("claims", "figures"):
        op.create_index(f"ix_{table}_sentence", table, ["article_id", "sentence_idx"], unique=False)
    connection = op.get_bind()
    summaries.rebuild(connection)
    fulltext.create_index(connection)


def downgrade() -> None:
    fulltext.drop_index(op.get_bind())
    op.drop_index("ix_figures_sentence", table_name="figures")
    op.drop_index("ix_claims_sentence", table_name="claims")
    op.drop_index("ix_figures_unit_date", table_name="figures")
    op.drop_index("ix_claims_speaker_date", table_name="claims")
    op.drop_index("ix_articles_agency_published", table_name="articles")
    op.drop_index("ix_articles_outlet_published", table_name="articles")
    op.drop_table("unit_stats")
    op.drop_index("ix_actor_stats_mentions", table_name="actor_stats")
    op.drop_table("actor_stats")
    op.drop_table("actor_pairs")
    op.drop_table("actor_outlets")
    op.drop_table("outlet_stats")
