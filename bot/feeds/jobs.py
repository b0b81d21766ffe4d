"""Feed polling as a periodic job of the leader's schedule.

Each feed carries its own next poll time (its interval, or its back-off after failures), so
the job only asks every minute "which feeds are due?" — a cheap query when none are — and
polls those in a worker thread, away from the event loop that answers commands. A round that
stored articles runs `after_store` at once (the running bot's alert delivery: the alerts those
articles queued go out right away, not at the next tick of the delivery job).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.app import BotCore
from bot.config import Settings
from bot.digests.scheduler import PeriodicJob
from bot.feeds.policy import fetch_policy
from briefings.feeds.schedule import PollSchedule

if TYPE_CHECKING:
    from briefings.feeds.poll import FeedPollOutcome

log = logging.getLogger("briefbot.feeds")

FEED_JOB = "feed-poll"
CHECK_EVERY = timedelta(minutes=1)


def feed_poll_job(
    core: BotCore,
    settings: Settings,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    after_store: PeriodicJob | None = None,
) -> PeriodicJob:
    schedule = PollSchedule.every(settings.feed_poll_minutes)
    policy = fetch_policy(settings)

    def poll_round() -> list[FeedPollOutcome]:
        # imported at the first round, not at start-up: fetching and extraction are heavy
        from briefings.feeds.poll import poll_due_feeds

        return poll_due_feeds(core.db, clock(), schedule=schedule, policy=policy)

    async def poll() -> int:
        try:
            outcomes = await asyncio.to_thread(poll_round)
        except Exception:
            log.exception("feed poll round failed")
            return 0
        stored = 0
        for outcome in outcomes:
            stored += len(outcome.new_articles)
            for line in outcome.lines():
                (log.warning if outcome.status == "failed" else log.info)("%s", line)
        if stored and after_store is not None:
            await after_store()
        return stored

    return poll


def feed_jobs(
    core: BotCore, settings: Settings, *, after_store: PeriodicJob | None = None
) -> dict[str, tuple[timedelta, PeriodicJob]]:
    """The schedule's feed jobs (the interval per feed is the feeds' own setting)."""
    return {FEED_JOB: (CHECK_EVERY, feed_poll_job(core, settings, after_store=after_store))}
