"""The discord.py client: minimal intents, mentions off, commands from the registry.

`run_discord` is what `briefbot run` starts when DISCORD_TOKEN is set. It never syncs the
command tree (that is `briefbot discord sync`, a deploy step: syncing on every start-up runs
into Discord's rate limits).

DISCORD_API_URL and DISCORD_GATEWAY_URL (REST / gateway proxies, emulators) are applied by
`configure_endpoints` to discord.py class attributes, so they are **process-wide**: every
client in the process uses them. They must be set before the client connects.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import BotCore
from bot.config import Settings
from bot.discord.protocol import Answerer
from bot.discord.replies import warm_up_charts
from bot.discord.responder import ANSWER_BUDGET, Responder
from bot.discord.tree import build_tree
from bot.discord.views import ActionButton
from briefings.commands.registry import CommandRegistry

log = logging.getLogger(__name__)

GUILD_READY_TIMEOUT = 2.0


def intents() -> discord.Intents:
    """Slash commands and buttons need no intents; `guilds` keeps discord.py's channel and
    permission cache coherent. Nothing privileged."""
    return discord.Intents(guilds=True)


def configure_endpoints(settings: Settings) -> None:
    """Point discord.py at DISCORD_API_URL / DISCORD_GATEWAY_URL (process-wide; see above)."""
    if settings.discord_api_url:
        Route.BASE = settings.discord_api_url.rstrip("/")
    if settings.discord_gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def _client_options(guild_ready_timeout: float) -> dict[str, Any]:
    return {
        "intents": intents(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "max_messages": None,  # nothing reads message history: keep no message cache
        "chunk_guilds_at_startup": False,
        "member_cache_flags": discord.MemberCacheFlags.none(),
        "guild_ready_timeout": guild_ready_timeout,
    }


def _setup(client: _BriefbotHooks) -> None:
    """Once per client, before connecting: route button clicks by custom_id, and draw a chart
    in the background so the first timeline answer does not pay matplotlib's start-up."""
    client.add_dynamic_items(ActionButton)
    if client.answerer is not None:
        client.warm_up = asyncio.create_task(asyncio.to_thread(warm_up_charts))
        client.warm_up.add_done_callback(_warm_up_done)


def _warm_up_done(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        log.warning("chart warm-up failed (%s); charts may be slow", type(error).__name__)


def _log_ready(client: discord.Client) -> None:
    log.info(
        "Discord: connected as %s (application %s), %d guild(s), shards %s",
        client.user,
        client.application_id,
        len(client.guilds),
        sorted(client.shards) if isinstance(client, discord.AutoShardedClient) else "none",
    )


class _BriefbotHooks(discord.Client):
    """What both client kinds share: the command tree, button routing, chart warm-up."""

    def _attach(self, registry: CommandRegistry, answerer: Answerer | None) -> None:
        self.answerer = answerer
        self.tree: app_commands.CommandTree[Any] = build_tree(self, registry)
        self.warm_up: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        _setup(self)

    async def on_ready(self) -> None:
        _log_ready(self)

    async def close(self) -> None:
        if self.warm_up is not None:
            self.warm_up.cancel()
        await super().close()


class BriefbotClient(_BriefbotHooks):
    """One gateway session. `answerer` is None for a client built only to sync commands."""

    def __init__(
        self,
        registry: CommandRegistry,
        answerer: Answerer | None = None,
        *,
        guild_ready_timeout: float = GUILD_READY_TIMEOUT,
    ) -> None:
        super().__init__(**_client_options(guild_ready_timeout))
        self._attach(registry, answerer)


class BriefbotShardedClient(_BriefbotHooks, discord.AutoShardedClient):
    """Several shards in one process; each shard id must belong to exactly one process."""

    def __init__(
        self,
        registry: CommandRegistry,
        answerer: Answerer | None = None,
        *,
        shard_ids: list[int] | None = None,
        shard_count: int | None = None,
        guild_ready_timeout: float = GUILD_READY_TIMEOUT,
    ) -> None:
        options = _client_options(guild_ready_timeout)
        if shard_ids is not None:
            options["shard_ids"] = shard_ids
        super().__init__(shard_count=shard_count, **options)
        self._attach(registry, answerer)


def make_client(
    settings: Settings,
    registry: CommandRegistry,
    answerer: Answerer | None = None,
    *,
    guild_ready_timeout: float = GUILD_READY_TIMEOUT,
) -> BriefbotClient | BriefbotShardedClient:
    """An `AutoShardedClient` when shard settings are given, else a plain `Client`."""
    if settings.discord_shard_count is not None or settings.discord_shard_ids is not None:
        return BriefbotShardedClient(
            registry,
            answerer,
            shard_ids=settings.discord_shard_ids,
            shard_count=settings.discord_shard_count,
            guild_ready_timeout=guild_ready_timeout,
        )
    return BriefbotClient(registry, answerer, guild_ready_timeout=guild_ready_timeout)


def build_client(
    core: BotCore,
    settings: Settings,
    *,
    answer_budget: float = ANSWER_BUDGET,
    guild_ready_timeout: float = GUILD_READY_TIMEOUT,
) -> BriefbotClient | BriefbotShardedClient:
    """A client that answers from `core` (not yet connected; endpoints are not touched)."""
    responder = Responder(core, answer_budget=answer_budget)
    return make_client(settings, core.commands, responder, guild_ready_timeout=guild_ready_timeout)


def discord_token(settings: Settings) -> str:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise ValueError("DISCORD_TOKEN is not set")
    return settings.discord_token.get_secret_value().strip()


async def run_discord(
    core: BotCore,
    settings: Settings,
    client: BriefbotClient | BriefbotShardedClient | None = None,
) -> None:
    """Connect and answer until cancelled; the client is closed cleanly either way. Pass a
    `client` built beforehand when something else (the digest deliverer) shares it."""
    token = discord_token(settings)
    configure_endpoints(settings)
    client = client or build_client(core, settings)
    async with client:
        await client.start(token, reconnect=True)
