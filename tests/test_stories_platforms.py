"""Stories on Discord and Slack, end to end through the emulators on 127.0.0.1: a channel
manager binds a channel with /story use, commands asked there answer for that story (the real
discord.py and slack-bolt code runs), and the channel's digest covers only that story."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import BotCore, open_core
from bot.discord.client import build_client, configure_endpoints
from bot.discord.render import render_discord
from bot.slack.render import render_slack
from briefings.commands.registry import ChatPlace
from briefings.digests.subscriptions import subscribe
from briefings.service import ingest_paths
from tests.conftest import SEEDS, make_settings
from tests.emulators.discord import AUTOCOMPLETE_RESULT, FakeDiscord
from tests.emulators.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackEmulator,
    post_signed,
    slash_command,
)
from tests.test_discord_client import TOKEN, connected, data_of, embeds
from tests.test_slack_app import ADMIN_USER, PLAIN_USER, _settings, serve_http
from tests.test_stories import CORPUS, make_stories

MANAGE = 0x400 | discord.Permissions(manage_channels=True).value
MEMBER = 0x400 | 0x800
SLACK_CHANNEL = "C0REDSEA"
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotCore]:
    tmp = tmp_path_factory.mktemp("stories-platforms")
    core = open_core(make_settings(f"sqlite:///{tmp / 'core.sqlite3'}", tmp))
    make_stories(core)
    ingest_paths(core.db, [CORPUS])
    yield core
    core.close()


@pytest.fixture
def endpoints() -> Iterator[None]:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest_asyncio.fixture
async def fake(endpoints: None) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord(TOKEN, guilds=2)
    await fake.start()
    yield fake
    await fake.stop()


def footer(payload: dict[str, Any]) -> str:
    return str(embeds(payload)[-1]["footer"]["text"])


@pytest.mark.asyncio
async def test_a_discord_channel_bound_with_story_use_answers_for_that_story(
    fake: FakeDiscord, core: BotCore, tmp_path: Path
) -> None:
    bound_guild, other_guild = fake.guild_ids
    channel = str(fake.channel_ids[bound_guild])
    settings = make_settings(
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        tmp_path,
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_URL=fake.api_url,
        DISCORD_GATEWAY_URL=fake.gateway_url,
    )
    configure_endpoints(settings)
    client = build_client(core, settings, guild_ready_timeout=0.05, answer_budget=2.5)
    try:
        async with connected(client):
            member = await fake.slash(
                "story",
                {"action": "use", "name": "red-sea"},
                guild_id=bound_guild,
                permissions=MEMBER,
            )
            (refused,) = await fake.responses(member)
            assert "Only channel managers" in embeds(data_of(refused))[0]["description"]
            manager = await fake.slash(
                "story",
                {"action": "use", "name": "red-sea"},
                guild_id=bound_guild,
                permissions=MANAGE,
            )
            (bound,) = await fake.responses(manager)
            assert "follows Red Sea shipping" in embeds(data_of(bound))[0]["title"]

            asked = await fake.slash("timeline", {"period": "all"}, guild_id=bound_guild)
            elsewhere = await fake.slash("timeline", {"period": "all"}, guild_id=other_guild)
            beyond = await fake.slash(
                "timeline", {"period": "all", "story": "all"}, guild_id=bound_guild
            )
            typed = await fake.autocomplete("story", {"name": "red"}, "name", guild_id=bound_guild)
            (scoped,) = await fake.responses(asked)
            (unbound,) = await fake.responses(elsewhere)
            (everything,) = await fake.responses(beyond)
            (completed,) = await fake.responses(typed)
    finally:
        core.ask("/story use all", place=ChatPlace("discord", channel), admin=True)
    assert "(red-sea)" in footer(data_of(scoped))
    expected = core.ask("/timeline period:all", story="red-sea")
    assert embeds(data_of(scoped)) == embeds(render_discord(expected, chart_attached=True)[0])
    assert footer(data_of(unbound)).endswith("All stories")
    assert footer(data_of(everything)).endswith("All stories")
    assert completed.body["type"] == AUTOCOMPLETE_RESULT
    assert completed.body["data"]["choices"][0]["value"] == "red-sea"


async def _slack(slack: SlackEmulator, app_url: str, command: str, text: str, **kw: Any):
    url = slack.response_url()
    delivery = await post_signed(app_url, slash_command(command, text, response_url=url, **kw))
    assert delivery.status == 200
    return await slack.wait_responses(url)


@pytest.mark.asyncio
async def test_a_slack_channel_bound_with_story_use_answers_for_that_story(
    core: BotCore, tmp_path: Path
) -> None:
    async with SlackEmulator() as slack:
        slack.users[ADMIN_USER] = {"is_admin": True}
        slack.users[PLAIN_USER] = {}
        settings = _settings(tmp_path, slack, "http")
        assert settings.slack_signing_secret is not None
        async with serve_http(core, settings) as app_url:
            try:
                [refused] = await _slack(
                    slack,
                    app_url,
                    "/story",
                    "use red-sea",
                    user_id=PLAIN_USER,
                    channel_id=SLACK_CHANNEL,
                )
                assert "Only channel managers" in str(refused["blocks"])
                [bound] = await _slack(
                    slack,
                    app_url,
                    "/story",
                    "use red-sea",
                    user_id=ADMIN_USER,
                    channel_id=SLACK_CHANNEL,
                )
                assert "Red Sea shipping" in str(bound["blocks"])
                [scoped] = await _slack(
                    slack, app_url, "/timeline", "period:all", channel_id=SLACK_CHANNEL
                )
                [unbound] = await _slack(slack, app_url, "/timeline", "period:all")
            finally:
                core.ask("/story use all", place=ChatPlace("slack", SLACK_CHANNEL), admin=True)
    expected = core.ask("/timeline period:all", story="red-sea")
    assert scoped["blocks"] == render_slack(expected, shareable=True)[0]["blocks"]
    assert "(red-sea)" in str(scoped["blocks"]) and "All stories" in str(unbound["blocks"])
    assert SIGNING_SECRET not in str(scoped)


@pytest.mark.asyncio
async def test_a_bound_slack_channels_digest_covers_only_its_story(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    seeded = open_core(make_settings(url, tmp_path))
    make_stories(seeded)
    ingest_paths(seeded.db, [CORPUS])
    subscribe(
        seeded.db, platform="slack", channel=SLACK_CHANNEL, at="08:00", zone="UTC", now=LONG_AGO
    )
    seeded.ask("/story use red-sea", place=ChatPlace("slack", SLACK_CHANNEL), admin=True)
    seeded.close()
    async with SlackEmulator() as slack:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))},
            "BRIEFBOT_DATABASE_URL": url,
            "BRIEFBOT_DATA_DIR": str(tmp_path),
            "BRIEFBOT_SEEDS_DIR": str(SEEDS),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_API_URL": slack.api_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "digest",
            "run-due",
            "--now",
            "2025-06-02T08:00Z",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
        assert process.returncode == 0, err.decode()
        assert out.decode().splitlines()[-1] == "delivered 1"
        [message] = slack.channel_messages(SLACK_CHANNEL)
    posted = str(message["blocks"])
    assert "Red Sea" in posted and "(red-sea)" in posted
    for other in ("Sandu", "Moldova", "Newsweek", "Karabakh"):
        assert other not in posted, other
