"""End to end through the Slack HTTP adapter: `briefbot run` as its own process, the Slack
emulator (tests/emulators/slack.py) in this one, and waves of concurrent signed slash
commands over loopback.

Ack: from sending the request to the app's HTTP answer (Slack gives up after 3 s).
Answer: from sending the request to the card arriving at its response_url. Also the time
from spawning `briefbot run` to /readyz answering 200 (cold start to ready).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.latency import percentile
from tests.emulators.slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackEmulator,
    form_body,
    signature,
    slash_command,
)

PROJECT = Path(__file__).resolve().parent.parent
LINES = (
    ("/timeline", ""),
    ("/actor", "{actor}"),
    ("/source", "{outlet}"),
    ("/claims", ""),
    ("/figures", ""),
    ("/search", "ceasefire"),
    ("/brief", ""),
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _wait_ready(port: int, process: asyncio.subprocess.Process, limit: float) -> float:
    """Seconds until /readyz answers 200."""
    started = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        while time.perf_counter() - started < limit:
            if process.returncode is not None:
                raise RuntimeError("briefbot run exited before it was ready")
            try:
                async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.01)
    raise RuntimeError("briefbot run was not ready in time")


async def _one(
    session: aiohttp.ClientSession,
    slack: SlackEmulator,
    url: str,
    command: str,
    text: str,
) -> tuple[float, str]:
    """Send one signed slash command; (ack seconds, its response_url)."""
    response_url = slack.response_url()
    raw = form_body(slash_command(command, text, response_url=response_url))
    stamp = int(time.time())
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature(SIGNING_SECRET, stamp, raw),
    }
    sent = time.monotonic()
    async with session.post(url, data=raw.encode(), headers=headers) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"the app answered {response.status}")
    return time.monotonic() - sent, response_url + f"#{sent}"


async def _load(
    url: str, slack: SlackEmulator, values: dict[str, str], concurrent: int, waves: int
) -> dict[str, Any]:
    acks: list[float] = []
    answers: list[float] = []
    connector = aiohttp.TCPConnector(limit=concurrent)
    async with aiohttp.ClientSession(connector=connector) as session:
        for wave in range(waves):
            batch = [LINES[(wave * concurrent + i) % len(LINES)] for i in range(concurrent)]
            results = await asyncio.gather(
                *(_one(session, slack, url, c, t.format(**values)) for c, t in batch)
            )
            for ack, tagged in results:
                acks.append(ack * 1000)
                response_url, sent = tagged.rsplit("#", 1)
                await slack.wait_responses(response_url, timeout=60)
                arrived = slack.response_calls(response_url)[0].at
                answers.append((arrived - float(sent)) * 1000)
    return {
        "requests": len(acks),
        "concurrent": concurrent,
        "ack_p50_ms": statistics.median(acks),
        "ack_p95_ms": percentile(acks, 95),
        "ack_p99_ms": percentile(acks, 99),
        "answer_p50_ms": statistics.median(answers),
        "answer_p95_ms": percentile(answers, 95),
        "answer_p99_ms": percentile(answers, 99),
    }


async def run_load(
    database_url: str, values: dict[str, str], concurrent: int = 50, waves: int = 10
) -> dict[str, Any]:
    """Start `briefbot run` on `database_url` in Slack HTTP mode and load it."""
    port = _free_port()
    async with SlackEmulator() as slack:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK", "DISCORD"))},
                "BRIEFBOT_DATABASE_URL": database_url,
                "BRIEFBOT_DATA_DIR": tmp,
                "BRIEFBOT_SEED": "false",
                "BRIEFBOT_CONSOLE": "false",
                "BRIEFBOT_HTTP_PORT": str(port),
                "BRIEFBOT_LOG_LEVEL": "WARNING",
                "BRIEFBOT_SLACK_MODE": "http",
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": slack.api_url.rstrip("/"),
            }
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "run",
                cwd=PROJECT,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                ready = await _wait_ready(port, process, limit=120)
                url = f"http://127.0.0.1:{port}/slack/events"
                await _load(url, slack, values, concurrent, 1)  # warm-up wave
                figures = await _load(url, slack, values, concurrent, waves)
            finally:
                process.terminate()
                _, stderr = await process.communicate()
            if process.returncode not in (0, -15):
                tail = stderr.decode(errors="replace")[-400:]
                raise RuntimeError(f"briefbot run ended with {process.returncode}: {tail}")
    return {"ready_seconds": ready, **figures}
