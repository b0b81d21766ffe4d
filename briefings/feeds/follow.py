"""Following a new feed: check the URL, fetch it once, and store it only if it is a feed.

A URL that is not http(s), is not on the public internet (unless the policy allows it), does
not answer, or answers with something that is not RSS or Atom is refused with the reason,
and nothing is stored. The validators of this first fetch are not kept: the first poll must
download the items, not get a 304.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import httpx

from briefings.errors import InputError
from briefings.feeds.errors import NOT_PUBLIC_MESSAGE, FetchError, NotPublicError
from briefings.feeds.fetch import FetchPolicy, make_client
from briefings.feeds.meta import feed_outlet
from briefings.feeds.poll import fetch_feed
from briefings.feeds.store import Feed, add_feed, get_feed
from briefings.feeds.urls import check_url
from briefings.ingest import lookup_outlet
from briefings.store.database import Database


@dataclass(frozen=True)
class FollowedFeed:
    feed: Feed
    items: int  # entries the feed lists now


def follow_feed(
    db: Database,
    url: str,
    *,
    now: datetime,
    added_by: str | None = None,
    outlet: str | None = None,
    story_id: int | None = None,
    client: httpx.Client | None = None,
    policy: FetchPolicy | None = None,
) -> FollowedFeed:
    """Fetch `url` once and follow it; `InputError` (nothing stored) when it is not a feed."""
    url = check_url(url)
    existing = get_feed(db, url)
    if existing is not None:
        raise InputError(f"That feed is already followed (#{existing.id}).")
    http = client or make_client(policy)
    try:
        parsed, _, _ = fetch_feed(http, url, policy=policy)
    except NotPublicError:  # the feed's host, or where it redirects
        raise InputError(NOT_PUBLIC_MESSAGE) from None
    except FetchError as error:
        raise InputError(f"Could not use that feed: {error.message}.") from None
    finally:
        if client is None:
            http.close()
    if parsed is None:  # a 304 to an unconditional request: a broken server
        raise InputError("Could not use that feed: the server sent no content.")
    if outlet is not None and outlet.strip():
        name: str | None = lookup_outlet(outlet) or " ".join(outlet.split())
    else:
        name = feed_outlet(parsed.title, url)
    feed = add_feed(
        db, url, title=parsed.title, outlet=name, added_by=added_by, now=now, story_id=story_id
    )
    return FollowedFeed(feed=feed, items=len(parsed.items))
