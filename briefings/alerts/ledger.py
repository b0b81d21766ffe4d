"""The alerts ledger: each (channel, happening) row is posted once, then edited in place.

The same claim → post → record discipline as the digests' ledger (`briefings.digests.ledger`):
a claim is a compare-and-set UPDATE of a pending row, so when several processes deliver at
once exactly one holds each alert; a claim whose process died is taken over after the stale
timeout (and its deliverer looks for the post the dead process may have made). An edit is
claimed the same way, on the row's `posted_revision`.

Summaries (the "N more" beyond the hourly cap, the end of quiet hours) are ledger rows too,
keyed by the hour or the quiet window they close, so they also go out once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from briefings.alerts.rules import AlertRule
from briefings.alerts.settings import alert_settings
from briefings.digests.ledger import MAX_ERROR, utc
from briefings.pauses import clear_failures, count_failure
from briefings.store.alert_schema import AlertRow, AlertRuleRow
from briefings.store.database import Database

PENDING, CLAIMED, SENT, FAILED = "pending", "claimed", "sent", "failed"
SUMMARISED, DROPPED = "summarised", "dropped"
SUMMARY = "summary"


@dataclass(frozen=True)
class Alert:
    """A ledger row as delivery sees it."""

    id: int
    platform: str
    channel: str
    happening: str
    trigger: str
    entry_id: int | None
    fact_id: int | None  # the figure or the denial claim the alert is about
    headline: str
    outlets: tuple[str, ...]
    status: str
    revision: int
    posted_revision: int
    created_at: datetime
    attempts: int
    message_id: str | None
    sent_at: datetime | None

    @property
    def label(self) -> str:
        return f"{self.platform}:{self.channel}"

    @classmethod
    def of(cls, row: AlertRow) -> Alert:
        return cls(
            id=row.id,
            platform=row.platform,
            channel=row.channel,
            happening=row.happening,
            trigger=row.trigger,
            entry_id=row.entry_id,
            fact_id=row.fact_id,
            headline=row.headline,
            outlets=tuple(row.outlets or ()),
            status=row.status,
            revision=row.revision,
            posted_revision=row.posted_revision,
            created_at=utc(row.created_at),
            attempts=row.attempts,
            message_id=row.message_id,
            sent_at=utc(row.sent_at) if row.sent_at else None,
        )


def stale_after() -> timedelta:
    return timedelta(minutes=alert_settings().stale_minutes)


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        AlertRow.status.in_([PENDING, FAILED]),
        and_(AlertRow.status == CLAIMED, AlertRow.claimed_at < utc(now) - stale_after()),
    )


def waiting(db: Database, now: datetime) -> list[Alert]:
    """Alerts to post now (pending, failed, or claimed by a process that died), oldest first."""
    with db.session() as session:
        rows = session.scalars(select(AlertRow).where(_claimable(now)).order_by(AlertRow.id))
        return [Alert.of(row) for row in rows]


def to_edit(db: Database) -> list[Alert]:
    """Posted alerts that more outlets have reported since."""
    with db.session() as session:
        rows = session.scalars(
            select(AlertRow)
            .where(AlertRow.status == SENT, AlertRow.revision > AlertRow.posted_revision)
            .order_by(AlertRow.id)
        )
        return [Alert.of(row) for row in rows]


def claim(db: Database, alerts: Sequence[Alert], now: datetime) -> tuple[str, list[Alert]]:
    """Claim those of `alerts` still claimable; returns the token and the claimed ones."""
    token = uuid.uuid4().hex
    ids = [alert.id for alert in alerts]
    if not ids:
        return token, []
    with db.session() as session:
        session.execute(
            update(AlertRow)
            .where(AlertRow.id.in_(ids), _claimable(now))
            .values(
                status=CLAIMED,
                claim_token=token,
                claimed_at=utc(now),
                attempts=AlertRow.attempts + 1,
                error=None,
            )
            .execution_options(synchronize_session=False)
        )
        rows = session.scalars(
            select(AlertRow).where(AlertRow.claim_token == token).order_by(AlertRow.id)
        )
        return token, [Alert.of(row) for row in rows]


def finish(
    db: Database,
    alerts: Sequence[Alert],
    token: str,
    now: datetime,
    *,
    status: str,
    message_id: str | None = None,
    error: str | None = None,
) -> int:
    """Record what became of claimed alerts (only while the claim is still ours)."""
    done = 0
    with db.session() as session:
        for alert in alerts:
            result = session.execute(
                update(AlertRow)
                .where(AlertRow.id == alert.id, AlertRow.claim_token == token)
                .values(
                    status=status,
                    sent_at=utc(now) if status in (SENT, SUMMARISED) else None,
                    message_id=message_id,
                    posted_revision=alert.revision,
                    error=error[:MAX_ERROR] if error else None,
                )
                .execution_options(synchronize_session=False)
            )
            done += int(bool(getattr(result, "rowcount", 0)))
    return done


def claim_edit(db: Database, alert: Alert) -> bool:
    """Take the edit of a posted alert to its current revision (one process gets it)."""
    with db.session() as session:
        result = session.execute(
            update(AlertRow)
            .where(AlertRow.id == alert.id, AlertRow.posted_revision == alert.posted_revision)
            .values(posted_revision=alert.revision)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


def release_edit(db: Database, alert: Alert) -> None:
    """An edit failed: leave it for a later run."""
    with db.session() as session:
        session.execute(
            update(AlertRow)
            .where(AlertRow.id == alert.id, AlertRow.posted_revision == alert.revision)
            .values(posted_revision=alert.posted_revision)
            .execution_options(synchronize_session=False)
        )


def posted_in_last_hour(db: Database, platform: str, channel: str, now: datetime) -> int:
    """Alerts (not summaries) the channel got in the hour before `now`."""
    with db.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(AlertRow)
            .where(
                AlertRow.platform == platform,
                AlertRow.channel == channel,
                AlertRow.sent_at > utc(now) - timedelta(hours=1),
                AlertRow.status == SENT,
                AlertRow.trigger != SUMMARY,
            )
        )
    return int(count or 0)


def claim_summary(
    db: Database, platform: str, channel: str, key: str, headline: str, now: datetime
) -> tuple[int, str] | None:
    """Insert the summary's own row, claimed; None when this summary already exists."""
    token = uuid.uuid4().hex
    try:
        with db.session() as session:
            row = AlertRow(
                platform=platform,
                channel=channel,
                happening=key,
                trigger=SUMMARY,
                headline=headline[:300],
                outlets=[],
                status=CLAIMED,
                revision=1,
                posted_revision=0,
                created_at=utc(now),
                claim_token=token,
                claimed_at=utc(now),
                attempts=1,
            )
            session.add(row)
            session.flush()
            return row.id, token
    except IntegrityError:
        return None


