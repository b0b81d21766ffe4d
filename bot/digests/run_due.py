"""Run the digests due at an instant: claim → build → deliver → mark sent, once each.

Safe to call from any number of processes at once and as often as wanted: the ledger lets
one caller have each slot, and a slot once sent is never due again. A failure is recorded and
retried by a later run (within the grace window); a claim left behind by a dead process is
taken over after the stale timeout, and its deliverer first looks for the post the dead
process may have made. A channel that fails `pause_after` times in a row is paused and its
subscriber told, instead of being retried forever.

Slots are delivered concurrently (bounded), each platform paced by its own rate limiter.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.app import BotCore
from bot.digests.delivery import Deliverer, DeliveryError, DigestPost
from bot.digests.fanout import MAX_CONCURRENT_POSTS, RateLimiter, limiter_for
from bot.metrics import DIGEST_DELIVERIES, DIGEST_PAUSES
from briefings.digests.card import DigestBuilder
from briefings.digests.due import DEFAULT_GRACE, DigestSlot, candidate_slots, plan_due
from briefings.digests.ledger import (
    DEFAULT_STALE_AFTER,
    Claim,
    claim_slot,
    mark_failed,
    mark_sent,
    mark_skipped,
    slot_statuses,
)
from briefings.digests.subscriptions import list_subscriptions, record_failure, record_success
from briefings.errors import BriefbotError

log = logging.getLogger("briefbot.digests")

DEFAULT_PAUSE_AFTER = 3
PERMANENT_PAUSE_AFTER = 2  # the channel is gone or closed to us: give up sooner


@dataclass(frozen=True)
class DeliveryPolicy:
    """The knobs of a run; defaults suit production, tests shorten them."""

    grace: timedelta = DEFAULT_GRACE
    stale_after: timedelta = DEFAULT_STALE_AFTER
    pause_after: int = DEFAULT_PAUSE_AFTER
    concurrency: int = MAX_CONCURRENT_POSTS


@dataclass(frozen=True)
class DeliveryOutcome:
    """What happened to one digest slot in this run."""

    platform: str
    channel: str
    digest_date: date
    status: str  # sent | empty | failed | paused | skipped | no-deliverer
    message_id: str | None = None
    detail: str = ""

    @property
    def delivered(self) -> bool:
        return self.status == "sent"

    def describe(self) -> str:
        where = f"{self.platform}:{self.channel} {self.digest_date.isoformat()}"
        extra = f" {self.message_id}" if self.message_id else ""
        note = f" — {self.detail}" if self.detail else ""
        return f"{where} {self.status}{extra}{note}"


def _outcome(
    slot: DigestSlot, status: str, *, message_id: str | None = None, detail: str = ""
) -> DeliveryOutcome:
    platform, channel, digest_date = slot.key
    DIGEST_DELIVERIES.labels(platform, status).inc()
    return DeliveryOutcome(platform, channel, digest_date, status, message_id, detail)


def error_text(error: BaseException) -> str:
    """Short and secret-free: our own errors carry safe messages; others only their type
    (a platform exception's text may quote a request, headers included)."""
    if isinstance(error, DeliveryError):
        return error.reason[:200]
    if isinstance(error, BriefbotError):
        return error.message
    return type(error).__name__


def pause_threshold(error: BaseException, pause_after: int) -> int:
    """Failures in a row before a channel is paused: fewer when retrying cannot help (the
    channel is gone or closed to us)."""
    permanent = isinstance(error, DeliveryError) and error.permanent
    return min(pause_after, PERMANENT_PAUSE_AFTER) if permanent else pause_after


class _Run:
    """One run's shared state: the core, the deliverers, their pacing and the policy."""

    def __init__(
        self,
        core: BotCore,
        now: datetime,
        deliverers: Mapping[str, Deliverer],
        policy: DeliveryPolicy,
    ) -> None:
        self.core = core
        self.now = now
        self.deliverers = deliverers
        self.policy = policy
        self.limiters: dict[str, RateLimiter] = {p: limiter_for(p) for p in deliverers}
        self.slots = asyncio.Semaphore(max(1, policy.concurrency))
        self.builder = DigestBuilder(core.db)  # each distinct digest built once per run

    async def deliver(self, slot: DigestSlot) -> DeliveryOutcome | None:
        deliverer = self.deliverers.get(slot.subscription.platform)
        if deliverer is None:
            return _outcome(
                slot, "no-deliverer", detail=f"{slot.subscription.platform} not connected"
            )
        async with self.slots:
            claim = await asyncio.to_thread(
                claim_slot, self.core.db, slot.key, self.now, stale_after=self.policy.stale_after
            )
            if claim is None:
                return None  # done meanwhile, or another process holds it
            try:
                return await self._post(slot, claim, deliverer)
            except Exception as error:  # one channel's failure must not stop the others
                return await self._failed(slot, claim, deliverer, error)

    async def _post(self, slot: DigestSlot, claim: Claim, deliverer: Deliverer) -> DeliveryOutcome:
        subscription = slot.subscription
        db = self.core.db
        digest = await asyncio.to_thread(
            self.builder.build, subscription, title_date=slot.digest_date.isoformat()
        )
        if digest.empty and not subscription.post_when_empty:
            await asyncio.to_thread(
                mark_sent,
                db,
                claim,
                self.now,
                message_id=None,
                covered_until=digest.covered_until,
                empty=True,
            )
            return _outcome(slot, "empty", detail="nothing new; not posted")
        post = DigestPost(
            subscription=subscription,
            card=digest.card,
            digest_date=slot.digest_date,
            attempt=claim.attempt,
            since=slot.scheduled - timedelta(minutes=1),
        )
        await self.limiters[subscription.platform].acquire()
        message_id = await deliverer.deliver(post)
        kept = await asyncio.to_thread(
            mark_sent,
            db,
            claim,
            self.now,
            message_id=message_id,
            covered_until=digest.covered_until,
        )
        if not kept:
            log.warning("digest for %s was posted after its claim went stale", subscription.label)
        await asyncio.to_thread(record_success, db, subscription.platform, subscription.channel)
        return _outcome(slot, "sent", message_id=message_id)

    async def _failed(
        self, slot: DigestSlot, claim: Claim, deliverer: Deliverer, error: Exception
    ) -> DeliveryOutcome:
        subscription = slot.subscription
        reason = error_text(error)
        log.warning("digest for %s failed: %s", subscription.label, reason)
        db = self.core.db
        await asyncio.to_thread(mark_failed, db, claim, self.now, reason)
        paused = await asyncio.to_thread(
            record_failure,
            db,
            subscription.platform,
            subscription.channel,
            now=self.now,
            reason=reason,
            pause_after=pause_threshold(error, self.policy.pause_after),
        )
        if paused is None:
            return _outcome(slot, "failed", detail=reason)
        DIGEST_PAUSES.labels(subscription.platform).inc()
        log.error("digest for %s paused after repeated failures: %s", subscription.label, reason)
        try:
            told = await deliverer.notify_paused(paused, reason)
        except Exception as notice_error:
            log.warning("could not tell %s about the pause: %s", subscription.label, notice_error)
            told = False
        note = "subscriber told" if told else "subscriber could not be told"
        return _outcome(slot, "paused", detail=f"{reason}; paused, {note}")

    async def skip(self, slot: DigestSlot) -> DeliveryOutcome | None:
        claim = await asyncio.to_thread(
            claim_slot, self.core.db, slot.key, self.now, stale_after=self.policy.stale_after
        )
        if claim is None:
            return None
        hours = slot.late_by(self.now).total_seconds() / 3600
        reason = f"missed by {hours:.1f} h, beyond the grace window"
        log.warning("digest for %s skipped: %s", slot.subscription.label, reason)
        await asyncio.to_thread(mark_skipped, self.core.db, claim, self.now, reason)
        return _outcome(slot, "skipped", detail=reason)


async def run_due(
    core: BotCore,
    now: datetime,
    deliverers: Mapping[str, Deliverer],
    *,
    policy: DeliveryPolicy | None = None,
) -> list[DeliveryOutcome]:
    """Deliver every digest due at `now` (aware) through the deliverer of its platform.

    Subscriptions of a platform without a deliverer here are left unclaimed, so a process
    connected to that platform can still deliver them. Outcomes come in slot order."""
    policy = policy or DeliveryPolicy()
    subscriptions = await asyncio.to_thread(list_subscriptions, core.db)
    keys = [slot.key for slot in candidate_slots(subscriptions, now)]
    ledger = await asyncio.to_thread(slot_statuses, core.db, keys)
    plan = plan_due(subscriptions, now, ledger, grace=policy.grace)
    run = _Run(core, now, deliverers, policy)
    skipped = [await run.skip(slot) for slot in plan.missed]
    delivered = await asyncio.gather(*(run.deliver(slot) for slot in plan.due))
    return [outcome for outcome in (*skipped, *delivered) if outcome is not None]
