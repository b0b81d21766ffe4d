"""Daily digests posted to Slack channels, once each even when an attempt died mid-post.

Every message carries the slot's marker in Slack message metadata (event type
`briefbot_digest`). A retried attempt first reads the channel's history since the slot's first
attempt (`conversations.history` with `include_all_metadata`) and takes the messages our bot
already posted for the slot instead of posting them again; a card that needs several messages
numbers them, so a retry posts only the ones still missing.

Scopes: `chat:write`, plus `channels:history` (and `groups:history` for private channels) for
the retry check. Slack answers refusals with an error code; the codes in `PERMANENT_ERRORS`
mean retrying cannot help, which pauses the channel sooner.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.digests.delivery import (
    DIGEST_PAUSED,
    MARKER_EVENT,
    DeliveryError,
    DigestPost,
    PauseNotice,
)
from bot.slack.escape import fit_mrkdwn
from bot.slack.render import render_slack
from briefings.digests.subscriptions import Subscription

log = logging.getLogger("briefbot.slack.digests")

# Refusals that stay refusals: the channel is gone or closed to the bot, or the token cannot
# post there. Anything else (rate limits past the client's retries, Slack outages) is retried.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "missing_scope",
        "restricted_action",
        "team_access_not_granted",
    }
)
HISTORY_PAGE = 200  # messages per conversations.history call
HISTORY_PAGES = 10  # a retry reads at most this many pages back to `since`
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,30}$")
_ERROR_CODE = re.compile(r"[^a-z0-9_]")


def delivery_error(error: SlackApiError) -> DeliveryError:
    """Slack's error code (never the request) as the reason."""
    code = _ERROR_CODE.sub("", str(error.response.get("error") or ""))[:60]
    if not code:
        code = f"HTTP {error.response.status_code}"
    return DeliveryError(f"Slack: {code}", permanent=code in PERMANENT_ERRORS)


def channel_ref(channel: str) -> str:
    """`<#C123>` (Slack shows the channel's name) for a channel ID, else the escaped text."""
    return f"<#{channel}>" if _CHANNEL_ID.match(channel) else fit_mrkdwn(channel, 100)


async def tell_paused(
    client: AsyncWebClient, user: str | None, notice: PauseNotice, channel: str, reason: str
) -> bool:
    """Tell `user` in a direct message that the channel's digest or alerts paused; False when
    nobody can be told (no user, or Slack refused). Never raises: a notice must not break a
    delivery run, and only Slack's error code is logged."""
    if not user:
        return False
    text = notice.text(channel_ref(channel), fit_mrkdwn(reason, 300))
    try:
        await client.chat_postMessage(
            channel=user, text=text, unfurl_links=False, unfurl_media=False
        )
    except SlackApiError as error:
        log.info("could not tell %s about the pause (%s)", user, delivery_error(error).reason)
        return False
    except Exception as error:
        log.info("could not tell %s about the pause (%s)", user, type(error).__name__)
        return False
    return True


class SlackDeliverer:
    """Posts digest cards with a bot-token `AsyncWebClient` (`bot.slack.client.make_web_client`,
    which retries rate-limited calls and dropped connections)."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._identity: tuple[str, str] | None = None  # (bot_id, user_id) from auth.test

    async def deliver(self, post: DigestPost) -> str:
        # Not shareable: a digest is public already. With no command line to re-ask, it gets
        # no paging or Sources button either; its sources are listed under its lines.
        messages = render_slack(post.card)
        try:
            earlier = await self._earlier_parts(post) if post.attempt > 1 else {}
            ids = []
            for part, message in enumerate(messages, 1):
                if part in earlier:
                    ids.append(earlier[part])
                    continue
                response = await self._client.chat_postMessage(
                    channel=post.subscription.channel,
                    text=message["text"],
                    blocks=message["blocks"],
                    metadata=_metadata(post, part, len(messages)),
                    unfurl_links=False,
                    unfurl_media=False,
                )
                ids.append(str(response["ts"]))
        except SlackApiError as error:
            raise delivery_error(error) from error
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryError(f"Slack: {type(error).__name__}") from error
        if earlier:
            log.info("%s: found %d earlier post(s) of this digest", post.marker, len(earlier))
        return ids[0]

    async def notify_paused(self, subscription: Subscription, reason: str) -> bool:
        return await tell_paused(
            self._client, subscription.subscribed_by, DIGEST_PAUSED, subscription.channel, reason
        )

    async def _bot(self) -> tuple[str, str]:
        """Who we post as; asked once (concurrent first calls may both ask: harmless)."""
        if self._identity is None:
            response = await self._client.auth_test()
            self._identity = (str(response.get("bot_id") or ""), str(response.get("user_id") or ""))
        return self._identity

    async def _earlier_parts(self, post: DigestPost) -> dict[int, str]:
        """The parts of this slot's digest our bot posted since `post.since`, by number."""
        bot_id, user_id = await self._bot()
        found: dict[int, str] = {}
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            response = await self._client.conversations_history(
                channel=post.subscription.channel,
                oldest=f"{post.since.timestamp():.6f}",
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                cursor=cursor,
            )
            for message in response.get("messages") or []:
                ours = (bot_id and message.get("bot_id") == bot_id) or (
                    user_id and message.get("user") == user_id
                )
                part = _marked_part(message, post.marker)
                if ours and part is not None:
                    found[part] = str(message["ts"])  # newest first: the earliest post wins
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not response.get("has_more") or cursor is None:
                return found
        log.warning(
            "%s: history past %d messages not read", post.marker, HISTORY_PAGE * HISTORY_PAGES
        )
        return found


def _metadata(post: DigestPost, part: int, parts: int) -> dict[str, Any]:
    payload = {"marker": post.marker, "part": part, "parts": parts}
    return {"event_type": MARKER_EVENT, "event_payload": payload}


def _marked_part(message: dict[str, Any], marker: str) -> int | None:
    """The part number a message's metadata gives it for `marker`, or None."""
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    if metadata.get("event_type") != MARKER_EVENT or payload.get("marker") != marker:
        return None
    part = payload.get("part", 1)
    return part if isinstance(part, int) and part >= 1 else 1
