"""Alerts posted to Discord channels, and edited in place when more outlets report.

A post goes to the REST route with the alert's `nonce` and `enforce_nonce`, so a retry within
Discord's nonce window returns the message already made instead of a second one; the marker
names the alert in the embed footer. An edit is `PATCH /channels/{id}/messages/{id}` with the
newly rendered card (one message: an alert card is short; a longer rendering keeps its first
message).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
from discord.http import Route

from bot.alerts.delivery import AlertPost
from bot.digests.delivery import ALERTS_PAUSED, DeliveryError
from bot.discord.digests import NO_MENTIONS, channel_number, delivery_error, tell_paused
from bot.discord.render import render_discord

log = logging.getLogger("briefbot.discord.alerts")


def alert_payload(post: AlertPost) -> dict[str, Any]:
    """The card's first Create Message payload, its footer naming the alert, with its
    timeline buttons (their clicks reach the gateway client's `ActionButton`, which answers
    the clicker alone). An alert card has no command line, so no paging or Sources buttons."""
    footer = f"{post.card.footer} · {post.marker}" if post.card.footer else post.marker
    payloads = render_discord(post.card.model_copy(update={"footer": footer}))
    return dict(payloads[0])


class DiscordAlertDeliverer:
    """Posts and edits alert cards with a logged-in `discord.Client` (gateway or REST)."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def _call(self, route: Route, payload: dict[str, Any]) -> Any:
        try:
            return await self._client.http.request(route, json=payload)
        except discord.HTTPException as error:
            raise delivery_error(error) from error
        except discord.RateLimited as error:
            raise DeliveryError("Discord: rate limited") from error
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise DeliveryError(f"Discord: {type(error).__name__}") from error

    async def post(self, post: AlertPost) -> str:
        channel_id = channel_number(post.channel)
        payload = {
            **alert_payload(post),
            "allowed_mentions": NO_MENTIONS,
            "nonce": post.nonce,
            "enforce_nonce": True,
        }
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        data = await self._call(route, payload)
        return str(data["id"])

    async def edit(self, post: AlertPost, message_id: str) -> None:
        channel_id = channel_number(post.channel)
        route = Route(
            "PATCH",
            "/channels/{channel_id}/messages/{message_id}",
            channel_id=channel_id,
            message_id=int(message_id),
        )
        await self._call(route, {**alert_payload(post), "allowed_mentions": NO_MENTIONS})

    async def notify_paused(
        self, platform: str, channel: str, user: str | None, reason: str
    ) -> bool:
        return await tell_paused(self._client, user, ALERTS_PAUSED, channel, reason)
