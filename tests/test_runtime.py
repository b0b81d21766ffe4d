"""`briefbot run` as a real process with Slack in HTTP mode against the emulator: health,
readiness, a signed slash command answered, and a clean stop on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import SEEDS
from tests.emulators.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackEmulator,
    post_signed,
    slash_command,
)

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_ready(base: str, process: asyncio.subprocess.Process) -> dict[str, object]:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            if process.returncode is not None:
                raise AssertionError(f"briefbot run exited with {process.returncode}")
            try:
                async with session.get(f"{base}/readyz") as response:
                    if response.status == 200:
                        body: dict[str, object] = await response.json()
                        return body
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("never ready")


@pytest.mark.asyncio
async def test_run_serves_slack_http_health_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    async with SlackEmulator() as slack:
        env = {
            **os.environ,
            "BRIEFBOT_DATA_DIR": str(tmp_path),
            "BRIEFBOT_SEEDS_DIR": str(SEEDS),
            "BRIEFBOT_HTTP_HOST": "127.0.0.1",
            "BRIEFBOT_HTTP_PORT": str(port),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "BRIEFBOT_LOG_LEVEL": "INFO",
        }
        env.pop("DISCORD_TOKEN", None)
        env.pop("SLACK_APP_TOKEN", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            ready = await wait_ready(base, process)
            assert ready["checks"] == {"database": True, "slack": True, "schedule": True}
            async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as r:
                assert r.status == 200
            url = slack.response_url()
            delivery = await post_signed(
                f"{base}/slack/events", slash_command("/actor", "Russia", response_url=url)
            )
            assert delivery.status == 200
            (answer,) = await slack.wait_responses(url)
            assert answer["blocks"][0]["text"]["text"] == "Russia"
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
        assert process.returncode == 0, stderr.decode()[-2000:]
        assert BOT_TOKEN not in stderr.decode() and SIGNING_SECRET not in stderr.decode()
