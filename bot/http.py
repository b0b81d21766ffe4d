"""The bot's own HTTP server: health and readiness for orchestrators, and the mount point
for Slack's HTTP mode (`/slack/events`). One aiohttp application on BRIEFBOT_HTTP_PORT."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from bot.app import BotCore
from bot.metrics import exposition

Check = Callable[[], bool]
HEALTH_KEY: web.AppKey[Health] = web.AppKey("health")


@dataclass
class Health:
    """What /readyz reports: the database, plus one check per started adapter."""

    core: BotCore
    checks: dict[str, Check] = field(default_factory=dict)

    async def report(self) -> dict[str, bool]:
        results = {"database": await asyncio.to_thread(self.core.db.reachable)}
        for name, check in self.checks.items():
            try:
                results[name] = bool(check())
            except Exception:  # a broken check means "not ready", never a crashed probe
                results[name] = False
        return results


async def healthz(request: web.Request) -> web.Response:
    """Alive: the event loop answers. Deliberately checks nothing else, so a database outage
    makes the bot unready (no traffic) rather than restarted in a loop."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    report = await request.app[HEALTH_KEY].report()
    ready = all(report.values())
    return web.json_response(
        {"status": "ready" if ready else "unready", "checks": report},
        status=200 if ready else 503,
    )


def build_web_app(health: Health) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    app[HEALTH_KEY] = health
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    return app


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text format (see `bot.metrics`)."""
    body, content_type = exposition()
    response = web.Response(body=body)
    response.headers["Content-Type"] = content_type
    return response


async def start_web_app(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve `app` until the returned runner is cleaned up."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
