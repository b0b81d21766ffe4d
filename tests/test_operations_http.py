"""What operators see: health, readiness and metrics over HTTP, and logs without secrets.

The Discord case runs the real `briefbot run` process against the Discord emulator (REST and
gateway on 127.0.0.1) with debug logging in JSON: ready only after the gateway's READY, every
log line one JSON object, and the token nowhere.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import ClientSession
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import BotCore, open_core
from bot.http import Health, build_web_app, start_web_app
from bot.logs import REDACTED, configure_logging
from briefings.commands.registry import ChatPlace
from briefings.ingest import ArticleMeta
from briefings.service import ingest_text
from tests.conftest import SEEDS, make_settings
from tests.emulators.discord import FakeDiscord

SECRET = "xoxb-very-secret-token-value"


@pytest.fixture
def core(tmp_path: Path) -> Iterator[BotCore]:
    opened = open_core(make_settings(f"sqlite:///{tmp_path}/ops.sqlite3", tmp_path))
    yield opened
    opened.close()


async def get(app_health: Health, path: str) -> tuple[int, str]:
    runner = await start_web_app(build_web_app(app_health), "127.0.0.1", 0)
    port = runner.addresses[0][1]
    try:
        async with (
            ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}{path}") as response,
        ):
            return response.status, await response.text()
    finally:
        await runner.cleanup()


def sample(text: str, name: str, labels: str = "") -> float:
    """The value of one sample in Prometheus text (labels in any order), 0 when absent."""
    wanted = set(labels.split(",")) if labels else set()
    for line in text.splitlines():
        series, _, value = line.rpartition(" ")
        metric, _, rest = series.partition("{")
        if metric == name and set(filter(None, rest.rstrip("}").split(","))) == wanted:
            return float(value)
    return 0.0


def test_readiness_follows_its_checks(core: BotCore) -> None:
    health = Health(core)
    assert asyncio.run(get(health, "/healthz"))[0] == 200
    status, body = asyncio.run(get(health, "/readyz"))
    assert status == 200 and json.loads(body)["checks"]["database"] is True
    health.checks["discord"] = lambda: False
    status, body = asyncio.run(get(health, "/readyz"))
    assert status == 503 and json.loads(body)["checks"]["discord"] is False
    assert asyncio.run(get(health, "/healthz"))[0] == 200  # alive, just not ready


def test_metrics_count_commands_by_name_platform_and_outcome(core: BotCore) -> None:
    health = Health(core)
    before = asyncio.run(get(health, "/metrics"))[1]
    place = ChatPlace(platform="slack", channel="C1", user="U1")
    core.ask("/timeline", place=place)
    core.ask("/actor Atlantis", place=place)  # an error card
    core.ask("/definitely-not-a-command", place=place)
    core.ask("/sources")
    after = asyncio.run(get(health, "/metrics"))[1]

    def grew(name: str, labels: str) -> float:
        return sample(after, name, labels) - sample(before, name, labels)

    ok = 'command="timeline",platform="slack",outcome="ok"'
    assert grew("briefbot_commands_total", ok) == 1
    actor = 'command="actor",platform="slack",outcome="error"'
    assert grew("briefbot_commands_total", actor) == 1
    unknown = 'command="unknown",platform="slack",outcome="error"'
    assert grew("briefbot_commands_total", unknown) == 1
    console = 'command="sources",platform="console",outcome="ok"'
    assert grew("briefbot_commands_total", console) == 1
    assert grew("briefbot_command_seconds_count", 'command="timeline",platform="slack"') == 1
    assert "definitely" not in after  # free text never becomes a label


def test_metrics_count_ingested_articles_and_extraction_time(core: BotCore) -> None:
    health = Health(core)
    before = asyncio.run(get(health, "/metrics"))[1]
    text = (
        "Harbour strike ends after talks\n\n"
        "ROTTERDAM, May 3, 2025 - Dock workers ended a nine-day strike on Saturday after the "
        "port authority agreed to new shift rules, the union said.\n"
    )
    assert ingest_text(core.db, text, ArticleMeta(outlet="Reuters")).stored
    assert not ingest_text(core.db, text, ArticleMeta(outlet="Reuters")).stored  # duplicate
    after = asyncio.run(get(health, "/metrics"))[1]
    assert (
        sample(after, "briefbot_articles_ingested_total")
        - sample(before, "briefbot_articles_ingested_total")
        == 1
    )
    assert (
        sample(after, "briefbot_extraction_seconds_count")
        - sample(before, "briefbot_extraction_seconds_count")
        == 2
    )  # both were extracted; one was stored


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_secret_logged_by_anyone_is_redacted(fmt: str) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", fmt, [SECRET, "abc"])
    logging.getLogger().handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        logging.getLogger("some.library").debug("Authorization: Bearer %s", SECRET)
        try:
            raise RuntimeError(f"request failed with token={SECRET}")
        except RuntimeError:
            logging.getLogger("some.library").exception("boom")
        logging.getLogger("x").info("abc stays: too short to be a secret")
    finally:
        configure_logging("WARNING", "text")
    output = stream.getvalue()
    assert SECRET not in output
    assert output.count(REDACTED) == 2  # the message and the exception text
    assert "abc stays" in output
    if fmt == "json":
        assert all(json.loads(line) for line in output.splitlines() if line.startswith("{"))


async def start_run(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """`briefbot run` as a real process, stdin closed (as in a container)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def ready_checks(
    session: ClientSession, port: int, process: asyncio.subprocess.Process
) -> dict[str, bool] | None:
    """Poll /readyz until it answers 200 (its checks) or give up (None); the process must
    stay up meanwhile."""
    for _ in range(400):
        assert process.returncode is None, "briefbot run exited before it was ready"
        try:
            async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                if response.status == 200:
                    checks: dict[str, bool] = (await response.json())["checks"]
                    return checks
        except OSError:
            pass
        await asyncio.sleep(0.05)
    return None


