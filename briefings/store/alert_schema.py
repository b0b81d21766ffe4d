"""Alert tables: each channel's alert rule and the alerts ledger (migration 0010).

The ledger's unique key — (platform, channel, happening) — is what makes a happening alert a
channel once, however many outlets report it and however many processes deliver: a second
report updates the row (its outlets, its revision) and the delivered post is edited in place.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.schema import Base


class AlertRuleRow(Base):
    """One channel's alert rule: what triggers (kinds, actors, figures, jumps,
    contradictions) and how calm it stays (quiet hours in a zone, a cap per hour)."""

    __tablename__ = "alert_rules"
    __table_args__ = (UniqueConstraint("platform", "channel", name="uq_alert_rules_channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(100))
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    actors: Mapped[list[str]] = mapped_column(JSON, default=list)
    figures: Mapped[list[list[object]]] = mapped_column(JSON, default=list)  # [unit, minimum]
    jump_percent: Mapped[int | None] = mapped_column(Integer)
    contradictions: Mapped[bool] = mapped_column(Boolean, default=False)
    quiet_start: Mapped[str | None] = mapped_column(String(5))  # HH:MM local to `zone`
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    zone: Mapped[str] = mapped_column(String(64))
    max_per_hour: Mapped[int] = mapped_column(Integer)
    story_id: Mapped[int | None] = mapped_column(Integer)  # the channel's story when made
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused_reason: Mapped[str | None] = mapped_column(String(300))


class AlertRow(Base):
    """One happening for one channel: pending → claimed → sent (or held, summarised,
    failed). `revision` grows when another outlet reports the happening; a sent alert whose
    `posted_revision` is behind is edited in place."""

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("platform", "channel", "happening", name="uq_alerts_happening"),
        Index("ix_alerts_status", "status", "id"),
        Index("ix_alerts_channel_sent", "platform", "channel", "sent_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(100))
    happening: Mapped[str] = mapped_column(String(120))  # entry:12, figure:killed:45, …
    trigger: Mapped[str] = mapped_column(String(20))  # entry | figure | jump | contradiction
    entry_id: Mapped[int | None] = mapped_column(Integer)
    fact_id: Mapped[int | None] = mapped_column(Integer)  # the figure or denial claim
    headline: Mapped[str] = mapped_column(String(300))
    outlets: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    posted_revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(String(300))
