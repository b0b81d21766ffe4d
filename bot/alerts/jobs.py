"""Alert delivery as a periodic job of the leader's schedule (`briefbot run`).

Alerts are worked out when an article is stored; this job only posts what is pending and
edits what more outlets reported, every `DELIVER_EVERY` — well inside the 60 seconds an
alert may take from its article being stored by any process — and, in `briefbot run`, at once
after a feed poll stored articles (`bot.runtime.schedule_service`). With nothing pending it is
a few indexed reads.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.alerts.delivery import AlertDeliverer, ConsoleAlertDeliverer
from bot.alerts.run import run_alerts
from bot.app import BotCore
from bot.config import Settings
from bot.digests.scheduler import PeriodicJob

log = logging.getLogger("briefbot.alerts")

ALERT_JOB = "alert-delivery"
DELIVER_EVERY = timedelta(seconds=20)


def running_alert_deliverers(
    settings: Settings, *, discord_client: Any = None, console: bool = False
) -> dict[str, AlertDeliverer]:
    """Alert deliverers sharing a running bot's clients."""
    deliverers: dict[str, AlertDeliverer] = {}
    if console:
        deliverers["console"] = ConsoleAlertDeliverer(sys.stdout)
    if "slack" in settings.platforms_configured:
        from bot.slack.alerts import SlackAlertDeliverer
        from bot.slack.client import make_web_client

        deliverers["slack"] = SlackAlertDeliverer(make_web_client(settings, retry_dropped=False))
    if discord_client is not None:
        from bot.discord.alerts import DiscordAlertDeliverer

        deliverers["discord"] = DiscordAlertDeliverer(discord_client)
    return deliverers


def alert_jobs(
    core: BotCore,
    deliverers: dict[str, AlertDeliverer],
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> dict[str, tuple[timedelta, PeriodicJob]]:
    async def deliver() -> int:
        try:
            outcomes = await run_alerts(core, clock(), deliverers)
        except Exception:
            log.exception("alert delivery round failed")
            return 0
        for outcome in outcomes:
            log.info("%s", outcome.describe())
        return sum(1 for outcome in outcomes if outcome.delivered)

    return {ALERT_JOB: (DELIVER_EVERY, deliver)}
