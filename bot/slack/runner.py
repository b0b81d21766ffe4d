"""Starting the Slack app in the mode the configuration asks for.

- Socket Mode (`SLACK_APP_TOKEN` + `SLACK_BOT_TOKEN`): the bot dials out to Slack; no public
  URL. One connection per replica; Slack spreads requests over them.
- HTTP mode (`SLACK_SIGNING_SECRET` + `SLACK_BOT_TOKEN`): Slack POSTs to `/slack/events` on the
  process's own web server (the one that also serves health checks), behind a load balancer.

`BRIEFBOT_SLACK_MODE` picks when both are configured (see `bot.slack.modes`).

How the process uses this (exactly):

    web_app = aiohttp.web.Application()          # add /healthz etc. as usual
    if slack_mode(settings) == "http":
        await run_slack(core, settings, web_app)  # mounts POST /slack/events, returns at once
    elif slack_mode(settings) == "socket":
        task = asyncio.create_task(run_slack(core, settings, web_app))  # runs until cancelled
    # ... then serve web_app on settings.http_host:settings.http_port; on shutdown cancel the
    # Socket Mode task (it closes its connection) and clean up the web app runner.

In HTTP mode `run_slack` must be awaited before the web app starts serving (aiohttp freezes
its routes then); it raises `SlackConfigError` if that order is broken. It raises
`SlackConfigError` too when Slack is not configured or refuses the bot token.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import BotCore
from bot.config import Settings
from bot.slack.app import build_slack_app
from bot.slack.modes import SLACK_EVENTS_PATH, SlackConfigError, slack_mode
from bot.slack.work import AnswerWork

__all__ = [
    "SLACK_EVENTS_PATH",
    "SlackConfigError",
    "check_app_token",
    "check_bot_token",
    "mount_http",
    "run_slack",
    "run_socket_mode",
    "slack_mode",
]

log = logging.getLogger("briefbot.slack")

_REFUSED_TOKEN = {"invalid_auth", "not_authed", "account_inactive", "token_revoked"}


def _timestamp_readable(request: web.Request) -> bool:
    """Whether the signature's timestamp is a number: bolt's verifier raises on anything
    else (a 500 and an error log per anonymous request) instead of refusing."""
    stamp = request.headers.get("X-Slack-Request-Timestamp", "")
    return stamp.isascii() and stamp.isdigit() and len(stamp) <= 12


def mount_http(app: AsyncApp, web_app: web.Application, path: str = SLACK_EVENTS_PATH) -> None:
    """Route Slack's signed POSTs on `path` to the bolt app (bolt verifies the signature)."""
    if web_app.frozen:
        raise SlackConfigError("run_slack must be awaited before the web app starts serving.")

    async def slack_events(request: web.Request) -> web.Response:
        if not _timestamp_readable(request):
            return web.json_response({"error": "invalid request"}, status=401)
        bolt_response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    web_app.router.add_post(path, slack_events)


async def check_bot_token(client: AsyncWebClient) -> None:
    """Fail at start-up on a token Slack refuses; only warn when Slack cannot be reached."""
    try:
        await client.auth_test()
    except SlackApiError as error:
        reason = str(error.response.get("error"))
        if reason in _REFUSED_TOKEN:
            raise SlackConfigError(f"Slack refused SLACK_BOT_TOKEN ({reason}).") from None
        log.warning("Slack auth.test failed (%s); starting anyway", reason)
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        log.warning("Slack could not be reached (%s); starting anyway", type(error).__name__)


async def check_app_token(client: AsyncWebClient, app_token: str) -> None:
    """Fail at start-up on an app-level token Slack refuses (the Socket Mode client would
    otherwise retry it forever, one log line every few seconds)."""
    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        reason = str(error.response.get("error"))
        if reason in _REFUSED_TOKEN or reason == "not_allowed_token_type":
            raise SlackConfigError(f"Slack refused SLACK_APP_TOKEN ({reason}).") from None
        log.warning("Slack apps.connections.open failed (%s); connecting anyway", reason)
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        log.warning("Slack could not be reached (%s); connecting anyway", type(error).__name__)


async def run_socket_mode(
    app: AsyncApp, settings: Settings, work: AnswerWork | None = None
) -> None:
    """Connect over Socket Mode and serve until cancelled, then close the connection (and
    let the answers already acknowledged finish, when `work` is given)."""
    if settings.slack_app_token is None:
        raise SlackConfigError("Socket Mode needs SLACK_APP_TOKEN.")
    app_token = settings.slack_app_token.get_secret_value()
    await check_app_token(app.client, app_token)
    handler = AsyncSocketModeHandler(
        app,
        app_token=app_token,
        web_client=app.client,
        logger=logging.getLogger("briefbot.slack.socket"),
    )
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack Socket Mode connected")
        await asyncio.Event().wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
        if work is not None:
            await work.drain()


async def run_slack(core: BotCore, settings: Settings, web_app: web.Application) -> None:
    """Serve Slack: HTTP mode mounts the route and returns; Socket Mode runs until cancelled."""
    mode = slack_mode(settings)
    if mode is None:
        raise SlackConfigError(
            "Slack needs SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) "
            "or SLACK_SIGNING_SECRET (HTTP mode)."
        )
    work = AnswerWork(core, settings.answer_workers, processes=settings.answer_processes)
    work.start()  # before the bot token check, whose DNS lookup starts a thread
    app = build_slack_app(core, settings, work=work)
    if mode == "http":
        mount_http(app, web_app)

        async def drain(_: web.Application) -> None:
            await work.drain()  # the server stopped accepting; answer what it acked

        web_app.on_shutdown.append(drain)
        await check_bot_token(app.client)
        log.info("Slack HTTP mode: listening on %s", SLACK_EVENTS_PATH)
        return
    await check_bot_token(app.client)
    await run_socket_mode(app, settings, work)