DISCORD_TOKEN = "MTIz.runtime-token.SECRET-never-logged"


@pytest.mark.asyncio
async def test_briefbot_run_on_discord_is_ready_after_the_gateway_and_logs_no_token(
    tmp_path: Path, unused_tcp_port: int
) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord(DISCORD_TOKEN)
    await fake.start()
    env = {
        **os.environ,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(SEEDS),
        "BRIEFBOT_HTTP_HOST": "127.0.0.1",
        "BRIEFBOT_HTTP_PORT": str(unused_tcp_port),
        "DISCORD_TOKEN": DISCORD_TOKEN,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "BRIEFBOT_LOG_LEVEL": "DEBUG",
        "BRIEFBOT_LOG_FORMAT": "json",
    }
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(name, None)
    process = await start_run(env, tmp_path)
    try:
        async with ClientSession() as session:
            checks = await ready_checks(session, unused_tcp_port, process)
            assert checks == {"database": True, "discord": True, "schedule": True}
            assert len(await fake.wait_identified()) == 1  # ready came after IDENTIFY/READY
            async with session.get(f"http://127.0.0.1:{unused_tcp_port}/metrics") as r:
                assert "briefbot_scheduler_leader 1.0" in await r.text()
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)
        await fake.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
    assert process.returncode == 0, err.decode()[-2000:]
    lines = err.decode().splitlines()
    assert lines, "debug logging printed nothing"
    assert all(json.loads(line)["level"] for line in lines)
    assert DISCORD_TOKEN not in err.decode()
    assert "SECRET-never-logged" not in err.decode()


@pytest.mark.asyncio
async def test_headless_run_serves_http_and_delivers_console_digests(
    tmp_path: Path, unused_tcp_port: int
) -> None:
    from datetime import UTC, datetime

    from briefings.digests.subscriptions import subscribe

    url = f"sqlite:///{tmp_path / 'headless.sqlite3'}"
    seeded = open_core(make_settings(url, tmp_path))
    now = datetime.now(UTC)
    subscribe(
        seeded.db,
        platform="console",
        channel="ops-room",
        at=f"{max(now.hour - 1, 0):02d}:00",
        zone="UTC",
        now=datetime(2024, 1, 1, tzinfo=UTC),
    )
    seeded.close()
    env = {
        **os.environ,
        "BRIEFBOT_DATABASE_URL": url,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(SEEDS),
        "BRIEFBOT_HTTP_HOST": "127.0.0.1",
        "BRIEFBOT_HTTP_PORT": str(unused_tcp_port),
        "BRIEFBOT_CONSOLE": "false",
        "BRIEFBOT_DIGEST_GRACE_HOURS": "2",
    }
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(name, None)
    process = await start_run(env, tmp_path)
    try:
        async with ClientSession() as session:
            checks = await ready_checks(session, unused_tcp_port, process)
            assert checks == {"database": True, "schedule": True}
            sent = 'platform="console",status="sent"'
            for _ in range(400):  # the start-up catch-up runs right after leadership
                async with session.get(f"http://127.0.0.1:{unused_tcp_port}/metrics") as r:
                    if sample(await r.text(), "briefbot_digest_deliveries_total", sent) >= 1:
                        break
                await asyncio.sleep(0.05)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()[-2000:]
    assert out.decode().count("--- digest console:ops-room ") == 1
