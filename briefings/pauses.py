"""A channel's failure streak and pause, shared by digest subscriptions and alert rules.

Both keep `failures`, `paused_at` and `paused_reason` on one row per (platform, channel), and
both want the same thing from them: count consecutive failed posts, pause the channel at a
threshold and say so exactly once (the row is locked while counted, so of several processes
failing at once only one sees the pause happen), reset the count on a success, and lift a
pause by hand once the channel is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select, update

from briefings.store.alert_schema import AlertRuleRow
from briefings.store.database import Database
from briefings.store.digest_schema import SubscriptionRow

MAX_REASON = 300

Pausable = TypeVar("Pausable", SubscriptionRow, AlertRuleRow)
Seen = TypeVar("Seen")


def count_failure(
    db: Database,
    table: type[Pausable],
    platform: str,
    channel: str,
    *,
    now: datetime,
    reason: str,
    pause_after: int,
    seen_as: Callable[[Pausable], Seen],
) -> Seen | None:
    """One more consecutive failure; at `pause_after` the channel is paused. Returns the row
    (as `seen_as` makes it) only to the call that paused it, so the caller tells someone once."""
    with db.session() as session:
        row = session.scalar(
            select(table)
            .where(table.platform == platform, table.channel == channel)
            .with_for_update()
        )
        if row is None or row.paused_at is not None:
            return None
        row.failures = (row.failures or 0) + 1
        if row.failures < pause_after:
            return None
        row.paused_at = now
        row.paused_reason = reason[:MAX_REASON]
        session.flush()
        return seen_as(row)


def clear_failures(db: Database, table: type[Pausable], platform: str, channel: str) -> None:
    """A post went out: the channel's failure streak is over."""
    with db.session() as session:
        session.execute(
            update(table)
            .where(table.platform == platform, table.channel == channel, table.failures != 0)
            .values(failures=0)
        )


def lift_pause(db: Database, table: type[Pausable], platform: str, channel: str) -> bool:
    """Lift a pause by hand (the channel was fixed); False when nothing was paused."""
    with db.session() as session:
        result = session.execute(
            update(table)
            .where(
                table.platform == platform,
                table.channel == channel,
                table.paused_at.is_not(None),
            )
            .values(paused_at=None, paused_reason=None, failures=0)
        )
        return bool(getattr(result, "rowcount", 0))
