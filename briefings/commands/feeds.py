"""/feeds list|add|remove — the RSS/Atom feeds the bot reads, managed in chat.

Adding or removing a feed changes what every channel's briefings and digests are built from,
so those are for channel managers; listing only reads, so anyone may (URLs are shown with
credentials and secret-looking query values masked). `add` fetches the feed once and stores
it only when it really is a feed, so a typo never leaves a broken feed behind; a URL on
loopback, a private network or a cloud metadata address is refused unless the operator
allowed private addresses, so a channel manager cannot make the bot read internal hosts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.layout import page_footer, paginate
from briefings.commands.registry import Command, CommandContext, Permission
from briefings.errors import InputError, NotFoundError
from briefings.feeds.store import Feed, list_feeds, remove_feed
from briefings.stories.store import find_story

ACTIONS = ("list", "add", "remove")
TOPIC = "feeds"


class FeedsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["list", "add", "remove"] = Field(
        "list",
        description="list (default), add or remove",
        json_schema_extra={"kind": "choice", "choices": list(ACTIONS)},
    )
    url: str | None = Field(
        None, max_length=2000, description="add: the feed URL; remove: its URL or #ID"
    )
    outlet: str | None = Field(
        None,
        max_length=200,
        description="add: the outlet its articles are credited to (default: from the feed)",
        json_schema_extra={"autocomplete": "outlet"},
    )
    story: str | None = Field(
        None,
        max_length=60,
        description="add: the story its new articles join (besides those whose rule they meet)",
        json_schema_extra={"autocomplete": "story"},
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of feeds", json_schema_extra={"kind": "int"}
    )

    @model_validator(mode="before")
    @classmethod
    def _action_then_url(cls, values: Any) -> Any:
        """`/feeds add https://…` arrives as one free text: the action word, then the URL."""
        if isinstance(values, dict) and isinstance(values.get("action"), str):
            action, _, rest = values["action"].strip().partition(" ")
            if rest.strip():
                if values.get("url"):
                    raise ValueError("give the URL once")
                values = {**values, "action": action.lower(), "url": rest.strip()}
            else:
                values = {**values, "action": action.lower()}
        return values


def _require_admin(context: CommandContext, action: str) -> None:
    if not context.admin:
        raise InputError(f"Only channel managers can use /feeds {action}.")


def _feed_item(feed: Feed) -> CardItem:
    if feed.failures:
        detail = f"failing ×{feed.failures}: {feed.last_error or 'error'}"
    elif feed.last_success_at is None:
        detail = "not polled yet"
    else:
        detail = f"last polled {feed.last_success_at:%Y-%m-%d %H:%M} UTC"
    return CardItem(
        text=f"#{feed.id} {feed.name} — {feed.shown_url}",
        detail=f"{feed.articles} article(s) · {detail}",
    )


def _list(context: CommandContext, params: FeedsParams) -> Card:
    feeds = list_feeds(context.db)
    shown, page, pages = paginate(feeds, params.page, context.page_size)
    return Card(
        title="Feeds",
        lead=f"{len(feeds)} feed(s) followed; new articles are stored as they appear."
        if feeds
        else "No feeds followed yet. A channel manager can add one: /feeds add URL",
        sections=[CardSection(title="Followed feeds", items=[_feed_item(f) for f in shown])]
        if shown
        else [],
        footer=page_footer(page, pages, len(feeds), "feeds") if feeds else None,
        page=page,
        pages=pages,
    )


def _add(context: CommandContext, params: FeedsParams) -> Card:
    _require_admin(context, "add")
    if not params.url:
        raise InputError("Say which feed: /feeds add https://example.com/feed.xml")
    from briefings.feeds.fetch import FetchPolicy  # fetching loads only when a feed is added
    from briefings.feeds.follow import follow_feed

    user = context.place.user if context.place else None
    story = None
    if params.story:
        with context.db.session() as session:
            story = find_story(session, params.story)
    followed = follow_feed(
        context.db,
        params.url,
        now=datetime.now(UTC),
        added_by=user,
        outlet=params.outlet,
        policy=FetchPolicy(allow_private=context.allow_private_urls),
        story_id=story.id if story else None,
    )
    context.notify(TOPIC)
    feed = followed.feed
    return Card(
        title="Feed added",
        lead=f"Added feed «{feed.name}» — {followed.items} item(s); new articles arrive "
        f"within {context.feed_poll_minutes} minutes.",
        fields=[
            CardField(name="ID", value=f"#{feed.id}"),
            CardField(name="URL", value=feed.shown_url),
            CardField(name="Outlet", value=feed.outlet or "from each article"),
            CardField(name="Story", value=story.slug if story else "by the stories' rules"),
        ],
    )


MAX_FEED_ID = 2**63 - 1  # the largest ID a database integer column holds


def _feed_id(text: str) -> int | None:
    """The feed ID in `#3` or `3`, None for a URL; an ID no feed can have (`#-1`, `#²`, 20
    digits) is refused here, before it reaches the database."""
    reference = text.strip()
    digits = reference.removeprefix("#")
    if not (reference.startswith("#") or digits.isdigit()):
        return None
    if not digits.isdecimal():
        raise InputError("A feed ID is a whole number such as #3; /feeds lists them.")
    if not 1 <= int(digits) <= MAX_FEED_ID:
        raise NotFoundError(f"No followed feed has the ID #{digits[:20]}; /feeds lists them.")
    return int(digits)


def _remove(context: CommandContext, params: FeedsParams) -> Card:
    _require_admin(context, "remove")
    if not params.url:
        raise InputError("Say which feed: /feeds remove #ID or /feeds remove URL")
    feed_id = _feed_id(params.url)
    if feed_id is None:
        feed = remove_feed(context.db, params.url)
    else:
        try:
            feed = remove_feed(context.db, f"#{feed_id}")
        except NotFoundError:
            raise NotFoundError(
                f"No followed feed has the ID #{feed_id}; /feeds lists them."
            ) from None
    context.notify(TOPIC)
    return Card(
        title="Feed removed",
        lead=f"No longer following «{feed.name}» (#{feed.id}); its articles already stored stay.",
    )


def run_feeds(context: CommandContext, params: FeedsParams) -> Card:
    if params.outlet is not None and params.action != "add":
        raise InputError(f"/feeds {params.action} takes no outlet: option.")
    if params.action == "add":
        return _add(context, params)
    if params.action == "remove":
        return _remove(context, params)
    if params.url:
        raise InputError("/feeds list takes no URL.")
    return _list(context, params)


FEEDS = Command(
    name="feeds",
    summary="The news feeds read live: list, add, remove",
    params=FeedsParams,
    handler=run_feeds,
    permission=Permission.ADMIN_ACTIONS,
    positional="action",
    scoped=False,
    examples=(
        "/feeds",
        "/feeds add https://example.com/world/rss.xml",
        "/feeds add https://example.com/rss outlet:Reuters",
        "/feeds remove #3",
    ),
)
