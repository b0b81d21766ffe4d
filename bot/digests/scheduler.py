"""APScheduler 3.x wiring: one cron job per subscription, rebuilt from the database.

The subscriptions table is the source of truth, so the scheduler keeps no job store of its
own (a persistent 3.x job store must never be shared between replicas anyway). Each job only
says "run what is due now": the ledger, not the scheduler, guarantees exactly-once, so two
replicas firing the same job, or a fall-back DST day firing 02:30 twice, still post once.

The jobs follow the table three ways: at start-up, at once when a command in this process
changes a subscription (`request_rebuild`), and every minute when the table's content
changed elsewhere (another replica, the CLI). Because a restart forgets when jobs last fired,
`start()` runs once to catch up a digest missed while the bot was down (within the grace
window), and a sweep every few minutes retries failed deliveries.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import BotCore
from bot.digests.delivery import Deliverer
from bot.digests.run_due import DeliveryOutcome, DeliveryPolicy, run_due
from briefings.digests.subscriptions import Subscription, list_subscriptions

log = logging.getLogger("briefbot.digests")

JOB_PREFIX = "digest:"
SWEEP_JOB = "digest-sweep"
RESYNC_JOB = "digest-resync"
DEFAULT_SWEEP = timedelta(minutes=10)
DEFAULT_RESYNC = timedelta(minutes=1)

PeriodicJob = Callable[[], Awaitable[Any]]


def job_id(subscription: Subscription) -> str:
    return f"{JOB_PREFIX}{subscription.platform}:{subscription.channel}"


def fingerprint(subscriptions: list[Subscription]) -> str:
    """Changes whenever any subscription's schedule, filters or pause changes."""
    return hashlib.sha256(repr(sorted(map(repr, subscriptions))).encode()).hexdigest()


class DigestScheduler:
    """Owns an `AsyncIOScheduler` whose digest jobs mirror the subscriptions table."""

    def __init__(
        self,
        core: BotCore,
        deliverers: Mapping[str, Deliverer],
        *,
        policy: DeliveryPolicy | None = None,
        sweep_every: timedelta | None = DEFAULT_SWEEP,
        resync_every: timedelta | None = DEFAULT_RESYNC,
        periodic: Mapping[str, tuple[timedelta, PeriodicJob]] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.core = core
        self.deliverers = deliverers
        self.policy = policy or DeliveryPolicy()
        self.sweep_every = sweep_every
        self.resync_every = resync_every
        self.periodic = dict(periodic or {})
        self.clock = clock
        # The grace window is the misfire grace too: a job late by less than it (event loop
        # busy, machine asleep) still runs; later than that, the due computation skips it.
        self._job_options: dict[str, Any] = {
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(self.policy.grace.total_seconds()),
        }
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._fingerprint = ""
        self._loop: asyncio.AbstractEventLoop | None = None

    def rebuild(self, subscriptions: list[Subscription] | None = None) -> list[Any]:
        """Make the jobs match the subscriptions (read from the database unless given)."""
        if subscriptions is None:
            subscriptions = list_subscriptions(self.core.db)
        self._fingerprint = fingerprint(subscriptions)
        wanted = {job_id(s): s for s in subscriptions if not s.paused}
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
        return self.digest_jobs()

    def digest_jobs(self) -> list[Any]:
        return [job for job in self.scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)]

    async def resync(self) -> bool:
        """Rebuild when the table changed since the last build; True when it did."""
        subscriptions = await asyncio.to_thread(list_subscriptions, self.core.db)
        if fingerprint(subscriptions) == self._fingerprint:
            return False
        self.rebuild(subscriptions)
        log.info("digest schedule rebuilt: %d subscription(s)", len(subscriptions))
        return True

    def request_rebuild(self, topic: str = "") -> None:
        """Thread-safe: called by a command that changed subscriptions (in a worker thread)."""
        loop = self._loop
        if loop is None or loop.is_closed() or not self.scheduler.running:
            return
        loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._safe_resync()))

    async def _safe_resync(self) -> None:
        try:
            await self.resync()
        except Exception:
            log.exception("could not rebuild the digest schedule")

    async def run_now(self) -> list[DeliveryOutcome]:
        """Deliver whatever is due at this instant (every job and the sweep call this)."""
        try:
            outcomes = await run_due(self.core, self.clock(), self.deliverers, policy=self.policy)
        except Exception:
            log.exception("digest run failed")
            return []
        for outcome in outcomes:
            log.info("digest %s", outcome.describe())
        return outcomes

    def _every(self, identifier: str, interval: timedelta, job: PeriodicJob) -> None:
        self.scheduler.add_job(
            job,
            IntervalTrigger(seconds=max(1, int(interval.total_seconds()))),
            id=identifier,
            replace_existing=True,
            **self._job_options,
        )

    async def start(self) -> None:
        """Start on the running event loop, build the jobs, and catch up at once."""
        self._loop = asyncio.get_running_loop()
        subscriptions = await asyncio.to_thread(list_subscriptions, self.core.db)
        self.scheduler.start()
        self.rebuild(subscriptions)
        if self.sweep_every is not None:
            self._every(SWEEP_JOB, self.sweep_every, self.run_now)
        if self.resync_every is not None:
            self._every(RESYNC_JOB, self.resync_every, self._safe_resync)
        for identifier, (interval, job) in self.periodic.items():
            self._every(identifier, interval, job)
        await self.run_now()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._loop = None
