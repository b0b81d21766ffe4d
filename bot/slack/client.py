"""The Web API client and the `response_url` sender, both with Slack's retry rules built in.

slack_sdk retries only connection errors by default; Slack answers a busy channel with 429 and
`Retry-After`, so every client here also waits and retries rate-limited calls, and the clients
that answer users also retry a passing server error (500, 502, 503, 504) after a short
back-off. The Web API base URL comes from settings (GovSlack's API host, or an emulator in
tests).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import Settings

log = logging.getLogger("briefbot.slack")
# slack_sdk's webhook client writes the response_url (a credential for 30 minutes) into its
# debug lines whenever its logger's own level allows debug, whatever the handlers' level:
# this logger never does.
_WEBHOOK_LOG = logging.getLogger("briefbot.slack.webhook")
_WEBHOOK_LOG.setLevel(logging.INFO)

DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 2
CONNECTION_RETRIES = 2
SERVER_ERROR_RETRIES = 2
SERVER_ERROR_BACKOFF = 0.5  # seconds before the first retry of a server error; doubles
SERVER_ERRORS = frozenset({500, 502, 503, 504})


class ResponseUrlError(RuntimeError):
    """Slack refused a `response_url` post (expired, used up, or malformed message)."""


class ServerErrorRetryHandler(AsyncRetryHandler):
    """Retry a call Slack answered with a gateway or server error (slack_sdk's own handler
    knows only 500 and 503; a load balancer in front of Slack says 502 or 504)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code in SERVER_ERRORS


def retry_handlers(
    *, connection_errors: bool = True, server_errors: bool = False
) -> list[AsyncRetryHandler]:
    """Retry rate-limited calls (honouring `Retry-After`); on request, also dropped
    connections and server errors — failures after which Slack may, rarely, have acted, so
    only clients for which a repeat is better than a loss ask for them."""
    handlers: list[AsyncRetryHandler] = [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
    ]
    if connection_errors:
        handlers.insert(0, AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES))
    if server_errors:
        handlers.append(ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES))
    return handlers


def api_base_url(settings: Settings) -> str:
    """The Web API base URL; slack_sdk joins method names with urljoin, so it ends with `/`."""
    url = (settings.slack_api_url or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


def make_web_client(
    settings: Settings, *, retry_dropped: bool = True, retry_server_errors: bool = False
) -> AsyncWebClient:
    """The bot-token client the app, the Socket Mode connection and uploads all share.

    Digests use one with `retry_dropped=False`: a connection dropped after Slack accepted a
    post would otherwise post it twice at once; the ledger's next attempt retries instead,
    after checking for the post by its metadata. (A 429 is always safe to retry.) The app's
    client answers users, who would rather see a rare repeat than nothing: it also retries
    server errors (`retry_server_errors`)."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(
        token=token,
        base_url=api_base_url(settings),
        retry_handlers=retry_handlers(
            connection_errors=retry_dropped, server_errors=retry_server_errors
        ),
        logger=logging.getLogger("briefbot.slack.web"),
    )


async def send_to_response_url(
    response_url: str, message: dict[str, Any], *, session: aiohttp.ClientSession | None = None
) -> None:
    """POST one message to a `response_url`, retrying like the app's Web API client.

    `session`: a shared one keeps connections to Slack open between answers (without it,
    every post opens a session and a connection of its own).

    slack_sdk's webhook client consults its retry handlers on a 429 only, so a server error
    is retried here, after a short back-off. Bolt's own `respond()` returns the HTTP status
    without looking at it; a refused answer must not vanish silently, so this raises
    `ResponseUrlError` instead.
    """
    client = AsyncWebhookClient(
        url=response_url,
        retry_handlers=retry_handlers(),
        logger=_WEBHOOK_LOG,
        session=session,
    )
    for attempt in range(SERVER_ERROR_RETRIES + 1):
        response = await client.send_dict(message)
        if response.status_code not in SERVER_ERRORS or attempt == SERVER_ERROR_RETRIES:
            break
        log.info("response_url answered %s; retrying", response.status_code)
        await asyncio.sleep(SERVER_ERROR_BACKOFF * 2**attempt)
    if response.status_code != 200:
        # The URL itself is a credential for the next 30 minutes: never log it.
        raise ResponseUrlError(
            f"response_url answered {response.status_code}: {str(response.body)[:200]}"
        )
