"""Alerts posted to Slack channels (`chat.postMessage`) and edited in place
(`chat.update`) when more outlets report the happening.

Each post carries the alert's marker in message metadata (event type `briefbot_alert`), as
digests do, so an operator (or a retry) can tell our alert posts apart.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.alerts.delivery import AlertPost
from bot.digests.delivery import ALERTS_PAUSED, DeliveryError
from bot.slack.digests import HISTORY_PAGE, HISTORY_PAGES, delivery_error, tell_paused
from bot.slack.render import render_slack

log = logging.getLogger("briefbot.slack.alerts")
MARKER_EVENT = "briefbot_alert"


def _message(post: AlertPost) -> dict[str, Any]:
    """The card's first message (an alert card is short), with its timeline buttons: their
    clicks reach the Slack app's `bb_view_N` action, which answers the clicker alone."""
    return render_slack(post.card)[0]


class SlackAlertDeliverer:
    """Posts and edits alert cards with a bot-token `AsyncWebClient`."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._identity: tuple[str, str] | None = None  # (bot_id, user_id) from auth.test

    async def post(self, post: AlertPost) -> str:
        message = _message(post)
        try:
            if post.attempt > 1 and post.since is not None:
                earlier = await self._earlier_post(post)
                if earlier is not None:
                    log.info("%s: found the earlier post of this alert", post.marker)
                    return earlier
            response = await self._client.chat_postMessage(
                channel=post.channel,
                text=message["text"],
                blocks=message["blocks"],
                metadata={"event_type": MARKER_EVENT, "event_payload": {"marker": post.marker}},
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            raise delivery_error(error) from error
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryError(f"Slack: {type(error).__name__}") from error
        return str(response["ts"])

    async def _earlier_post(self, post: AlertPost) -> str | None:
        """Our post of this alert since `post.since`, if an earlier attempt made one (it may
        have died between posting and recording)."""
        if self._identity is None:
            response = await self._client.auth_test()
            self._identity = (str(response.get("bot_id") or ""), str(response.get("user_id") or ""))
        bot_id, user_id = self._identity
        assert post.since is not None
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            response = await self._client.conversations_history(
                channel=post.channel,
                oldest=f"{post.since.timestamp():.6f}",
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                cursor=cursor,
            )
            for message in response.get("messages") or []:
                ours = (bot_id and message.get("bot_id") == bot_id) or (
                    user_id and message.get("user") == user_id
                )
                metadata = message.get("metadata") or {}
                marked = metadata.get("event_type") == MARKER_EVENT and (
                    (metadata.get("event_payload") or {}).get("marker") == post.marker
                )
                if ours and marked:
                    return str(message["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not response.get("has_more") or cursor is None:
                return None
        return None

    async def edit(self, post: AlertPost, message_id: str) -> None:
        message = _message(post)
        try:
            await self._client.chat_update(
                channel=post.channel, ts=message_id, text=message["text"], blocks=message["blocks"]
            )
        except SlackApiError as error:
            raise delivery_error(error) from error
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryError(f"Slack: {type(error).__name__}") from error

    async def notify_paused(
        self, platform: str, channel: str, user: str | None, reason: str
    ) -> bool:
        return await tell_paused(self._client, user, ALERTS_PAUSED, channel, reason)
