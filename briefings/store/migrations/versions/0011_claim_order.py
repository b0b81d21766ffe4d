"""claims in order: the claim's date on claim_subjects, and a full-text index of claims

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 04:00:00

`claim_subjects` gains the date of its claim, indexed (actor, date, claim), so that what
others said about an actor is read as one index range in date order and stops after a page,
instead of gathering and sorting every claim naming the actor. Claims get a full-text index
of their own, over their sentence's text and in claim order (see briefings.store.fulltext),
so that a topic's newest claims are read off it a page at a time. Both are filled from the
rows already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefings.store import fulltext

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claim_subjects", sa.Column("date_start", sa.Date(), nullable=True))
    op.execute(
        "UPDATE claim_subjects SET date_start = "
        "(SELECT claims.date_start FROM claims WHERE claims.id = claim_subjects.claim_id)"
    )
    op.create_index(
        "ix_claim_subjects_order",
        "claim_subjects",
        ["actor_id", "date_start", "claim_id"],
        unique=False,
    )
    fulltext.create_claims_index(op.get_bind())


def downgrade() -> None:
    fulltext.drop_claims_index(op.get_bind())
    op.drop_index("ix_claim_subjects_order", table_name="claim_subjects")
    with op.batch_alter_table("claim_subjects") as batch:
        batch.drop_column("date_start")
