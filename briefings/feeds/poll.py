"""One round of polling: every due feed fetched (conditionally), its new entries stored.

Synchronous on purpose — the scheduler runs it in a worker thread and the CLI calls it
directly. Each feed is isolated: a feed that fails is backed off and the round goes on; an
entry that fails is recorded and the feed goes on. Validators (ETag, Last-Modified) are kept
only when nothing is left to retry, so a 304 never hides an entry that still needs work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

import httpx

from briefings.errors import BriefbotError
from briefings.feeds.articles import ItemResult, ingest_item
from briefings.feeds.fetch import MAX_FEED_BYTES, FetchPolicy, fetch, make_client
from briefings.feeds.items import ItemStatus, has_retryable, pending_keys, record_item
from briefings.feeds.parse import FeedItem, ParsedFeed, parse_feed
from briefings.feeds.schedule import PollSchedule
from briefings.feeds.store import (
    Feed,
    aware,
    claim_feed,
    due_feeds,
    record_failure,
    record_success,
)
from briefings.feeds.urls import display_url
from briefings.store.database import Database

log = logging.getLogger("briefbot.feeds")

MAX_ITEMS_PER_POLL = 30
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


@dataclass(frozen=True)
class NewArticle:
    article_id: str
    title: str | None
    url: str | None


@dataclass(frozen=True)
class FeedPollOutcome:
    """What one feed's poll did: new articles, entries skipped, or why it failed."""

    feed_id: int
    feed: str  # the feed's title or URL, secret-free
    status: str  # "ok", "not-modified", "failed"
    next_poll_at: datetime | None
    new_articles: list[NewArticle] = field(default_factory=list)
    duplicates: int = 0
    rejected: int = 0
    error: str | None = None

    def lines(self) -> list[str]:
        """One line per new article, or one line for a failed feed."""
        if self.status == "failed":
            return [f"feed #{self.feed_id} {self.feed}: failed — {self.error}"]
        return [
            f"feed #{self.feed_id} {self.feed}: stored {a.article_id} "
            f"{a.title or display_url(a.url or '')}"
            for a in self.new_articles
        ]


def fetch_feed(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy | None = None,
) -> tuple[ParsedFeed | None, str | None, str | None]:
    """The parsed feed (None for 304 Not Modified) and the validators to send next time."""
    fetched = fetch(
        client,
        url,
        etag=etag,
        last_modified=last_modified,
        max_bytes=MAX_FEED_BYTES,
        accept=FEED_ACCEPT,
        policy=policy,
    )
    if fetched.not_modified:
        return None, fetched.etag, fetched.last_modified
    parsed = parse_feed(fetched.body, fetched.url, fetched.content_type)
    return parsed, fetched.etag, fetched.last_modified


def _handle_item(
    db: Database,
    client: httpx.Client,
    feed: Feed,
    item: FeedItem,
    now: datetime,
    policy: FetchPolicy | None,
) -> ItemResult:
    try:
        result = ingest_item(
            db,
            client,
            item,
            outlet=feed.outlet,
            policy=policy,
            stories=(feed.story_id,) if feed.story_id else (),
        )
    except BriefbotError as error:  # e.g. the database went away for a moment
        result = ItemResult(ItemStatus.FAILED, item.link, item.title, error=error.message)
    except Exception:  # a bug on one strange entry must not stop the feed
        log.exception("feed #%s: an entry could not be handled", feed.id)
        result = ItemResult(ItemStatus.REJECTED, item.link, item.title, error="internal error")
    record_item(
        db,
        feed.id,
        item.key,
        url=item.link,
        status=result.status,
        now=now,
        article_id=result.article_id,
        error=result.error,
    )
    return result


def poll_feed(
    db: Database,
    feed: Feed,
    now: datetime,
    *,
    client: httpx.Client,
    schedule: PollSchedule | None = None,
    policy: FetchPolicy | None = None,
    max_items: int = MAX_ITEMS_PER_POLL,
) -> FeedPollOutcome:
    """Poll one (already claimed) feed and record the result on its row."""
    schedule = schedule or PollSchedule()
    now = aware(now)
    try:
        parsed, etag, last_modified = fetch_feed(
            client, feed.url, etag=feed.etag, last_modified=feed.last_modified, policy=policy
        )
    except BriefbotError as error:
        next_poll = record_failure(db, feed.id, error=error.message, now=now, schedule=schedule)
        log.warning("feed #%s failed: %s", feed.id, error.message)
        return FeedPollOutcome(feed.id, feed.name, "failed", next_poll, error=error.message)

    next_poll = schedule.after_success(now)
    if parsed is None:
        record_success(
            db,
            feed.id,
            next_poll_at=next_poll,
            etag=etag,
            last_modified=last_modified,
            title=None,
            new_articles=0,
            now=now,
        )
        return FeedPollOutcome(feed.id, feed.name, "not-modified", next_poll)

    todo = pending_keys(db, feed.id, (item.key for item in parsed.items))
    fresh = [item for item in parsed.items if item.key in todo][:max_items]
    new: list[NewArticle] = []
    duplicates = rejected = 0
    # Stored in publication order (feeds mostly list newest first; undated entries last).
    ordered = sorted(
        reversed(fresh), key=lambda it: (it.published is None, it.published or date.min)
    )
    for item in ordered:
        result = _handle_item(db, client, feed, item, now, policy)
        if result.status == ItemStatus.STORED and result.article_id:
            new.append(NewArticle(result.article_id, result.title, result.url))
        elif result.status == ItemStatus.DUPLICATE:
            duplicates += 1
        else:
            rejected += 1
    leftover = len(todo) > len(fresh) or has_retryable(db, feed.id)
    record_success(
        db,
        feed.id,
        next_poll_at=next_poll,
        etag=None if leftover else etag,
        last_modified=None if leftover else last_modified,
        title=parsed.title,
        new_articles=len(new),
        now=now,
    )
    return FeedPollOutcome(
        feed.id,
        parsed.title or feed.name,
        "ok",
        next_poll,
        new_articles=new,
        duplicates=duplicates,
        rejected=rejected,
    )


def poll_due_feeds(
    db: Database,
    now: datetime,
    *,
    http_client: httpx.Client | None = None,
    schedule: PollSchedule | None = None,
    policy: FetchPolicy | None = None,
) -> list[FeedPollOutcome]:
    """Poll every feed due at `now` once; feeds another process is polling are skipped."""
    now = aware(now)
    outcomes: list[FeedPollOutcome] = []
    client = http_client or make_client(policy)
    try:
        for feed in due_feeds(db, now):
            if not claim_feed(db, feed.id, now):
                continue
            try:
                outcome = poll_feed(db, feed, now, client=client, schedule=schedule, policy=policy)
            except Exception:  # never let one feed's surprise end the round
                log.exception("feed #%s: poll failed unexpectedly", feed.id)
                next_poll = record_failure(
                    db,
                    feed.id,
                    error="internal error",
                    now=now,
                    schedule=schedule or PollSchedule(),
                )
                outcome = FeedPollOutcome(
                    feed.id, feed.name, "failed", next_poll, error="internal error"
                )
            outcomes.append(outcome)
    finally:
        if http_client is None:
            client.close()
    return outcomes
