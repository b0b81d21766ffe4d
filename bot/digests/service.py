"""The schedule as a long-running service: leader election, then the digest scheduler.

Every replica runs this; only the leader (see `bot.digests.leader`) runs the scheduler and
the periodic jobs (feed polls). Followers keep trying, so when the leader goes away another
replica takes over within `retry_every`. Whichever process a command runs in, a change to
subscriptions reaches the leader's schedule: at once in the leader's own process, within the
scheduler's resync interval from any other.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta

from bot.app import BotCore
from bot.config import Settings
from bot.digests.delivery import Deliverer
from bot.digests.leader import Leadership
from bot.digests.run_due import DeliveryPolicy
from bot.digests.scheduler import DigestScheduler, PeriodicJob
from bot.metrics import SCHEDULER_LEADER
from briefings.digests.ledger import DEFAULT_STALE_AFTER

log = logging.getLogger("briefbot.schedule")

DEFAULT_RETRY = timedelta(seconds=15)


def policy_from(settings: Settings) -> DeliveryPolicy:
    return DeliveryPolicy(
        grace=timedelta(hours=settings.digest_grace_hours),
        stale_after=timedelta(minutes=settings.digest_stale_minutes)
        if settings.digest_stale_minutes
        else DEFAULT_STALE_AFTER,
        pause_after=settings.digest_pause_after,
    )


class ScheduleService:
    """Run until cancelled: lead when possible, follow otherwise."""

    def __init__(
        self,
        core: BotCore,
        deliverers: Mapping[str, Deliverer],
        *,
        policy: DeliveryPolicy | None = None,
        periodic: Mapping[str, tuple[timedelta, PeriodicJob]] | None = None,
        retry_every: timedelta = DEFAULT_RETRY,
    ) -> None:
        self.core = core
        self.deliverers = deliverers
        self.policy = policy or policy_from(core.settings)
        self.periodic = dict(periodic or {})
        self.retry_every = retry_every
        self.leadership = Leadership(core.db)
        self.scheduler: DigestScheduler | None = None

    @property
    def leading(self) -> bool:
        return self.scheduler is not None

    def _changed(self, topic: str) -> None:
        if self.scheduler is not None:
            self.scheduler.request_rebuild(topic)

    async def _lead(self) -> None:
        scheduler = DigestScheduler(
            self.core, self.deliverers, policy=self.policy, periodic=self.periodic
        )
        self.scheduler = scheduler
        SCHEDULER_LEADER.set(1)
        try:
            await scheduler.start()
        except Exception:
            log.exception("the schedule's first run failed; jobs keep running")

    def _follow(self, *, stopping: bool = False) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown()
            self.scheduler = None
            if not stopping:
                log.warning("no longer leading the schedule")
        SCHEDULER_LEADER.set(0)

    async def _is_leader(self) -> bool:
        try:
            return await asyncio.to_thread(self.leadership.try_acquire)
        except Exception as error:  # database down: nobody can run the schedule anyway
            log.warning("leader check failed: %s", type(error).__name__)
            return False

    async def run(self) -> None:
        self.core.listeners.append(self._changed)
        try:
            while True:
                if await self._is_leader():
                    if self.scheduler is None:
                        await self._lead()
                else:
                    self._follow()
                await asyncio.sleep(self.retry_every.total_seconds())
        finally:
            self.core.listeners.remove(self._changed)
            self._follow(stopping=True)
            await asyncio.to_thread(self.leadership.release)
