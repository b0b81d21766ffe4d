"""The Web API client and the `response_url` sender, both with Slack's retry rules built in.

slack_sdk retries only connection errors by default; Slack answers a busy channel with 429 and
`Retry-After`, so every client here also waits and retries rate-limited calls. The Web API base
URL comes from settings (GovSlack's API host, or an emulator in tests).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import Settings

log = logging.getLogger("briefbot.slack")

DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 2
CONNECTION_RETRIES = 2


class ResponseUrlError(RuntimeError):
    """Slack refused a `response_url` post (expired, used up, or malformed message)."""


def retry_handlers(*, connection_errors: bool = True) -> list[AsyncRetryHandler]:
    """Retry dropped connections and rate-limited calls (honouring `Retry-After`)."""
    handlers: list[AsyncRetryHandler] = [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    ]
    if connection_errors:
        handlers.insert(0, AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES))
    return handlers


def api_base_url(settings: Settings) -> str:
    """The Web API base URL; slack_sdk joins method names with urljoin, so it ends with `/`."""
    url = (settings.slack_api_url or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


def make_web_client(settings: Settings, *, retry_dropped: bool = True) -> AsyncWebClient:
    """The bot-token client the app, the Socket Mode connection and uploads all share.

    Digests use one with `retry_dropped=False`: a connection dropped after Slack accepted a
    post would otherwise post it twice at once; the ledger's next attempt retries instead,
    after checking for the post by its metadata. (A 429 is always safe to retry.)"""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(
        token=token,
        base_url=api_base_url(settings),
        retry_handlers=retry_handlers(connection_errors=retry_dropped),
        logger=logging.getLogger("briefbot.slack.web"),
    )


async def send_to_response_url(response_url: str, message: dict[str, Any]) -> None:
    """POST one message to a `response_url`, retrying like the Web API client.

    Bolt's own `respond()` returns the HTTP status without looking at it; a refused answer
    must not vanish silently, so this raises `ResponseUrlError` instead.
    """
    client = AsyncWebhookClient(
        url=response_url,
        retry_handlers=retry_handlers(),
        logger=logging.getLogger("briefbot.slack.webhook"),
    )
    response = await client.send_dict(message)
    if response.status_code != 200:
        # The URL itself is a credential for the next 30 minutes: never log it.
        raise ResponseUrlError(
            f"response_url answered {response.status_code}: {str(response.body)[:200]}"
        )
