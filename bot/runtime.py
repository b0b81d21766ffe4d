"""`briefbot run` with platform credentials: the adapters, the HTTP server, clean shutdown.

One asyncio loop runs every configured adapter side by side with the HTTP server (health,
readiness, Slack's HTTP mode). SIGTERM/SIGINT stop everything in order; an adapter that
fails stops the process (non-zero exit) so the orchestrator restarts it, rather than leaving
a half-working bot that reports healthy.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import signal
from collections.abc import Coroutine
from typing import Any

from bot.app import BotCore
from bot.config import Settings
from bot.digests.deliverers import running_deliverers
from bot.digests.service import ScheduleService
from bot.http import Health, build_web_app, start_web_app

log = logging.getLogger("briefbot.runtime")


def _task_alive(task: asyncio.Task[None]) -> bool:
    return not task.done()


def _discord_connected(task: asyncio.Task[None], client: Any) -> bool:
    return not task.done() and client.is_ready() and not client.is_closed()


def schedule_service(
    core: BotCore, settings: Settings, *, discord_client: Any = None, console: bool = False
) -> ScheduleService:
    """Digests (and feed polls, and alert delivery) for this process's platforms, run when it
    leads. Alerts go out every `DELIVER_EVERY` (articles stored by other processes) and at
    once after a feed poll stored articles."""
    from bot.alerts.jobs import ALERT_JOB, alert_jobs, running_alert_deliverers
    from bot.feeds.jobs import feed_jobs

    deliverers = running_deliverers(settings, discord_client=discord_client, console=console)
    alert_deliverers = running_alert_deliverers(
        settings, discord_client=discord_client, console=console
    )
    alerts = alert_jobs(core, alert_deliverers)
    _, deliver_alerts = alerts[ALERT_JOB]
    periodic = {**feed_jobs(core, settings, after_store=deliver_alerts), **alerts}
    return ScheduleService(core, deliverers, periodic=periodic)


async def serve_platforms(core: BotCore, settings: Settings) -> int:
    """Run until a signal (exit 0) or an adapter failure (exit 1)."""
    health = Health(core)
    web_app = build_web_app(health)
    adapters: dict[str, Coroutine[Any, Any, None]] = {}
    platforms = settings.platforms_configured
    if "slack" in platforms:
        from bot.slack.modes import slack_mode
        from bot.slack.runner import run_slack

        if slack_mode(settings) == "http":
            await run_slack(core, settings, web_app)  # mounts /slack/events before serving
            health.checks["slack"] = lambda: True
        else:
            adapters["slack"] = run_slack(core, settings, web_app)
    discord_client = None
    if "discord" in platforms:
        from bot.discord.client import build_client, run_discord

        discord_client = build_client(core, settings)
        adapters["discord"] = run_discord(core, settings, discord_client)
    adapters["schedule"] = schedule_service(
        core, settings, discord_client=discord_client, console=not platforms
    ).run()

    # Start-up's objects (the core, its registries and compiled patterns) live as long as
    # the process: out of the collector's way, a full collection takes microseconds instead
    # of about 100 ms, a pause that would hold up every request the loop is acknowledging.
    gc.freeze()
    runner = await start_web_app(web_app, settings.http_host, settings.http_port)
    log.info("HTTP server on %s:%s", settings.http_host, settings.http_port)
    tasks = {name: asyncio.create_task(run, name=name) for name, run in adapters.items()}
    for name, task in tasks.items():
        health.checks[name] = functools.partial(_task_alive, task)
    if discord_client is not None:
        # ready only once the gateway said READY, and not while it is closed or reconnecting
        health.checks["discord"] = functools.partial(
            _discord_connected, tasks["discord"], discord_client
        )

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    stopper: asyncio.Task[Any] = asyncio.create_task(stop.wait(), name="stop")
    watched: list[asyncio.Task[Any]] = [stopper, *tasks.values()]
    try:
        done, _ = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
        failed = [task for task in done if task is not stopper]
        for task in failed:
            error = task.exception() if not task.cancelled() else None
            log.error("%s stopped: %s", task.get_name(), type(error).__name__)
        return 1 if failed else 0
    finally:
        for task in watched:
            task.cancel()
        await asyncio.gather(stopper, *tasks.values(), return_exceptions=True)
        await runner.cleanup()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
