"""story counts: each story's articles by date, its outlets' and actors' counts kept by
triggers

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 16:00:00

A command scoped to a story counted the story's outlets, articles and facts, and found its
newest articles, by joining every article of the story (at 100,000 articles across 20
stories, ~80 ms of a scoped /brief). `story_articles` gains the article's publication date,
indexed (story, published, article); `story_outlets`, `story_actor_outlets` and
`story_actor_pairs` hold per story what `outlet_stats`, `actor_outlets` and `actor_pairs`
hold for every story (a scoped /actor counted its coverage and companions over the story's
articles: ~25 ms). Triggers on `story_articles` keep them whatever adds or removes a story's
article (`briefings.store.story_summaries`). All are filled from the membership rows
already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefings.store import story_summaries

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("story_articles", sa.Column("published", sa.Date(), nullable=True))
    op.create_index(
        "ix_story_articles_published",
        "story_articles",
        ["story_id", "published", "article_id"],
        unique=False,
    )
    op.create_table(
        "story_outlets",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("latest_published", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", "outlet"),
    )
    op.create_table(
        "story_actor_outlets",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("story_id", "actor_id", "outlet"),
    )
    op.create_table(
        "story_actor_pairs",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.ForeignKeyConstraint(["other_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("story_id", "actor_id", "other_id"),
    )
    connection = op.get_bind()
    story_summaries.rebuild(connection)
    story_summaries.create_triggers(connection)


def downgrade() -> None:
    story_summaries.drop_triggers(op.get_bind())
    op.drop_table("story_actor_pairs")
    op.drop_table("story_actor_outlets")
    op.drop_table("story_outlets")
    op.drop_index("ix_story_articles_published", table_name="story_articles")
    with op.batch_alter_table("story_articles") as batch:
        batch.drop_column("published")
