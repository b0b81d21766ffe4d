"""figure details: how the source is written, revisions, matters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00

Figures gain what the matter rule (briefings.figure_groups) reads: the source as written,
whether the figure is a part of a larger count, the figure of the same article it revises,
the places its sentence and its article name, and the date it stands at (`as_of`, filled
here for stored rows: the end of its date, else its article's publication date), indexed
with the unit for reading figures in that order. Rows stored before keep NULL places and no
revision, which the rule reads as unknown.
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
        batch.add_column(sa.Column("as_of", sa.Date(), nullable=True))
    op.execute(
        "UPDATE figures SET as_of = COALESCE(date_end, "
        "(SELECT published FROM articles WHERE articles.id = figures.article_id))"
    )
    op.create_index("ix_figures_unit_as_of", "figures", ["unit", "as_of", "id"])


def downgrade() -> None:
    op.drop_index("ix_figures_unit_as_of", table_name="figures")
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("as_of")
        batch.drop_column("setting")
        batch.drop_column("places")
        batch.drop_column("revises_id")
        batch.drop_column("part")
        batch.drop_column("source_text")
