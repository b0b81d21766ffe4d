"""claims in date order with their article: a story's newest claims off the index alone

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 17:00:00

A story's newest claims are found by walking the claims' date index backwards and checking
each claim's article against the story (`briefings.queries.facts`); `ix_claims_date_start`
(date) left the article in the claim's row, read for every claim walked (6,000 rows, 16 ms,
for a page of a twentieth of 100,000 articles). `ix_claims_date_order` (date, id, article)
replaces it: the walk reads the index alone, and the newest claims of every story are read
in its order without a sort.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_claims_date_start", table_name="claims")
    op.create_index("ix_claims_date_order", "claims", ["date_start", "id", "article_id"])


def downgrade() -> None:
    op.drop_index("ix_claims_date_order", table_name="claims")
    op.create_index("ix_claims_date_start", "claims", ["date_start"])
