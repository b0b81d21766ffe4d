"""The delivery ledger: each (platform, channel, local digest date) goes out exactly once.

A process *claims* a slot before building and posting its digest. The claim is an INSERT
guarded by the table's unique key, in a transaction of its own: when two processes race, the
database lets exactly one insert through and the other sees an IntegrityError — the same on
SQLite and PostgreSQL, with no dialect-specific SQL. A claim that never finishes (the process
died mid-post) is taken over by a compare-and-set UPDATE once it is older than the stale
timeout; so is a failed one, so a later run retries it.

Every timestamp is the caller's `now`, so the ledger is deterministic under test and under
`briefbot digest run-due --now`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from briefings.store.database import Database
from briefings.store.digest_schema import DeliveryRow

DEFAULT_STALE_AFTER = timedelta(minutes=15)
MAX_ERROR = 300


class SlotStatus(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    EMPTY = "empty"  # nothing new and the channel asked not to be told so
    FAILED = "failed"
    SKIPPED = "skipped"  # missed beyond the grace window

    @property
    def done(self) -> bool:
        return self in (SlotStatus.SENT, SlotStatus.EMPTY, SlotStatus.SKIPPED)


SlotKey = tuple[str, str, date]  # (platform, channel, local digest date)


@dataclass(frozen=True)
class Claim:
    """Proof of holding a slot: only the holder of `token` may finish it."""

    row_id: int
    key: SlotKey
    token: str
    attempt: int


def utc(moment: datetime) -> datetime:
    """Aware UTC (SQLite hands stored timestamps back naive; they were written as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def claim_slot(
    db: Database, key: SlotKey, now: datetime, *, stale_after: timedelta = DEFAULT_STALE_AFTER
) -> Claim | None:
    """Take the slot, or None when it is done or freshly held by someone else."""
    platform, channel, digest_date = key
    token = uuid.uuid4().hex
    now = utc(now)
    try:
        with db.session() as session:
            row = DeliveryRow(
                platform=platform,
                channel=channel,
                digest_date=digest_date,
                status=SlotStatus.CLAIMED.value,
                claim_token=token,
                claimed_at=now,
                attempts=1,
            )
            session.add(row)
            session.flush()
            return Claim(row_id=row.id, key=key, token=token, attempt=1)
    except IntegrityError:
        pass  # the slot exists: take it over only when failed or stale
    with db.session() as session:
        takeover = session.execute(
            update(DeliveryRow)
            .where(
                DeliveryRow.platform == platform,
                DeliveryRow.channel == channel,
                DeliveryRow.digest_date == digest_date,
                or_(
                    DeliveryRow.status == SlotStatus.FAILED.value,
                    and_(
                        DeliveryRow.status == SlotStatus.CLAIMED.value,
                        DeliveryRow.claimed_at < now - stale_after,
                    ),
                ),
            )
            .values(
                status=SlotStatus.CLAIMED.value,
                claim_token=token,
                claimed_at=now,
                attempts=DeliveryRow.attempts + 1,
                error=None,
            )
            .execution_options(synchronize_session=False)
        )
        if not getattr(takeover, "rowcount", 0):
            return None
        row_id, attempts = session.execute(
            select(DeliveryRow.id, DeliveryRow.attempts).where(DeliveryRow.claim_token == token)
        ).one()
        return Claim(row_id=row_id, key=key, token=token, attempt=attempts)


def _finish(db: Database, claim: Claim, **values: object) -> bool:
    with db.session() as session:
        result = session.execute(
            update(DeliveryRow)
            .where(
                DeliveryRow.id == claim.row_id,
                DeliveryRow.claim_token == claim.token,
                DeliveryRow.status == SlotStatus.CLAIMED.value,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


def mark_sent(
    db: Database,
    claim: Claim,
    now: datetime,
    *,
    message_id: str | None,
    covered_until: datetime,
    empty: bool = False,
) -> bool:
    """Record the post (or a deliberately silent empty digest). False when the claim was
    lost meanwhile (taken over as stale): the caller should log a possible duplicate."""
    status = SlotStatus.EMPTY if empty else SlotStatus.SENT
    return _finish(
        db,
        claim,
        status=status.value,
        finished_at=utc(now),
        message_id=message_id,
        covered_until=utc(covered_until),
    )


def mark_failed(db: Database, claim: Claim, now: datetime, error: str) -> bool:
    """Record a failure (a short, secret-free description); a later run may retry."""
    return _finish(
        db, claim, status=SlotStatus.FAILED.value, finished_at=utc(now), error=error[:MAX_ERROR]
    )


def mark_skipped(db: Database, claim: Claim, now: datetime, reason: str) -> bool:
    return _finish(
        db, claim, status=SlotStatus.SKIPPED.value, finished_at=utc(now), error=reason[:MAX_ERROR]
    )


def slot_statuses(db: Database, keys: Iterable[SlotKey]) -> dict[SlotKey, SlotStatus]:
    """The ledger as the due computation needs it: the status of each slot that has a row."""
    wanted = list(dict.fromkeys(keys))
    found: dict[SlotKey, SlotStatus] = {}
    with db.session() as session:
        for start in range(0, len(wanted), 300):
            chunk = wanted[start : start + 300]
            rows = session.execute(
                select(
                    DeliveryRow.platform,
                    DeliveryRow.channel,
                    DeliveryRow.digest_date,
                    DeliveryRow.status,
                ).where(
                    tuple_(DeliveryRow.platform, DeliveryRow.channel, DeliveryRow.digest_date).in_(
                        chunk
                    )
                )
            )
            for platform, channel, digest_date, status in rows:
                found[(platform, channel, digest_date)] = SlotStatus(status)
    return found


def covered_until(db: Database, platform: str, channel: str) -> datetime | None:
    """Up to when the channel's previous delivered digest covered the news (None: never)."""
    with db.session() as session:
        value = session.scalar(
            select(DeliveryRow.covered_until)
            .where(
                DeliveryRow.platform == platform,
                DeliveryRow.channel == channel,
                DeliveryRow.status.in_([SlotStatus.SENT.value, SlotStatus.EMPTY.value]),
                DeliveryRow.covered_until.is_not(None),
            )
            .order_by(DeliveryRow.digest_date.desc())
            .limit(1)
        )
    return utc(value) if value is not None else None


def deliveries(db: Database, platform: str, channel: str) -> list[Mapping[str, object]]:
    """The channel's ledger rows, newest first (for operators and tests)."""
    with db.session() as session:
        rows = session.scalars(
            select(DeliveryRow)
            .where(DeliveryRow.platform == platform, DeliveryRow.channel == channel)
            .order_by(DeliveryRow.digest_date.desc())
        )
        return [
            {
                "digest_date": row.digest_date,
                "status": row.status,
                "attempts": row.attempts,
                "message_id": row.message_id,
                "error": row.error,
            }
            for row in rows
        ]
