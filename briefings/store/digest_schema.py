"""Digest tables: channel subscriptions and the delivery ledger (migrations 0002, 0003).

Declared on the core's `Base` so that one metadata describes the whole schema. The ledger's
unique key — (platform, channel, local digest date) — is what makes a digest go out once
even when several processes try at the same instant.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.schema import Base


class SubscriptionRow(Base):
    """One channel's daily digest: when (local time of day in a zone) and what (filters)."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("platform", "channel", name="uq_digest_subscriptions"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(100))
    at: Mapped[str] = mapped_column(String(5))  # HH:MM, local to `zone`
    zone: Mapped[str] = mapped_column(String(64))  # IANA name
    actors: Mapped[list[str]] = mapped_column(JSON, default=list)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    post_when_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Migration 0003: who asked (for notices), and the pause a failing channel is put in.
    subscribed_by: Mapped[str | None] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed attempts
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused_reason: Mapped[str | None] = mapped_column(String(300))


class DeliveryRow(Base):
    """One digest slot of one channel: claimed, then sent / empty / failed / skipped."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("platform", "channel", "digest_date", name="uq_digest_deliveries_slot"),
        Index("ix_digest_deliveries_channel_status", "platform", "channel", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(100))
    digest_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    claim_token: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[str | None] = mapped_column(String(200))
    covered_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(String(300))
