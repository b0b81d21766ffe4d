"""/digest subscribe|unsubscribe|list|preview — this channel's daily digest, managed in chat.

Subscribing and unsubscribing change what a whole channel receives, so they are for channel
managers (the adapter says who is one); listing and previewing only read, so anyone may.
The channel is the one the command was typed in: a user cannot subscribe a channel they are
not in. After a change the process is told (`context.notify`) so its schedule follows at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.registry import ChatPlace, Command, CommandContext, Permission
from briefings.digests.card import build_digest
from briefings.digests.ledger import deliveries
from briefings.digests.subscriptions import (
    Subscription,
    get_subscription,
    subscribe,
    unsubscribe,
)
from briefings.errors import InputError

ACTIONS = ("list", "subscribe", "unsubscribe", "preview")
TOPIC = "digest-subscriptions"
DEFAULT_ZONE = "UTC"
RECENT_DELIVERIES = 5


class DigestParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["list", "subscribe", "unsubscribe", "preview"] = Field(
        "list",
        description="list (default), subscribe, unsubscribe or preview",
        json_schema_extra={"kind": "choice", "choices": list(ACTIONS)},
    )
    at: str | None = Field(None, description="subscribe: local time of day, HH:MM")
    tz: str | None = Field(None, description="subscribe: IANA time zone (default UTC)")
    actors: str | None = Field(None, description="subscribe: only these actors, comma-separated")
    sources: str | None = Field(None, description="subscribe: only these outlets, comma-separated")
    kinds: str | None = Field(
        None, description="subscribe: only these event kinds, comma-separated"
    )
    empty: Literal["yes", "no"] | None = Field(
        None,
        description="subscribe: post on days with nothing new (default no)",
        json_schema_extra={"kind": "choice", "choices": ["yes", "no"]},
    )


def _place(context: CommandContext) -> ChatPlace:
    """The asking channel; the console and `briefbot ask` count as the `console` channel."""
    return context.place or ChatPlace(platform="console", channel="console")


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _require_admin(context: CommandContext, action: str) -> None:
    if not context.admin:
        raise InputError(f"Only channel managers can use /digest {action}.")


def _only_for_subscribe(params: DigestParams) -> None:
    given = [
        name
        for name in ("at", "tz", "actors", "sources", "kinds", "empty")
        if getattr(params, name) is not None
    ]
    if given and params.action != "subscribe":
        raise InputError(f"/digest {params.action} takes no {given[0]}: option.")


def _settings_fields(subscription: Subscription) -> list[CardField]:
    fields = [CardField(name="Time", value=f"{subscription.at:%H:%M} {subscription.zone}")]
    for name, values in (
        ("Actors", subscription.actors),
        ("Sources", subscription.sources),
        ("Kinds", subscription.kinds),
    ):
        if values:
            fields.append(CardField(name=name, value=", ".join(values)))
    fields.append(
        CardField(name="Quiet days", value="posts" if subscription.post_when_empty else "skipped")
    )
    if subscription.paused_at:
        fields.append(
            CardField(
                name="Paused",
                value=f"{subscription.paused_reason or 'repeated failures'} — "
                "subscribe again once the channel works",
            )
        )
    return fields


def _subscribe(context: CommandContext, params: DigestParams, place: ChatPlace) -> Card:
    _require_admin(context, "subscribe")
    if params.at is None:
        raise InputError("Say when: /digest subscribe at:08:00 tz:Europe/Berlin")
    subscription = subscribe(
        context.db,
        platform=place.platform,
        channel=place.channel,
        at=params.at,
        zone=params.tz or DEFAULT_ZONE,
        actors=_split(params.actors),
        sources=_split(params.sources),
        kinds=_split(params.kinds),
        post_when_empty=params.empty == "yes",
        subscribed_by=place.user,
    )
    context.notify(TOPIC)
    return Card(
        title="Daily digest subscribed",
        lead=f"This channel gets a digest every day at {subscription.at:%H:%M} "
        f"{subscription.zone}: what is new since the one before. "
        "/digest preview shows it now.",
        fields=_settings_fields(subscription),
    )


def _unsubscribe(context: CommandContext, place: ChatPlace) -> Card:
    _require_admin(context, "unsubscribe")
    if not unsubscribe(context.db, place.platform, place.channel):
        raise InputError("This channel has no daily digest.")
    context.notify(TOPIC)
    return Card(title="Daily digest stopped", lead="This channel gets no more daily digests.")


def _current(context: CommandContext, place: ChatPlace) -> Subscription:
    subscription = get_subscription(context.db, place.platform, place.channel)
    if subscription is None:
        raise InputError(
            "This channel has no daily digest. A channel manager can start one: "
            "/digest subscribe at:08:00 tz:Europe/Berlin"
        )
    return subscription


def _list(context: CommandContext, place: ChatPlace) -> Card:
    subscription = _current(context, place)
    recent = deliveries(context.db, place.platform, place.channel)[:RECENT_DELIVERIES]
    items = [
        CardItem(
            text=f"{row['digest_date']}: {row['status']}",
            detail=str(row["error"]) if row["error"] else None,
        )
        for row in recent
    ]
    return Card(
        title="Daily digest",
        lead="This channel's digest: what is new since the one before.",
        fields=_settings_fields(subscription),
        sections=[
            CardSection(title="Recent digests", items=items, empty_text="None delivered yet.")
        ],
    )


def _preview(context: CommandContext, place: ChatPlace) -> Card:
    subscription = _current(context, place)
    today = datetime.now(UTC).astimezone(subscription.tz).date().isoformat()
    return build_digest(context.db, subscription, title_date=f"{today} (preview)").card


def run_digest(context: CommandContext, params: DigestParams) -> Card:
    _only_for_subscribe(params)
    place = _place(context)
    if params.action == "subscribe":
        return _subscribe(context, params, place)
    if params.action == "unsubscribe":
        return _unsubscribe(context, place)
    if params.action == "preview":
        return _preview(context, place)
    return _list(context, place)


DIGEST = Command(
    name="digest",
    summary="This channel's daily digest: list, subscribe, unsubscribe, preview",
    params=DigestParams,
    handler=run_digest,
    permission=Permission.ADMIN_ACTIONS,
    positional="action",
    scoped=False,
    examples=(
        "/digest",
        "/digest subscribe at:08:00 tz:Europe/Berlin",
        "/digest subscribe at:07:30 tz:America/New_York actors:Russia,Armenia empty:yes",
        "/digest preview",
    ),
)
