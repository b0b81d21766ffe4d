"""Alerts through the Slack and Discord emulators with real `briefbot alerts run` processes:
nothing for the seeds, one post when an offensive is reported, nothing on a second run, and an
edit in place — never a second post — when a second outlet reports the same offensive."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import open_core
from briefings.alerts.rules import subscribe
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import make_settings
from tests.emulators.discord import FakeDiscord
from tests.emulators.slack import BOT_TOKEN, SlackEmulator
from tests.test_digest_platforms import base_env, briefbot, finished

CORPUS = Path(__file__).parent / "corpora" / "alerts"
CHANNEL = "C0ALERTS"
DISCORD_TOKEN = "discord-alerts-token.SECRET"
REPORTS = (("offensive_first.txt", "Reuters"), ("offensive_second.txt", "Associated Press"))


def _ruled_db(tmp_path: Path, platform: str, channel: str) -> str:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    core = open_core(make_settings(url, tmp_path))
    with core.db.session() as session:
        subscribe(session, platform=platform, channel=channel, kinds=["offensive"])
    core.close()
    return url


def _report(tmp_path: Path, url: str, index: int) -> None:
    name, outlet = REPORTS[index]
    core = open_core(make_settings(url, tmp_path))
    try:
        meta = ArticleMeta(outlet=outlet, published=date(2024, 3, 12))
        assert ingest_text(core.db, (CORPUS / name).read_text(encoding="utf-8"), meta).stored
    finally:
        core.close()


async def _run(env: dict[str, str], tmp_path: Path) -> list[str]:
    now = datetime.now(UTC).isoformat()
    code, out, err = await finished(await briefbot(env, tmp_path, "alerts", "run", "--now", now))
    assert code == 0, err
    assert BOT_TOKEN not in out + err and DISCORD_TOKEN not in out + err
    return out.strip().splitlines()


@pytest.mark.asyncio
async def test_slack_alert_posted_once_then_updated_in_place(tmp_path: Path) -> None:
    url = _ruled_db(tmp_path, "slack", CHANNEL)
    async with SlackEmulator() as slack:
        env = base_env(tmp_path, url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)
        assert (await _run(env, tmp_path))[-1] == "delivered 0"
        _report(tmp_path, url, 0)
        lines = await _run(env, tmp_path)
        assert lines[-1] == "delivered 1"
        [message] = slack.channel_messages(CHANNEL)
        assert lines[-2].endswith(f"sent {message['ts']}")
        assert "Reuters" in str(message["blocks"]) and "edited" not in message
        assert (await _run(env, tmp_path))[-1] == "delivered 0"

        _report(tmp_path, url, 1)
        lines = await _run(env, tmp_path)
        assert lines[-1] == "delivered 0" and " edited " in lines[-2]
        [message] = slack.channel_messages(CHANNEL)
        assert "edited" in message and "Associated Press" in str(message["blocks"])
        assert len(slack.api_calls("chat.postMessage")) == 1
        assert len(slack.api_calls("chat.update")) == 1
        assert (await _run(env, tmp_path))[-1] == "delivered 0"


@pytest.mark.asyncio
async def test_discord_alert_posted_once_then_edited_in_place(tmp_path: Path) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(DISCORD_TOKEN)
    await fake.start()
    try:
        channel = fake.channel_ids[fake.guild_ids[0]]
        url = _ruled_db(tmp_path, "discord", str(channel))
        env = base_env(tmp_path, url, DISCORD_TOKEN=DISCORD_TOKEN, DISCORD_API_URL=fake.api_url)
        assert (await _run(env, tmp_path))[-1] == "delivered 0"
        _report(tmp_path, url, 0)
        assert (await _run(env, tmp_path))[-1] == "delivered 1"
        assert (await _run(env, tmp_path))[-1] == "delivered 0"
        _report(tmp_path, url, 1)
        lines = await _run(env, tmp_path)
        assert lines[-1] == "delivered 0" and " edited " in lines[-2]

        posts = [
            r
            for r in fake.requests
            if r.method == "POST" and r.path == f"/channels/{channel}/messages"
        ]
        edits = [r for r in fake.requests if r.method == "PATCH"]
        assert len(posts) == 1 and len(edits) == 1
        assert posts[0].body["enforce_nonce"] is True and posts[0].body["nonce"]
        assert posts[0].body["allowed_mentions"] == {"parse": []}
        [message] = fake.channel_messages(channel)
        assert message["edited_timestamp"] is not None
        assert "Associated Press" in str(message["embeds"]) and "Reuters" in str(message["embeds"])
    finally:
        await fake.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.mark.asyncio
async def test_three_replicas_at_once_post_each_alert_once(
    database_url: str, tmp_path: Path
) -> None:
    """Three `alerts run` processes on one database (PostgreSQL when configured): the
    ledger's claims let exactly one post the alert, and exactly one make the edit."""
    core = open_core(make_settings(database_url, tmp_path))
    with core.db.session() as session:
        subscribe(session, platform="slack", channel=CHANNEL, kinds=["offensive"])
    core.close()
    async with SlackEmulator() as slack:
        env = base_env(
            tmp_path, database_url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url
        )
        for index in (0, 1):
            _report(tmp_path, database_url, index)
            runs = await asyncio.gather(*(_run(env, tmp_path) for _ in range(3)))
            delivered = sorted(lines[-1] for lines in runs)
            if index == 0:
                assert delivered == ["delivered 0", "delivered 0", "delivered 1"]
            else:
                edited = [line for lines in runs for line in lines if " edited " in line]
                assert delivered == ["delivered 0"] * 3 and len(edited) == 1
        assert len(slack.api_calls("chat.postMessage")) == 1
        assert len(slack.api_calls("chat.update")) == 1
        [message] = slack.channel_messages(CHANNEL)
        assert "Associated Press" in str(message["blocks"])


@pytest.mark.asyncio
async def test_killed_after_slack_accepted_the_alert_then_rerun_posts_once(
    tmp_path: Path,
) -> None:
    url = _ruled_db(tmp_path, "slack", CHANNEL)
    _report(tmp_path, url, 0)
    async with SlackEmulator() as slack:
        env = base_env(tmp_path, url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)
        slack.hang("chat.postMessage", seconds=60)  # accepted, but never answered in time
        doomed = await briefbot(env, tmp_path, "alerts", "run")
        for _ in range(600):
            if slack.channel_messages(CHANNEL):
                break
            await asyncio.sleep(0.05)
        assert len(slack.channel_messages(CHANNEL)) == 1, "the first process never posted"
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()

        # at once: the claim is fresh, so nobody touches it
        assert (await _run(env, tmp_path))[-1] == "delivered 0"
        # past the stale timeout: taken over, and the earlier post found by its metadata
        later = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()
        code, out, err = await finished(
            await briefbot(env, tmp_path, "alerts", "run", "--now", later)
        )
        assert code == 0, err
        assert out.splitlines()[-1] == "delivered 1"
        [message] = slack.channel_messages(CHANNEL)
        assert out.splitlines()[-2].endswith(f"sent {message['ts']}")
        assert len(slack.api_calls("chat.postMessage")) == 1
