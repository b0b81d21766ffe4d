"""The feed entries already handled, so that each is fetched once — or a few times if failing.

Stored, duplicate and rejected entries are final. An entry whose page could not be fetched
for a reason that may pass (a timeout, a 503) and that had no usable summary is `failed` and
tried again on later polls, up to `MAX_ATTEMPTS` times.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from briefings.store.database import Database
from briefings.store.feed_schema import FeedItemRow

MAX_ATTEMPTS = 3


class ItemStatus(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    FAILED = "failed"


def pending_keys(db: Database, feed_id: int, keys: Iterable[str]) -> set[str]:
    """The keys among `keys` that still need work: never seen, or failed and retryable."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return set()
    done: set[str] = set()
    with db.session() as session:
        for start in range(0, len(wanted), 500):
            rows = session.execute(
                select(FeedItemRow.item_key, FeedItemRow.status, FeedItemRow.attempts).where(
                    FeedItemRow.feed_id == feed_id,
                    FeedItemRow.item_key.in_(wanted[start : start + 500]),
                )
            )
            for key, status, attempts in rows:
                if status != ItemStatus.FAILED or attempts >= MAX_ATTEMPTS:
                    done.add(key)
    return {key for key in wanted if key not in done}


def has_retryable(db: Database, feed_id: int) -> bool:
    """Whether some entry of this feed failed and will be tried again."""
    with db.session() as session:
        found = session.scalar(
            select(FeedItemRow.id)
            .where(
                FeedItemRow.feed_id == feed_id,
                FeedItemRow.status == ItemStatus.FAILED,
                FeedItemRow.attempts < MAX_ATTEMPTS,
            )
            .limit(1)
        )
    return found is not None


def record_item(
    db: Database,
    feed_id: int,
    key: str,
    *,
    url: str | None,
    status: ItemStatus,
    now: datetime,
    article_id: str | None = None,
    error: str | None = None,
) -> None:
    """Remember how an entry was handled (a retried entry counts one more attempt)."""
    values = {
        "url": url,
        "status": status.value,
        "article_id": article_id,
        "error": error[:300] if error else None,
        "seen_at": now,
    }
    try:
        with db.session() as session:
            row = session.scalar(
                select(FeedItemRow).where(
                    FeedItemRow.feed_id == feed_id, FeedItemRow.item_key == key
                )
            )
            if row is None:
                session.add(FeedItemRow(feed_id=feed_id, item_key=key, attempts=1, **values))
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                row.attempts = row.attempts + 1
    except IntegrityError:
        pass  # another poller recorded it (or the feed was removed) meanwhile: nothing to add
