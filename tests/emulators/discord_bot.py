"""The real discord.py client connected to the Discord emulator, for tests that need a bot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

from bot.app import BotCore
from bot.config import Settings
from bot.discord.client import build_client, configure_endpoints
from tests.conftest import make_settings
from tests.emulators.discord import FakeDiscord


def discord_settings(fake: FakeDiscord, tmp_path: Path, token: str) -> Settings:
    return make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        DISCORD_TOKEN=token,
        DISCORD_API_URL=fake.api_url,
        DISCORD_GATEWAY_URL=fake.gateway_url,
    )


@asynccontextmanager
async def running_discord_bot(
    fake: FakeDiscord, core: BotCore, tmp_path: Path, token: str
) -> AsyncIterator[None]:
    """The real client, connected to the fake and ready, answering from `core`."""
    settings = discord_settings(fake, tmp_path, token)
    configure_endpoints(settings)
    client = build_client(core, settings, answer_budget=2.5, guild_ready_timeout=0.05)
    task = asyncio.create_task(client.start(token))
    try:
        async with asyncio.timeout(5):
            while not client.is_ready():
                if task.done():
                    task.result()
                await asyncio.sleep(0.01)
        yield
    finally:
        await client.close()
        with suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)
