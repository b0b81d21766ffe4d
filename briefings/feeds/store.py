"""Feed rows: add, list, find, remove, and the schedule bookkeeping of each poll.

A poll first *claims* its feed (moves `next_poll_at` past a lease, only if it is still due),
so two processes polling at the same instant never fetch the same feed twice; a process that
dies mid-poll leaves the feed due again once the lease runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from briefings.errors import InputError, NotFoundError
from briefings.feeds.schedule import PollSchedule
from briefings.feeds.urls import check_url, display_url
from briefings.store.database import Database
from briefings.store.feed_schema import FeedItemRow, FeedRow

CLAIM_LEASE = timedelta(minutes=10)
MAX_ERROR_CHARS = 300


def aware(moment: datetime) -> datetime:
    """Aware UTC (SQLite hands stored timestamps back naive; they were written as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _optional(moment: datetime | None) -> datetime | None:
    return aware(moment) if moment is not None else None


@dataclass(frozen=True)
class Feed:
    """A followed feed as the poller and the commands see it."""

    id: int
    url: str
    title: str | None
    outlet: str | None
    etag: str | None
    last_modified: str | None
    added_at: datetime
    added_by: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime
    failures: int
    last_error: str | None
    articles: int
    story_id: int | None = None  # the story its new articles join (migration 0009)

    @property
    def shown_url(self) -> str:
        return display_url(self.url)

    @property
    def name(self) -> str:
        return self.title or self.shown_url

    def describe(self) -> str:
        """One line: id, name, URL, state."""
        state = f"{self.articles} article(s)"
        if self.failures:
            state += f"; failing ×{self.failures}: {self.last_error or 'error'}"
        elif self.last_success_at is None:
            state += "; not polled yet"
        return f"#{self.id} {self.name} <{self.shown_url}> — {state}"


def _feed(row: FeedRow) -> Feed:
    return Feed(
        id=row.id,
        url=row.url,
        title=row.title,
        outlet=row.outlet,
        etag=row.etag,
        last_modified=row.last_modified,
        added_at=aware(row.added_at),
        added_by=row.added_by,
        last_polled_at=_optional(row.last_polled_at),
        last_success_at=_optional(row.last_success_at),
        next_poll_at=aware(row.next_poll_at),
        failures=row.failures,
        last_error=row.last_error,
        articles=row.articles,
        story_id=row.story_id,
    )


def _find(session: Session, url_or_id: str) -> FeedRow | None:
    text = url_or_id.strip().lstrip("#")
    if text.isdigit():
        return session.get(FeedRow, int(text))
    url = check_url(url_or_id)
    return session.scalar(select(FeedRow).where(FeedRow.url == url))


def get_feed(db: Database, url_or_id: str) -> Feed | None:
    """The feed with this ID (`3` or `#3`) or URL; None when not followed."""
    with db.session() as session:
        row = _find(session, url_or_id)
        return _feed(row) if row else None


def list_feeds(db: Database) -> list[Feed]:
    with db.session() as session:
        rows = session.scalars(select(FeedRow).order_by(FeedRow.id))
        return [_feed(row) for row in rows]


def add_feed(
    db: Database,
    url: str,
    *,
    title: str | None,
    outlet: str | None,
    added_by: str | None,
    now: datetime,
    story_id: int | None = None,
) -> Feed:
    """Follow a feed, due for its first poll at once; `InputError` when already followed."""
    url = check_url(url)
    now = aware(now)
    with db.session() as session:
        existing = session.scalar(select(FeedRow).where(FeedRow.url == url))
        if existing is not None:
            raise InputError(f"That feed is already followed (#{existing.id}).")
        row = FeedRow(
            url=url,
            title=title[:300] if title else None,
            outlet=outlet[:200] if outlet else None,
            added_at=now,
            added_by=added_by[:100] if added_by else None,
            next_poll_at=now,
            failures=0,
            articles=0,
            story_id=story_id,
        )
        session.add(row)
        session.flush()
        return _feed(row)


def remove_feed(db: Database, url_or_id: str) -> Feed:
    """Stop following a feed (its stored articles stay); `NotFoundError` when not followed."""
    with db.session() as session:
        row = _find(session, url_or_id)
        if row is None:
            raise NotFoundError(f"No followed feed matches “{display_url(url_or_id)[:80]}”.")
        feed = _feed(row)
        session.execute(delete(FeedItemRow).where(FeedItemRow.feed_id == row.id))
        session.delete(row)
        return feed


def due_feeds(db: Database, now: datetime) -> list[Feed]:
    """Feeds whose next poll is at or before `now`, the longest-waiting first."""
    with db.session() as session:
        rows = session.scalars(
            select(FeedRow)
            .where(FeedRow.next_poll_at <= aware(now))
            .order_by(FeedRow.next_poll_at, FeedRow.id)
        )
        return [_feed(row) for row in rows]


def claim_feed(db: Database, feed_id: int, now: datetime) -> bool:
    """Take a due feed for this poll; False when another process took it first."""
    now = aware(now)
    with db.session() as session:
        result = session.execute(
            update(FeedRow)
            .where(FeedRow.id == feed_id, FeedRow.next_poll_at <= now)
            .values(next_poll_at=now + CLAIM_LEASE, last_polled_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


def record_success(
    db: Database,
    feed_id: int,
    *,
    next_poll_at: datetime,
    etag: str | None,
    last_modified: str | None,
    title: str | None,
    new_articles: int,
    now: datetime,
) -> None:
    """A good poll: validators kept for the next conditional GET, failures reset."""
    with db.session() as session:
        row = session.get(FeedRow, feed_id)
        if row is None:  # removed while it was being polled
            return
        row.etag = etag[:300] if etag else None
        row.last_modified = last_modified[:100] if last_modified else None
        if title:
            row.title = title[:300]
        row.failures = 0
        row.last_error = None
        row.last_success_at = aware(now)
        row.next_poll_at = aware(next_poll_at)
        row.articles = row.articles + new_articles


def record_failure(
    db: Database,
    feed_id: int,
    *,
    error: str,
    now: datetime,
    schedule: PollSchedule,
    new_articles: int = 0,
) -> datetime | None:
    """A failed poll: one more consecutive failure, the next poll backed off accordingly.

    Returns the next poll time (None when the feed was removed meanwhile)."""
    with db.session() as session:
        row = session.get(FeedRow, feed_id)
        if row is None:
            return None
        row.failures = row.failures + 1
        row.last_error = error[:MAX_ERROR_CHARS]
        row.next_poll_at = schedule.after_failure(aware(now), row.failures)
        row.articles = row.articles + new_articles
        return aware(row.next_poll_at)
