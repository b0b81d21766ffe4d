"""timeline entries merged when events are stored, and their lookup tables

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefings.extract.events import default_vocabulary
from briefings.store.entries import rebuild_entries

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date_edtf", sa.String(length=40), nullable=False),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("date_inferred", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_event_id", sa.Integer(), nullable=False),
        sa.Column("text_caption", sa.Boolean(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entries_order", "timeline_entries", ["date_start", "date_end", "id"])
    op.create_index(
        "ix_entries_kind_order", "timeline_entries", ["kind", "date_start", "date_end", "id"]
    )
    op.create_table(
        "entry_actors",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("best_event", sa.Integer(), nullable=False),
        sa.Column("best_rank", sa.Integer(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.ForeignKeyConstraint(["entry_id"], ["timeline_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", "actor_id"),
    )
    op.create_index(
        "ix_entry_actors_order",
        "entry_actors",
        ["actor_id", "date_start", "date_end", "entry_id"],
    )
    op.create_table(
        "entry_sources",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("cited", sa.Integer(), nullable=False),
        sa.Column("sole", sa.Boolean(), nullable=False),
        sa.Column("first_event", sa.Integer(), nullable=False),
        sa.Column("best_event", sa.Integer(), nullable=False),
        sa.Column("best_rank", sa.Integer(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["timeline_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", "name"),
    )
    op.create_index(
        "ix_entry_sources_order", "entry_sources", ["name", "date_start", "date_end", "entry_id"]
    )
    op.create_index(
        "ix_entry_sources_sole_order",
        "entry_sources",
        ["name", "sole", "date_start", "date_end", "entry_id"],
    )
    op.create_table(
        "entry_keys",
        sa.Column("date_edtf", sa.String(length=40), nullable=False),
        sa.Column("family", sa.String(length=41), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["timeline_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("date_edtf", "family", "actor_id", "entry_id"),
    )
    op.create_index("ix_entry_keys_entry_id", "entry_keys", ["entry_id"])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entry_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_events_entry_id_timeline_entries", "timeline_entries", ["entry_id"], ["id"]
        )
        batch_op.create_index("ix_events_entry_kind", ["entry_id", "kind", "id"])
    # Existing databases: every stored article's events filed into entries, oldest first.
    rebuild_entries(op.get_bind(), default_vocabulary().family)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_entry_kind")
        batch_op.drop_constraint("fk_events_entry_id_timeline_entries", type_="foreignkey")
        batch_op.drop_column("entry_id")
    op.drop_table("entry_keys")
    op.drop_table("entry_sources")
    op.drop_table("entry_actors")
    op.drop_table("timeline_entries")
