"""stories: stories and their match rules, the articles in each, the channels following one

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 22:00:00

Existing articles stay where they were: an unbound channel sees every article, as before.
They join stories by the stories' rules when a story is created or its rule changes
(`briefings.stories.matching`); this migration creates no story itself (seeding does).
Feeds gain the story their new articles join (`story_id`, none for feeds added before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("min_mentions", sa.Integer(), nullable=False),
        sa.Column("min_lead_mentions", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("how", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", "article_id"),
    )
    op.create_index(
        "ix_story_articles_article", "story_articles", ["article_id", "story_id"], unique=False
    )
    op.create_table(
        "channel_stories",
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("bound_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("platform", "channel"),
    )
    op.create_index(
        op.f("ix_channel_stories_story_id"), "channel_stories", ["story_id"], unique=False
    )
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("story_id")
    op.drop_index(op.f("ix_channel_stories_story_id"), table_name="channel_stories")
    op.drop_table("channel_stories")
    op.drop_index("ix_story_articles_article", table_name="story_articles")
    op.drop_table("story_articles")
    op.drop_table("stories")
