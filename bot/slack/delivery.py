"""Getting rendered messages to Slack: privately through `response_url`, publicly in a channel,
and the timeline chart as a file.

A public post goes through `chat.postMessage` (the bot is the author; rate limits are retried
by the client) and falls back to the `response_url`, which works in channels the bot has not
joined. A chart that cannot be uploaded is logged and skipped: the card itself is never lost.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.client import send_to_response_url
from bot.slack.limits import slack_limit_violations
from briefings.cards import ChartData

log = logging.getLogger("briefbot.slack")

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")

Message = dict[str, Any]


async def send_private(
    response_url: str,
    messages: list[Message],
    *,
    replace_original: bool = False,
    session: aiohttp.ClientSession | None = None,
) -> None:
    """Ephemeral answers; `replace_original` updates the message a button sat on (first only)."""
    for index, message in enumerate(messages):
        payload = {
            **message,
            "response_type": "ephemeral",
            "replace_original": replace_original and index == 0,
        }
        await send_to_response_url(response_url, payload, session=session)


async def delete_original(
    response_url: str, *, session: aiohttp.ClientSession | None = None
) -> None:
    """Remove the ephemeral card a button sat on (best effort: it is only tidying up)."""
    try:
        await send_to_response_url(response_url, {"delete_original": True}, session=session)
    except Exception as error:
        log.info("could not remove the private card after sharing (%s)", type(error).__name__)


def with_sharer(messages: list[Message], user_id: str) -> list[Message]:
    """Say who shared a card, so a bot post in a channel is never anonymous (skipped when the
    line would push the last message over a Slack limit)."""
    if not messages or not _USER_ID.match(user_id):
        return messages
    last = dict(messages[-1])
    last["blocks"] = [
        *(last.get("blocks") or []),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Shared by <@{user_id}>"}]},
    ]
    if slack_limit_violations(last):
        return messages
    return [*messages[:-1], last]


async def post_public(
    client: AsyncWebClient,
    channel: str,
    response_url: str | None,
    messages: list[Message],
    *,
    session: aiohttp.ClientSession | None = None,
) -> None:
    """Post in the channel as the bot, or through the response_url when the bot may not post."""
    if channel:
        try:
            for message in messages:
                await client.chat_postMessage(
                    channel=channel,
                    text=message.get("text", ""),
                    blocks=message.get("blocks"),
                    unfurl_links=False,
                    unfurl_media=False,
                )
            return
        except SlackApiError as error:
            if response_url is None:
                raise
            reason = error.response.get("error")
            log.info("chat.postMessage refused (%s); sharing through the response_url", reason)
    if response_url is None:
        raise RuntimeError("neither a channel nor a response_url to share the card in")
    for message in messages:
        payload = {**message, "response_type": "in_channel", "replace_original": False}
        await send_to_response_url(response_url, payload, session=session)


async def upload_chart(client: AsyncWebClient, channel: str, chart: ChartData) -> bool:
    """Draw the chart and upload it to the channel; False (and a log line) when that fails."""
    try:
        from briefings.charts import render_png

        png = await asyncio.to_thread(render_png, chart)
        await client.files_upload_v2(
            channel=channel,
            content=png,
            filename=chart.filename,
            title=chart.title,
            alt_txt=(chart.alt_text or chart.title)[:1000],
        )
    except SlackApiError as error:
        log.warning(
            "chart upload refused (%s); the card was posted without it", error.response.get("error")
        )
        return False
    except (SlackClientError, aiohttp.ClientError, TimeoutError, ImportError) as error:
        log.warning(
            "chart upload failed (%s); the card was posted without it", type(error).__name__
        )
        return False
    except Exception:
        log.exception("drawing the chart failed; the card was posted without it")
        return False
    return True
