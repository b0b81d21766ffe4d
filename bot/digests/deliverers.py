"""The deliverers a process has: one per platform it is connected to.

`briefbot run` shares the adapters' clients (one Discord connection, one Slack Web API
client); `briefbot digest run-due` opens REST-only clients for the length of the run, so it
can deliver from cron without a gateway connection.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.config import Settings
from bot.digests.delivery import ConsoleDeliverer, Deliverer


def running_deliverers(
    settings: Settings, *, discord_client: Any = None, console: bool = False
) -> dict[str, Deliverer]:
    """Deliverers sharing a running bot's clients (`discord_client` is the gateway client)."""
    deliverers: dict[str, Deliverer] = {}
    if console:
        deliverers["console"] = ConsoleDeliverer(sys.stdout)
    if "slack" in settings.platforms_configured:
        from bot.slack.client import make_web_client
        from bot.slack.digests import SlackDeliverer

        deliverers["slack"] = SlackDeliverer(make_web_client(settings, retry_dropped=False))
    if discord_client is not None:
        from bot.discord.digests import DiscordDeliverer

        deliverers["discord"] = DiscordDeliverer(discord_client)
    return deliverers


@asynccontextmanager
async def cli_deliverers(settings: Settings) -> AsyncIterator[dict[str, Deliverer]]:
    """Console to stdout, plus every platform with credentials, REST only."""
    deliverers: dict[str, Deliverer] = {"console": ConsoleDeliverer(sys.stdout)}
    if settings.slack_bot_token:
        from bot.slack.client import make_web_client
        from bot.slack.digests import SlackDeliverer

        deliverers["slack"] = SlackDeliverer(make_web_client(settings, retry_dropped=False))
    discord_client = None
    if settings.discord_token:
        from bot.discord.digests import DiscordDeliverer, open_rest_client

        discord_client = await open_rest_client(settings)
        deliverers["discord"] = DiscordDeliverer(discord_client)
    try:
        yield deliverers
    finally:
        if discord_client is not None:
            await discord_client.close()
