"""RSS and Atom documents to feed items, with feedparser doing the format work.

feedparser is only ever handed bytes we downloaded ourselves (never a URL: it would fetch
it without our limits). It copes with broken XML by returning what it could read; a document
in which it finds no feed at all is refused as "not an RSS or Atom feed".
"""

from __future__ import annotations

import calendar
import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]

from briefings.feeds.errors import FetchError
from briefings.feeds.urls import MAX_URL_CHARS

MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class FeedItem:
    """One entry: where its article lives and what the feed says about it."""

    key: str  # sha-256 of the guid (or link, or title and summary): stable across polls
    link: str | None
    title: str | None
    published: date | None
    author: str | None
    content: str | None  # the entry's full content or summary (HTML), the fallback text


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    items: list[FeedItem]


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:limit] or None


def _published(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if isinstance(parsed, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _content(entry: Any) -> str | None:
    """The longest of the entry's content blocks and its summary."""
    candidates = [
        block.get("value") for block in entry.get("content") or [] if isinstance(block, dict)
    ]
    candidates.append(entry.get("summary"))
    texts = [text for text in candidates if isinstance(text, str) and text.strip()]
    return max(texts, key=len) if texts else None


def _link(entry: Any, base: str) -> str | None:
    link = entry.get("link")
    if not isinstance(link, str) or not link.strip():
        return None
    link = urljoin(base, link.strip())
    if not link.lower().startswith(("http://", "https://")) or len(link) > MAX_URL_CHARS:
        return None
    return link.split("#", 1)[0]


def _key(entry: Any, link: str | None, title: str | None, content: str | None) -> str:
    guid = entry.get("id")
    basis = guid if isinstance(guid, str) and guid.strip() else link or f"{title}\n{content}"
    return hashlib.sha256(str(basis).strip().encode("utf-8")).hexdigest()


def _item(entry: Any, base: str) -> FeedItem:
    link = _link(entry, base)
    title = _text(entry.get("title"), MAX_TITLE_CHARS)
    content = _content(entry)
    return FeedItem(
        key=_key(entry, link, title, content),
        link=link,
        title=title,
        published=_published(entry),
        author=_text(entry.get("author"), 300),
        content=content,
    )


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed's title, link and items; `FetchError` when the document is not a feed."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    entries = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries:
        raise FetchError("not an RSS or Atom feed", transient=False)
    feed = parsed.get("feed") or {}
    items = [_item(entry, url) for entry in entries]
    return ParsedFeed(
        title=_text(feed.get("title"), MAX_TITLE_CHARS),
        link=_link(feed, url),
        items=[item for item in items if item.link or item.content],
    )
