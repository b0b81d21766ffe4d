"""Feed tables: the RSS/Atom feeds followed and the items already handled (migration 0004).

Declared on the core's `Base` so that one metadata describes the whole schema. A feed row
carries its own schedule (`next_poll_at`, `failures` for back-off) and the validators of its
last good response (`etag`, `last_modified`) for conditional GET. An item row remembers every
entry already handled, stored or not, so that a poll never fetches the same page twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.schema import Base


class FeedRow(Base):
    """One followed feed, its metadata, its HTTP validators and its polling state."""

    __tablename__ = "feeds"
    __table_args__ = (Index("ix_feeds_next_poll_at", "next_poll_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str | None] = mapped_column(String(300))
    outlet: Mapped[str | None] = mapped_column(String(200))
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed polls
    last_error: Mapped[str | None] = mapped_column(String(300))
    articles: Mapped[int] = mapped_column(Integer, default=0)  # stored through this feed
    # Migration 0009: the story its new articles join (none: they join stories by rule only).
    story_id: Mapped[int | None] = mapped_column(Integer)


class FeedItemRow(Base):
    """An entry of a feed already handled: stored, a duplicate, rejected, or failed (retried)."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "item_key", name="uq_feed_items_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(64))  # sha-256 of the guid or link
    url: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[str] = mapped_column(String(10))
    article_id: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str | None] = mapped_column(String(300))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
