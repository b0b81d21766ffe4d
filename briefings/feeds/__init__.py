"""Live ingestion: RSS/Atom feeds polled on a schedule, article pages fetched and stored once.

- `follow_feed` / `remove_feed` / `list_feeds` manage the followed feeds;
- `poll_due_feeds(db, now)` runs one round (the scheduler calls it every few minutes);
- `ingest_url` stores a single article page.

HTTP is httpx with timeouts, a size cap, a redirect limit, http(s) only and public internet
addresses only (`FetchPolicy.allow_private` for internal feeds); feeds are parsed
by feedparser and pages reduced to their main text by trafilatura, then handed to the same
ingest pipeline as files, so the store's dedupe (URL and content fingerprint) applies.
"""

from typing import TYPE_CHECKING

from briefings.lazy import lazy_exports

if TYPE_CHECKING:
    from briefings.feeds.addresses import is_public_address
    from briefings.feeds.articles import ingest_url, ingest_urls
    from briefings.feeds.errors import NOT_PUBLIC_MESSAGE, FetchError, NotPublicError
    from briefings.feeds.fetch import USER_AGENT, FetchPolicy, make_client
    from briefings.feeds.follow import FollowedFeed, follow_feed
    from briefings.feeds.poll import FeedPollOutcome, NewArticle, poll_due_feeds
    from briefings.feeds.schedule import DEFAULT_POLL_MINUTES, PollSchedule
    from briefings.feeds.store import Feed, get_feed, list_feeds, remove_feed
    from briefings.feeds.urls import check_url, display_url, looks_like_url

# Loaded on first use (PEP 562): fetching, parsing and the extraction pipeline take a third
# of a second to import, and most processes (a chat command, the bot's start-up) never need
# them. `from briefings.feeds import follow_feed` works as before.
_WHERE = {
    "DEFAULT_POLL_MINUTES": "briefings.feeds.schedule",
    "Feed": "briefings.feeds.store",
    "FeedPollOutcome": "briefings.feeds.poll",
    "FetchError": "briefings.feeds.errors",
    "FetchPolicy": "briefings.feeds.fetch",
    "FollowedFeed": "briefings.feeds.follow",
    "NOT_PUBLIC_MESSAGE": "briefings.feeds.errors",
    "NewArticle": "briefings.feeds.poll",
    "NotPublicError": "briefings.feeds.errors",
    "PollSchedule": "briefings.feeds.schedule",
    "USER_AGENT": "briefings.feeds.fetch",
    "check_url": "briefings.feeds.urls",
    "display_url": "briefings.feeds.urls",
    "follow_feed": "briefings.feeds.follow",
    "get_feed": "briefings.feeds.store",
    "ingest_url": "briefings.feeds.articles",
    "ingest_urls": "briefings.feeds.articles",
    "is_public_address": "briefings.feeds.addresses",
    "list_feeds": "briefings.feeds.store",
    "looks_like_url": "briefings.feeds.urls",
    "make_client": "briefings.feeds.fetch",
    "poll_due_feeds": "briefings.feeds.poll",
    "remove_feed": "briefings.feeds.store",
}


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "DEFAULT_POLL_MINUTES",
    "NOT_PUBLIC_MESSAGE",
    "USER_AGENT",
    "Feed",
    "FeedPollOutcome",
    "FetchError",
    "FetchPolicy",
    "FollowedFeed",
    "NewArticle",
    "NotPublicError",
    "PollSchedule",
    "check_url",
    "display_url",
    "follow_feed",
    "get_feed",
    "ingest_url",
    "ingest_urls",
    "is_public_address",
    "list_feeds",
    "looks_like_url",
    "make_client",
    "poll_due_feeds",
    "remove_feed",
]
