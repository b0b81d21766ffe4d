"""Run the digests due at an instant: claim → build → deliver → mark sent, once each.

Safe to call from any number of processes at once and as often as wanted: the ledger lets
one caller have each slot, and a slot once sent is never due again. A failure is recorded and
retried by a later run (within the grace window); a claim left behind by a dead process is
taken over after the stale timeout.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.app import BotCore
from bot.digests.delivery import Deliverer
from briefings.digests.card import build_digest
from briefings.digests.due import DEFAULT_GRACE, DigestSlot, candidate_slots, plan_due
from briefings.digests.ledger import (
    DEFAULT_STALE_AFTER,
    claim_slot,
    mark_failed,
    mark_sent,
    mark_skipped,
    slot_statuses,
)
from briefings.digests.subscriptions import list_subscriptions
from briefings.errors import BriefbotError

log = logging.getLogger("briefbot.digests")


@dataclass(frozen=True)
class DeliveryOutcome:
    """What happened to one digest slot in this run."""

    platform: str
    channel: str
    digest_date: date
    status: str  # sent | empty | failed | skipped | no-deliverer
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
    return DeliveryOutcome(platform, channel, digest_date, status, message_id, detail)


def _error_text(error: BaseException) -> str:
    """Short and secret-free: our own errors carry user-safe messages; others only their type
    (a platform exception's text may quote a request, headers included)."""
    if isinstance(error, BriefbotError):
        return error.message
    return f"{type(error).__name__}"


async def _deliver_slot(
    core: BotCore,
    slot: DigestSlot,
    now: datetime,
    deliverer: Deliverer,
    stale_after: timedelta,
) -> DeliveryOutcome | None:
    claim = await asyncio.to_thread(claim_slot, core.db, slot.key, now, stale_after=stale_after)
    if claim is None:
        return None  # done meanwhile, or another process holds it
    subscription = slot.subscription
    try:
        digest = await asyncio.to_thread(
            build_digest, core.db, subscription, title_date=slot.digest_date.isoformat()
        )
        if digest.empty and not subscription.post_when_empty:
            await asyncio.to_thread(
                mark_sent,
                core.db,
                claim,
                now,
                message_id=None,
                covered_until=digest.covered_until,
                empty=True,
            )
            return _outcome(slot, "empty", detail="nothing new; not posted")
        message_id = await deliverer.deliver(subscription, digest.card)
    except Exception as error:  # one channel's failure must not stop the others
        log.warning("digest for %s failed: %s", subscription.label, _error_text(error))
        await asyncio.to_thread(mark_failed, core.db, claim, now, _error_text(error))
        return _outcome(slot, "failed", detail=_error_text(error))
    kept = await asyncio.to_thread(
        mark_sent, core.db, claim, now, message_id=message_id, covered_until=digest.covered_until
    )
    if not kept:
        log.warning("digest for %s was posted after its claim went stale", subscription.label)
    return _outcome(slot, "sent", message_id=message_id)


async def _skip_slot(
    core: BotCore, slot: DigestSlot, now: datetime, stale_after: timedelta
) -> DeliveryOutcome | None:
    claim = await asyncio.to_thread(claim_slot, core.db, slot.key, now, stale_after=stale_after)
    if claim is None:
        return None
    hours = slot.late_by(now).total_seconds() / 3600
    reason = f"missed by {hours:.1f} h, beyond the grace window"
    await asyncio.to_thread(mark_skipped, core.db, claim, now, reason)
    return _outcome(slot, "skipped", detail=reason)


async def run_due(
    core: BotCore,
    now: datetime,
    deliverers: Mapping[str, Deliverer],
    *,
    grace: timedelta = DEFAULT_GRACE,
    stale_after: timedelta = DEFAULT_STALE_AFTER,
) -> list[DeliveryOutcome]:
    """Deliver every digest due at `now` (aware) through the deliverer of its platform.

    Subscriptions of a platform without a deliverer here are left unclaimed, so a process
    connected to that platform can still deliver them."""
    subscriptions = await asyncio.to_thread(list_subscriptions, core.db)
    keys = [slot.key for slot in candidate_slots(subscriptions, now)]
    ledger = await asyncio.to_thread(slot_statuses, core.db, keys)
    plan = plan_due(subscriptions, now, ledger, grace=grace)
    outcomes: list[DeliveryOutcome] = []
    for slot in plan.missed:
        skipped = await _skip_slot(core, slot, now, stale_after)
        if skipped:
            outcomes.append(skipped)
    for slot in plan.due:
        deliverer = deliverers.get(slot.subscription.platform)
        if deliverer is None:
            outcomes.append(
                _outcome(slot, "no-deliverer", detail=f"{slot.subscription.platform} not connected")
            )
            continue
        outcome = await _deliver_slot(core, slot, now, deliverer, stale_after)
        if outcome:
            outcomes.append(outcome)
    return outcomes
