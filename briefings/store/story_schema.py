"""Story tables (migration 0009): stories, the articles that belong to each, and the
channels that follow one.

A story's match rule is stored with it (actors, words, thresholds) so that a channel manager
can change it in chat and the stored articles be re-matched; membership is a row per (story,
article) with how the article joined, so that re-matching by rule never drops an article a
feed or an explicit ingest put there.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.schema import Base


class StoryRow(Base):
    """One story: its slug, title, description and match rule."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[list[str]] = mapped_column(JSON, default=list)  # canonical actor names
    words: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_mentions: Mapped[int] = mapped_column(Integer)  # in the whole article
    min_lead_mentions: Mapped[int] = mapped_column(Integer)  # in the headline and lead
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StoryArticleRow(Base):
    """An article in a story, and how it joined: `rule`, `feed` or `ingest`."""

    __tablename__ = "story_articles"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    how: Mapped[str] = mapped_column(String(10))
    # the article's publication date, copied by a trigger as it joins (revision 0013,
    # `briefings.store.story_summaries`): a story's newest articles are one index range
    published: Mapped[date | None] = mapped_column(Date)


class ChannelStoryRow(Base):
    """The story a channel follows (an unbound channel has no row and sees every story)."""

    __tablename__ = "channel_stories"

    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    channel: Mapped[str] = mapped_column(String(100), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    bound_by: Mapped[str | None] = mapped_column(String(100))


class StoryOutletRow(Base):
    """Per story and outlet (NO_OUTLET for none): its articles in the story, their facts and
    the newest publication date among them — `outlet_stats` for one story, kept by triggers
    on `story_articles` (revision 0013, `briefings.store.story_summaries`)."""

    __tablename__ = "story_outlets"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    figures: Mapped[int] = mapped_column(Integer, default=0)
    latest_published: Mapped[date | None] = mapped_column(Date)


class StoryActorOutletRow(Base):
    """Per story, actor and outlet: the story's articles of that outlet mentioning the actor
    — `actor_outlets` for one story (revision 0013, `briefings.store.story_summaries`)."""

    __tablename__ = "story_actor_outlets"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)


class StoryActorPairRow(Base):
    """Per story and ordered pair of actors: the events of the story's articles they share
    — `actor_pairs` for one story (revision 0013, `briefings.store.story_summaries`)."""

    __tablename__ = "story_actor_pairs"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    events: Mapped[int] = mapped_column(Integer, default=0)


# An article's stories (joining at ingest, the digest's filter).
Index("ix_story_articles_article", StoryArticleRow.article_id, StoryArticleRow.story_id)
# A story's articles newest first, its newest date, its articles since a day (revision 0013).
Index(
    "ix_story_articles_published",
    StoryArticleRow.story_id,
    StoryArticleRow.published,
    StoryArticleRow.article_id,
)
