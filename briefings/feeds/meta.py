"""What the feed (or the page) tells us about an article: outlet, title, date, author, URL.

The outlet is the one thing a feed states better than the article text: a feed is one
publisher's. It is the known outlet its title or host names (through `outlets.yaml`), else
the publisher part of its title ("Caucasus Ledger — World" → "Caucasus Ledger"). An item
hosted on a known outlet's domain (an aggregator feed) is credited to that outlet instead.
"""

from __future__ import annotations

import re

from briefings.feeds.page import PageText
from briefings.feeds.parse import FeedItem
from briefings.ingest import ArticleMeta, lookup_outlet
from briefings.ingest.metadata import outlet_from_url

_TITLE_PARTS = re.compile(r"\s+[-–—|:·»]\s+")
_FEED_WORDS = re.compile(r"\b(?:rss|atom|feeds?|xml)\b", re.IGNORECASE)


def feed_outlet(title: str | None, url: str) -> str | None:
    """The outlet a feed speaks for: known by title or host, else its title's first part."""
    parts = [part.strip() for part in _TITLE_PARTS.split(title or "") if part.strip()]
    for candidate in [title or "", *parts]:
        known = lookup_outlet(candidate) if candidate else None
        if known:
            return known
    known = outlet_from_url(url)
    if known:
        return known
    for part in parts:
        name = " ".join(_FEED_WORDS.sub(" ", part).split())
        if name:
            return name[:200]
    return None


def item_meta(item: FeedItem, feed_outlet_name: str | None, page: PageText | None) -> ArticleMeta:
    """The feed's metadata for one entry, completed by what the page declares."""
    outlet = (outlet_from_url(item.link) if item.link else None) or feed_outlet_name
    return ArticleMeta(
        outlet=outlet or (page_outlet(page) if page else None),
        title=item.title or (page.title if page else None),
        author=item.author or (page.author if page else None),
        published=item.published or (page.published if page else None),
        url=item.link,
        source=item.link,
    )


def page_outlet(page: PageText) -> str | None:
    """A page's declared site name, canonical when it is a known outlet."""
    if not page.site:
        return None
    return lookup_outlet(page.site) or page.site


def page_meta(url: str, page: PageText, given: ArticleMeta | None) -> ArticleMeta:
    """Metadata for a single fetched page: the caller's first, then the URL host, the page's."""
    given = given or ArticleMeta()
    outlet = given.outlet or outlet_from_url(url) or page_outlet(page)
    return ArticleMeta(
        outlet=outlet,
        title=given.title or page.title,
        author=given.author or page.author,
        published=given.published or page.published,
        url=url,
        source=url,
    )
