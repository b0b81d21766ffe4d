"""claims in order and story reads: claim dates on claim_subjects, a claims full-text
index, the event's article on event_actors

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 04:00:00

`claim_subjects` gains the date and article of its claim, indexed (actor, date, claim,
article), so that what others said about an actor is read as one index range in date order,
kept to a story without reading `claims`, and stops after a page, instead of gathering and
sorting every claim naming the actor. Claims get a full-text index
of their own, over their sentence's text and in claim order (see briefings.store.fulltext),
so that a topic's newest claims are read off it a page at a time. `event_actors` gains its
event's article, indexed (actor, article), so that the actors an actor appears with in a
story are read from the story's articles rather than by joining every event. The indexes
that walk a speaker's claims, and those made for a body, in date order end with the claim's
article, so that a story's are kept without reading `claims`. All are filled from the rows
already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefings.store import fulltext

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# A speaker's claims and those made for a body, by date: the article joins their indexes.
_CLAIM_WALKS = ("speaker", "speaks_for")


def upgrade() -> None:
    op.add_column("claim_subjects", sa.Column("date_start", sa.Date(), nullable=True))
    op.add_column("claim_subjects", sa.Column("article_id", sa.String(length=32), nullable=True))
    for column in ("date_start", "article_id"):
        op.execute(
            f"UPDATE claim_subjects SET {column} = "
            f"(SELECT claims.{column} FROM claims WHERE claims.id = claim_subjects.claim_id)"
        )
    op.create_index(
        "ix_claim_subjects_order",
        "claim_subjects",
        ["actor_id", "date_start", "claim_id", "article_id"],
        unique=False,
    )
    fulltext.create_claims_index(op.get_bind())
    for column in _CLAIM_WALKS:
        op.drop_index(f"ix_claims_{column}_date", table_name="claims")
        op.create_index(
            f"ix_claims_{column}_date", "claims", [f"{column}_id", "date_start", "id", "article_id"]
        )
    op.add_column("event_actors", sa.Column("article_id", sa.String(length=32), nullable=True))
    op.execute(
        "UPDATE event_actors SET article_id = "
        "(SELECT events.article_id FROM events WHERE events.id = event_actors.event_id)"
    )
    op.create_index(
        "ix_event_actors_article",
        "event_actors",
        ["actor_id", "article_id", "event_id"],
        unique=False,
    )


def downgrade() -> None:
    for column in _CLAIM_WALKS:
        op.drop_index(f"ix_claims_{column}_date", table_name="claims")
        op.create_index(f"ix_claims_{column}_date", "claims", [f"{column}_id", "date_start", "id"])
    op.drop_index("ix_event_actors_article", table_name="event_actors")
    with op.batch_alter_table("event_actors") as batch:
        batch.drop_column("article_id")
    fulltext.drop_claims_index(op.get_bind())
    op.drop_index("ix_claim_subjects_order", table_name="claim_subjects")
    with op.batch_alter_table("claim_subjects") as batch:
        batch.drop_column("article_id")
        batch.drop_column("date_start")
