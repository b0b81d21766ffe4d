"""figure details: how the source is written, revisions, matters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

Figures gain what the matter rule (briefings.figure_groups) reads: the source as written,
whether the figure is a part of a larger count, the figure of the same article it revises,
and the places its sentence and its article name. Rows stored before keep NULLs (no places,
no revision), which the rule reads as "unknown", so old figures still group as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("source_text", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("part", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("revises_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("places", sa.String(length=400), nullable=True))
        batch.add_column(sa.Column("setting", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("setting")
        batch.drop_column("places")
        batch.drop_column("revises_id")
        batch.drop_column("part")
        batch.drop_column("source_text")
