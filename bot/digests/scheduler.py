"""APScheduler 3.x wiring: one cron job per subscription, rebuilt from the database.

The subscriptions table is the source of truth, so the scheduler keeps no job store of its
own (a persistent 3.x job store must never be shared between replicas anyway). Each job only
says "run what is due now": the ledger, not the scheduler, guarantees exactly-once, so two
replicas firing the same job, or a fall-back DST day firing 02:30 twice, still post once.

Because a restart forgets when jobs last fired, `start()` runs once at start-up to catch up a
digest missed while the bot was down (within the grace window), and a sweep every few minutes
retries failed deliveries and covers any time a cron job did not fire.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import BotCore
from bot.digests.delivery import Deliverer
from bot.digests.run_due import DeliveryOutcome, run_due
from briefings.digests.due import DEFAULT_GRACE
from briefings.digests.subscriptions import Subscription, list_subscriptions

log = logging.getLogger("briefbot.digests")

JOB_PREFIX = "digest:"
SWEEP_JOB = "digest-sweep"
DEFAULT_SWEEP = timedelta(minutes=10)


def job_id(subscription: Subscription) -> str:
    return f"{JOB_PREFIX}{subscription.platform}:{subscription.channel}"


class DigestScheduler:
    """Owns an `AsyncIOScheduler` whose digest jobs mirror the subscriptions table."""

    def __init__(
        self,
        core: BotCore,
        deliverers: Mapping[str, Deliverer],
        *,
        grace: timedelta = DEFAULT_GRACE,
        sweep_every: timedelta | None = DEFAULT_SWEEP,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.core = core
        self.deliverers = deliverers
        self.grace = grace
        self.sweep_every = sweep_every
        self.clock = clock
        # The grace window is the misfire grace too: a job late by less than it (event loop
        # busy, machine asleep) still runs; later than that, the due computation skips it.
        self._job_options: dict[str, Any] = {
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(grace.total_seconds()),
        }
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    def rebuild(self, subscriptions: list[Subscription] | None = None) -> list[Any]:
        """Make the jobs match the subscriptions (read from the database unless given):
        call at start-up and after every subscribe or unsubscribe."""
        if subscriptions is None:
            subscriptions = list_subscriptions(self.core.db)
        wanted = {job_id(s): s for s in subscriptions}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
                job.remove()
        for identifier, subscription in wanted.items():
            self.scheduler.add_job(
                self.run_now,
                CronTrigger(
                    hour=subscription.at.hour,
                    minute=subscription.at.minute,
                    timezone=subscription.tz,
                ),
                id=identifier,
                name=f"digest {subscription.describe()}",
                replace_existing=True,
                **self._job_options,
            )
        return [job for job in self.scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)]

    async def run_now(self) -> list[DeliveryOutcome]:
        """Deliver whatever is due at this instant (every job and the sweep call this)."""
        try:
            outcomes = await run_due(self.core, self.clock(), self.deliverers, grace=self.grace)
        except Exception:
            log.exception("digest run failed")
            return []
        for outcome in outcomes:
            log.info("digest %s", outcome.describe())
        return outcomes

    async def start(self) -> None:
        """Start on the running event loop, build the jobs, and catch up at once."""
        subscriptions = await asyncio.to_thread(list_subscriptions, self.core.db)
        self.scheduler.start()
        self.rebuild(subscriptions)
        if self.sweep_every is not None:
            self.scheduler.add_job(
                self.run_now,
                IntervalTrigger(seconds=int(self.sweep_every.total_seconds())),
                id=SWEEP_JOB,
                replace_existing=True,
                **self._job_options,
            )
        await self.run_now()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
