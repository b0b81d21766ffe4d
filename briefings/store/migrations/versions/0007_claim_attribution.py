"""claim attribution: the cue, the speaker's role, who an official speaks for, the card line

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00

Claims gain how they were attributed: the cue as written ("said", "according to") with its
offsets in the article text, the role the speaker was named with ("Kremlin spokesman"), the
state or body an official speaks for (an actor: Dmitry Peskov → Russia), indexed with the
date so that `/actor Russia` lists the Kremlin's statements among Russia's, and the claim
as a card line reads it. Rows stored before keep NULLs (the card falls back to the stance).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("cue", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("cue_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cue_end", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("speaker_role", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("speaks_for_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("line", sa.Text(), nullable=True))
        batch.create_foreign_key(
            "fk_claims_speaks_for_id_actors", "actors", ["speaks_for_id"], ["id"]
        )
    op.create_index("ix_claims_speaks_for_date", "claims", ["speaks_for_id", "date_start", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_speaks_for_date", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint("fk_claims_speaks_for_id_actors", type_="foreignkey")
        batch.drop_column("line")
        batch.drop_column("speaks_for_id")
        batch.drop_column("speaker_role")
        batch.drop_column("cue_end")
        batch.drop_column("cue_start")
        batch.drop_column("cue")