def finish_summary(
    db: Database, row_id: int, token: str, now: datetime, message_id: str | None, error: str = ""
) -> None:
    with db.session() as session:
        session.execute(
            update(AlertRow)
            .where(AlertRow.id == row_id, AlertRow.claim_token == token)
            .values(
                status=FAILED if error else SENT,
                sent_at=None if error else utc(now),
                message_id=message_id,
                posted_revision=1,
                error=error[:MAX_ERROR] or None,
            )
            .execution_options(synchronize_session=False)
        )


def drop_orphans(db: Database, rules: Mapping[tuple[str, str], datetime], now: datetime) -> int:
    """Pending alerts of channels that no longer have a rule, or that were queued for an
    earlier rule (the channel subscribed again, e.g. to resume after a pause), are dropped,
    not posted: `rules` gives each channel's rule's making time."""
    with db.session() as session:
        rows = session.execute(
            select(AlertRow.id, AlertRow.platform, AlertRow.channel, AlertRow.created_at).where(
                _claimable(now)
            )
        ).all()
        gone = [
            row_id
            for row_id, p, c, created in rows
            if (p, c) not in rules or utc(created) < utc(rules[(p, c)])
        ]
        if gone:
            session.execute(
                update(AlertRow)
                .where(AlertRow.id.in_(gone))
                .values(status=DROPPED)
                .execution_options(synchronize_session=False)
            )
    return len(gone)


def recent(db: Database, platform: str, channel: str, limit: int) -> list[Alert]:
    """The channel's last delivered alerts, newest first (for /alerts)."""
    with db.session() as session:
        rows = session.scalars(
            select(AlertRow)
            .where(
                AlertRow.platform == platform,
                AlertRow.channel == channel,
                AlertRow.status.in_([SENT, SUMMARISED]),
            )
            .order_by(AlertRow.sent_at.desc(), AlertRow.id.desc())
            .limit(limit)
        )
        return [Alert.of(row) for row in rows]


def record_failure(
    db: Database, platform: str, channel: str, now: datetime, reason: str, pause_after: int
) -> AlertRule | None:
    """One more consecutive failure; the rule when this one paused the channel's alerts (the
    digests' bookkeeping, `briefings.pauses`, on the alert rule's row)."""
    return count_failure(
        db,
        AlertRuleRow,
        platform,
        channel,
        now=utc(now),
        reason=reason,
        pause_after=pause_after,
        seen_as=AlertRule.of,
    )


def record_success(db: Database, platform: str, channel: str) -> None:
    clear_failures(db, AlertRuleRow, platform, channel)
