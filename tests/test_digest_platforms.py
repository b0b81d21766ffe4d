"""Digests end to end: real `briefbot` processes posting through the Slack and Discord emulators.

- A `digest run-due` process killed after Slack accepted its post, before it could record
  it; the next run, past the stale timeout, finds the post by its metadata: one post.
- `digest run-due` posting to Discord over REST with a nonce, twice for the same instant:
  one post.
- `briefbot run` (Slack HTTP mode) catching up at start-up on a digest it missed while down,
  then restarted: one post.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import ClientSession
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import open_core
from bot.digests.delivery import MARKER_EVENT
from briefings.digests.ledger import deliveries
from briefings.digests.subscriptions import subscribe
from briefings.store.database import open_database
from tests.conftest import SEEDS, make_settings
from tests.emulators.discord import FakeDiscord
from tests.emulators.slack import BOT_TOKEN, SIGNING_SECRET, SlackEmulator

CHANNEL = "C0PLATFORM"
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)
DISCORD_TOKEN = "discord-platform-token.SECRET"


def subscribed_db(tmp_path: Path, platform: str, channel: str, at: str) -> str:
    """A seeded SQLite database with one subscription; returns its URL."""
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    core = open_core(make_settings(url, tmp_path))
    subscribe(core.db, platform=platform, channel=channel, at=at, zone="UTC", now=LONG_AGO)
    core.close()
    return url


def base_env(tmp_path: Path, url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "BRIEFBOT_DATABASE_URL": url,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(SEEDS),
        **extra,
    }
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        if name not in extra:
            env.pop(name, None)
    return env


async def briefbot(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finished(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def ledger(url: str, platform: str, channel: str) -> list[dict[str, object]]:
    db = open_database(url)
    try:
        return [dict(row) for row in deliveries(db, platform, channel)]
    finally:
        db.dispose()


@pytest.mark.asyncio
async def test_killed_after_slack_accepted_the_post_then_rerun_posts_once(
    tmp_path: Path,
) -> None:
    url = subscribed_db(tmp_path, "slack", CHANNEL, "08:00")
    async with SlackEmulator() as slack:
        env = base_env(tmp_path, url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)
        slack.hang("chat.postMessage", seconds=60)  # accepted, but never answered in time
        doomed = await briefbot(env, tmp_path, "digest", "run-due", "--now", "2025-06-02T08:00Z")
        for _ in range(600):
            if slack.channel_messages(CHANNEL):
                break
            await asyncio.sleep(0.05)
        assert len(slack.channel_messages(CHANNEL)) == 1, "the first process never posted"
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
        [claimed] = ledger(url, "slack", CHANNEL)
        assert claimed["status"] == "claimed" and claimed["message_id"] is None

        # the same instant again: the claim is fresh, so nobody touches it
        code, out, _ = await finished(
            await briefbot(env, tmp_path, "digest", "run-due", "--now", "2025-06-02T08:05Z")
        )
        assert (code, out.splitlines()[-1]) == (0, "delivered 0")

        # past the stale timeout: taken over, the earlier post found by its metadata
        code, out, err = await finished(
            await briefbot(env, tmp_path, "digest", "run-due", "--now", "2025-06-02T08:30Z")
        )
        assert code == 0, err
        assert out.splitlines()[-1] == "delivered 1"
        [message] = slack.channel_messages(CHANNEL)
        assert message["metadata"]["event_type"] == MARKER_EVENT
        assert len(slack.api_calls("chat.postMessage")) == 1
        [sent] = ledger(url, "slack", CHANNEL)
        assert (sent["status"], sent["message_id"], sent["attempts"]) == (
            "sent",
            message["ts"],
            2,
        )
        assert BOT_TOKEN not in out + err


@pytest.mark.asyncio
async def test_run_due_posts_to_discord_once_per_day(tmp_path: Path) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(DISCORD_TOKEN)
    await fake.start()
    try:
        channel = fake.channel_ids[fake.guild_ids[0]]
        url = subscribed_db(tmp_path, "discord", str(channel), "07:00")
        env = base_env(tmp_path, url, DISCORD_TOKEN=DISCORD_TOKEN, DISCORD_API_URL=fake.api_url)
        runs = []
        for now in ("2025-06-02T07:00Z", "2025-06-02T07:00Z", "2025-06-02T09:00Z"):
            runs.append(
                await finished(await briefbot(env, tmp_path, "digest", "run-due", "--now", now))
            )
        assert [r[0] for r in runs] == [0, 0, 0], runs[0][2]
        assert [r[1].splitlines()[-1] for r in runs] == [
            "delivered 1",
            "delivered 0",
            "delivered 0",
        ]
        posts = [
            r
            for r in fake.requests
            if r.method == "POST" and r.path == f"/channels/{channel}/messages"
        ]
        assert len(posts) >= 1
        assert all(p.body["enforce_nonce"] is True and p.body["nonce"] for p in posts)
        assert all(p.body["allowed_mentions"] == {"parse": []} for p in posts)
        footer = posts[0].body["embeds"][-1]["footer"]["text"]
        assert f"digest discord:{channel} 2025-06-02" in footer
        assert all(DISCORD_TOKEN not in out + err for _, out, err in runs)
    finally:
        await fake.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def wait_ready(base: str, process: asyncio.subprocess.Process) -> None:
    async with ClientSession() as session:
        for _ in range(400):
            assert process.returncode is None, (await process.stderr.read()).decode()  # type: ignore[union-attr]
            try:
                async with session.get(f"{base}/readyz") as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError("the bot never became ready")


@pytest.mark.asyncio
async def test_the_running_bot_catches_up_a_missed_digest_once(
    tmp_path: Path, unused_tcp_port: int
) -> None:
    # subscribed for 00:00 UTC, long ago: today's digest was missed while the bot was down,
    # and 00:00 is at most ~24 h ago — inside the grace window only when the clock says so
    now = datetime.now(UTC)
    at = f"{max(now.hour - 1, 0):02d}:00"
    url = subscribed_db(tmp_path, "slack", CHANNEL, at)
    async with SlackEmulator() as slack:
        env = base_env(
            tmp_path,
            url,
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=slack.api_url,
            BRIEFBOT_HTTP_HOST="127.0.0.1",
            BRIEFBOT_HTTP_PORT=str(unused_tcp_port),
            BRIEFBOT_DIGEST_GRACE_HOURS="2",
        )
        for run in range(2):
            process = await briefbot(env, tmp_path, "run")
            try:
                await wait_ready(f"http://127.0.0.1:{unused_tcp_port}", process)
                for _ in range(200):
                    if slack.channel_messages(CHANNEL):
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)  # room for a wrong second post to show up
            finally:
                process.send_signal(signal.SIGTERM)
                code, _, err = await finished(process)
            assert code == 0, err
            assert len(slack.channel_messages(CHANNEL)) == 1, f"run {run}"
        metrics_seen = ledger(url, "slack", CHANNEL)
        assert [row["status"] for row in metrics_seen] == ["sent"]
