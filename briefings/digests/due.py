"""Which digests are due at an instant — a pure function of subscriptions, time and ledger.

A subscription owes one digest per local calendar day, at its time of day in its own zone.
Local days are computed with zoneinfo, so daylight-saving days come out right: a time that
does not exist that day (02:30 when clocks jump from 02:00 to 03:00) is taken as the same
instant APScheduler fires at (fold 0: 02:30 at the old offset, i.e. 03:30 new time), and a
time that occurs twice (02:30 when clocks fall back) owes a single digest, because the ledger
is keyed by the local date, not the instant.

A slot is due once its time has come and the ledger has no finished row for it. It is owed
only within the grace window: a slot missed for longer (the bot was down) is reported as
skipped rather than posted hours late (only the newest such slot: yesterday's miss is old
news once today's digest has come). Slots from before the subscription existed are never
owed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from briefings.digests.ledger import SlotKey, SlotStatus
from briefings.digests.subscriptions import Subscription

DEFAULT_GRACE = timedelta(hours=6)


@dataclass(frozen=True)
class DigestSlot:
    """One subscription's digest for one local date, and the instant it was scheduled."""

    subscription: Subscription
    digest_date: date
    scheduled: datetime  # aware, UTC

    @property
    def key(self) -> SlotKey:
        return (self.subscription.platform, self.subscription.channel, self.digest_date)

    def late_by(self, now: datetime) -> timedelta:
        return now - self.scheduled


@dataclass(frozen=True)
class DuePlan:
    due: list[DigestSlot]
    missed: list[DigestSlot]  # beyond the grace window: to be recorded as skipped


def scheduled_at(subscription: Subscription, local_date: date) -> datetime:
    """The UTC instant of the subscription's time of day on `local_date` in its zone."""
    local = datetime.combine(local_date, subscription.at, tzinfo=subscription.tz)
    return local.astimezone(UTC)


def candidate_slots(subscriptions: Iterable[Subscription], now: datetime) -> list[DigestSlot]:
    """Today's and yesterday's local slots that have come by `now` (yesterday's matters when
    the grace window crosses local midnight). A paused channel has none: it waits for its
    owner to fix it rather than failing every day."""
    slots = []
    for subscription in subscriptions:
        if subscription.paused:
            continue
        today = now.astimezone(subscription.tz).date()
        for local_date in (today - timedelta(days=1), today):
            scheduled = scheduled_at(subscription, local_date)
            if subscription.created_at <= scheduled <= now:
                slots.append(DigestSlot(subscription, local_date, scheduled))
    return slots


def plan_due(
    subscriptions: Iterable[Subscription],
    now: datetime,
    ledger: Mapping[SlotKey, SlotStatus],
    *,
    grace: timedelta = DEFAULT_GRACE,
) -> DuePlan:
    """Split the slots that have come and are not finished into due and missed."""
    if now.tzinfo is None:
        raise ValueError("`now` must be timezone-aware")
    now = now.astimezone(UTC)
    due: list[DigestSlot] = []
    missed: list[DigestSlot] = []
    slots = candidate_slots(subscriptions, now)
    newest = {}
    for slot in slots:  # oldest first per subscription, so the last one wins
        newest[slot.subscription.label] = slot
    for slot in slots:
        status = ledger.get(slot.key)
        if status is not None and status.done:
            continue
        if slot.late_by(now) <= grace:
            due.append(slot)
        elif newest[slot.subscription.label] is slot:
            missed.append(slot)  # an older missed slot is superseded by a newer one
    due.sort(key=lambda slot: (slot.scheduled, slot.key))
    missed.sort(key=lambda slot: (slot.scheduled, slot.key))
    return DuePlan(due=due, missed=missed)
