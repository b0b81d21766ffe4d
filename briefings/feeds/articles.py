"""Turning a URL or a feed entry into a stored article, once.

The store already refuses an article whose URL or content fingerprint it holds; this module
asks it before paying for extraction, and treats losing an insert race to another process
as "already stored". A feed entry whose page cannot be used falls back to the entry's own
content; only when both fail is the entry rejected, with the page's reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from briefings.errors import BriefbotError, InputError
from briefings.feeds.errors import FetchError
from briefings.feeds.fetch import MAX_PAGE_BYTES, FetchPolicy, fetch, make_client
from briefings.feeds.items import ItemStatus
from briefings.feeds.meta import item_meta, page_meta
from briefings.feeds.page import PageText, page_text
from briefings.feeds.parse import FeedItem
from briefings.feeds.urls import check_url, display_url
from briefings.ingest import ArticleMeta, build_article
from briefings.models import Article
from briefings.service import IngestOutcome, store_article
from briefings.store.database import Database
from briefings.store.feed_schema import FeedItemRow
from briefings.store.schema import ArticleRow
from briefings.store.writer import article_exists
from briefings.stories.joins import FEED, INGEST
from briefings.stories.matching import add_articles

log = logging.getLogger("briefbot.feeds")

_PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"


@dataclass(frozen=True)
class ItemResult:
    """How one feed entry was handled."""

    status: ItemStatus
    url: str | None
    title: str | None = None
    article_id: str | None = None
    error: str | None = None
    from_summary: bool = False


def stored_url(db: Database, url: str) -> str | None:
    """The id of the article stored under this URL, or found there by a feed earlier (the
    same content as an article stored under another URL)."""
    with db.session() as session:
        found = session.scalar(select(ArticleRow.id).where(ArticleRow.url == url))
        if found is None:
            found = session.scalar(
                select(FeedItemRow.article_id)
                .where(
                    FeedItemRow.url == url,
                    FeedItemRow.article_id.is_not(None),
                    FeedItemRow.status.in_([ItemStatus.STORED, ItemStatus.DUPLICATE]),
                )
                .limit(1)
            )
        return found


def store_once(
    db: Database, article: Article, stories: tuple[int, ...] = (), how: str = FEED
) -> IngestOutcome:
    """Store a built article unless its content or URL is already stored (then it is still
    filed in `stories`: its feed's)."""
    with db.session() as session:
        if article_exists(session, article.id, article.url):
            for story_id in stories:
                add_articles(session, story_id, [article.id], how)
            return IngestOutcome(source=article.source or article.id, article_id=article.id)
    try:
        return store_article(db, article, stories, how)
    except IntegrityError:  # another process stored the same article a moment ago
        return IngestOutcome(source=article.source or article.id, article_id=article.id)


def fetch_page(client: httpx.Client, url: str, policy: FetchPolicy | None = None) -> PageText:
    """Download a page and extract its main text; `FetchError` or `InputError` if unusable."""
    fetched = fetch(client, url, max_bytes=MAX_PAGE_BYTES, accept=_PAGE_ACCEPT, policy=policy)
    return page_text(fetched)


def ingest_url(
    db: Database,
    url: str,
    meta: ArticleMeta | None = None,
    *,
    client: httpx.Client | None = None,
    policy: FetchPolicy | None = None,
    stories: tuple[int, ...] = (),
) -> IngestOutcome:
    """Fetch one article page and store it (filed in `stories` too); every failure is an
    outcome with a reason."""
    label = display_url(url.strip())
    try:
        url = check_url(url)
        label = display_url(url)
        if (known := stored_url(db, url)) is not None:
            with db.session() as session:
                for story_id in stories:
                    add_articles(session, story_id, [known], INGEST)
            return IngestOutcome(source=label, article_id=known)
        own_client = client is None
        http = client or make_client(policy)
        try:
            page = fetch_page(http, url, policy)
        finally:
            if own_client:
                http.close()
        article = build_article(page.text, page_meta(url, page, meta))
    except BriefbotError as error:
        return IngestOutcome(source=label, error=error.message)
    outcome = store_once(db, article, stories, INGEST)
    return IngestOutcome(
        source=label,
        article_id=outcome.article_id,
        stored=outcome.stored,
        events=outcome.events,
        claims=outcome.claims,
        figures=outcome.figures,
    )


def ingest_urls(
    db: Database,
    urls: list[str],
    meta: ArticleMeta | None = None,
    *,
    policy: FetchPolicy | None = None,
    stories: tuple[int, ...] = (),
) -> list[IngestOutcome]:
    """`ingest_url` for several URLs over one connection pool; one bad URL stops nothing."""
    with make_client(policy) as client:
        return [
            ingest_url(db, url, meta, client=client, policy=policy, stories=stories) for url in urls
        ]


def _article_from_page(
    client: httpx.Client, item: FeedItem, outlet: str | None, policy: FetchPolicy | None
) -> Article:
    assert item.link is not None
    page = fetch_page(client, item.link, policy)
    return build_article(page.text, item_meta(item, outlet, page))


def ingest_item(
    db: Database,
    client: httpx.Client,
    item: FeedItem,
    *,
    outlet: str | None,
    policy: FetchPolicy | None = None,
    stories: tuple[int, ...] = (),
) -> ItemResult:
    """Store one feed entry: its page's main text, else the entry's own content; filed in
    `stories` (its feed's) as well as those whose rule it meets."""
    if item.link and (known := stored_url(db, item.link)) is not None:
        with db.session() as session:
            for story_id in stories:
                add_articles(session, story_id, [known], FEED)
        return ItemResult(ItemStatus.DUPLICATE, item.link, item.title, article_id=known)
    article: Article | None = None
    page_error: BriefbotError | None = None
    if item.link:
        try:
            article = _article_from_page(client, item, outlet, policy)
        except BriefbotError as error:
            page_error = error
    from_summary = False
    if article is None and item.content:
        try:
            article = build_article(item.content, item_meta(item, outlet, None))
            from_summary = True
        except InputError as error:
            page_error = page_error or error
    if article is None:
        reason = page_error.message if page_error else "the entry has neither a link nor text"
        transient = isinstance(page_error, FetchError) and page_error.transient
        status = ItemStatus.FAILED if transient else ItemStatus.REJECTED
        return ItemResult(status, item.link, item.title, error=reason)
    outcome = store_once(db, article, stories)
    status = ItemStatus.STORED if outcome.stored else ItemStatus.DUPLICATE
    return ItemResult(
        status,
        item.link,
        article.title or item.title,
        article_id=article.id,
        from_summary=from_summary,
    )
