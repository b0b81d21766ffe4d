"""Creating, listing and removing digest subscriptions, with every input checked first.

A channel has at most one subscription per platform: subscribing again replaces it (new
time, zone or filters) without losing the channel's delivery history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefings.errors import InputError, NotFoundError
from briefings.extract.actors import default_registry
from briefings.extract.events import default_vocabulary
from briefings.ingest import lookup_outlet
from briefings.pauses import clear_failures, count_failure, lift_pause
from briefings.queries.names import resolve_actor, resolve_outlet
from briefings.store.database import Database
from briefings.store.digest_schema import SubscriptionRow

PLATFORMS = ("discord", "slack", "console")
MAX_FILTERS = 10
_CHANNEL = re.compile(r"^[A-Za-z0-9_.:#@-]{1,100}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Subscription:
    """A stored subscription, as the due computation and the card builder see it."""

    platform: str
    channel: str
    at: time
    zone: str
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    post_when_empty: bool = False
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    subscribed_by: str | None = None  # platform user ID, for notices; None from the CLI
    paused_at: datetime | None = None
    paused_reason: str | None = None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def label(self) -> str:
        return f"{self.platform}:{self.channel}"

    def describe(self) -> str:
        filters = [
            f"{name} {', '.join(values)}"
            for name, values in (
                ("actors", self.actors),
                ("sources", self.sources),
                ("kinds", self.kinds),
            )
            if values
        ]
        empty = "; posts when empty" if self.post_when_empty else ""
        where = f" ({'; '.join(filters)})" if filters else ""
        paused = f" — PAUSED: {self.paused_reason}" if self.paused_at else ""
        return f"{self.label} daily at {self.at:%H:%M} {self.zone}{where}{empty}{paused}"


def parse_platform(value: str) -> str:
    platform = value.strip().lower()
    if platform not in PLATFORMS:
        raise InputError(f"“{value[:30]}” is not a platform; use one of {', '.join(PLATFORMS)}.")
    return platform


def parse_channel(value: str) -> str:
    channel = value.strip()
    if not _CHANNEL.match(channel):
        raise InputError("The channel ID must be 1–100 letters, digits or _.:#@- (no spaces).")
    return channel


def parse_time_of_day(value: str) -> time:
    match = _TIME.match(value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(f"“{value[:20]}” is not a time of day; use HH:MM from 00:00 to 23:59.")
    return time(int(match[1]), int(match[2]))


def parse_zone(value: str) -> str:
    name = value.strip()
    try:
        if not name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"“{value[:40]}” is not a known time zone; use an IANA name such as Europe/Berlin."
        ) from None
    return name


def _kinds(values: Sequence[str]) -> tuple[str, ...]:
    known = default_vocabulary().kinds
    kinds = []
    for value in values:
        kind = value.strip().lower()
        if kind not in known:
            raise InputError(
                f"“{value[:30]}” is not an event kind; known kinds: {', '.join(sorted(known))}."
            )
        kinds.append(kind)
    return tuple(dict.fromkeys(kinds))


def _sources(session: Session, values: Sequence[str]) -> tuple[str, ...]:
    """Stored outlet labels, or a known outlet's canonical name not yet seen in any article."""
    sources = []
    for value in values:
        try:
            sources.append(resolve_outlet(session, value))
        except NotFoundError:
            canonical = lookup_outlet(value.strip())
            if canonical is None:
                raise
            sources.append(canonical)
    return tuple(dict.fromkeys(sources))


def _actors(session: Session, values: Sequence[str]) -> tuple[str, ...]:
    registry = default_registry()
    return tuple(dict.fromkeys(resolve_actor(session, registry, v).actor.name for v in values))


def _check_filter_count(*groups: Sequence[str]) -> None:
    if any(len(group) > MAX_FILTERS for group in groups):
        raise InputError(f"At most {MAX_FILTERS} actors, sources and kinds each.")


def _subscription(row: SubscriptionRow) -> Subscription:
    created = row.created_at
    return Subscription(
        platform=row.platform,
        channel=row.channel,
        at=parse_time_of_day(row.at),
        zone=row.zone,
        actors=tuple(row.actors or ()),
        sources=tuple(row.sources or ()),
        kinds=tuple(row.kinds or ()),
        post_when_empty=row.post_when_empty,
        created_at=_aware(created),
        subscribed_by=row.subscribed_by,
        paused_at=_aware(row.paused_at) if row.paused_at else None,
        paused_reason=row.paused_reason,
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def subscribe(
    db: Database,
    *,
    platform: str,
    channel: str,
    at: str,
    zone: str,
    actors: Sequence[str] = (),
    sources: Sequence[str] = (),
    kinds: Sequence[str] = (),
    post_when_empty: bool = False,
    subscribed_by: str | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Validate everything (one clear `InputError`/`NotFoundError` on the first problem),
    then create or replace the channel's subscription. Subscribing again also lifts a pause:
    it is how a channel owner says "the channel works again"."""
    platform = parse_platform(platform)
    channel = parse_channel(channel)
    at_time = parse_time_of_day(at)
    zone = parse_zone(zone)
    _check_filter_count(actors, sources, kinds)
    kind_names = _kinds(kinds)
    created = now or datetime.now(UTC)
    with db.session() as session:
        actor_names = _actors(session, actors)
        source_names = _sources(session, sources)
        row = session.scalar(
            select(SubscriptionRow).where(
                SubscriptionRow.platform == platform, SubscriptionRow.channel == channel
            )
        )
        if row is None:
            row = SubscriptionRow(platform=platform, channel=channel, created_at=created)
            session.add(row)
        row.at = f"{at_time:%H:%M}"
        row.zone = zone
        row.actors = list(actor_names)
        row.sources = list(source_names)
        row.kinds = list(kind_names)
        row.post_when_empty = post_when_empty
        row.subscribed_by = subscribed_by or row.subscribed_by
        row.failures = 0
        row.paused_at = None
        row.paused_reason = None
        session.flush()
        return _subscription(row)


def list_subscriptions(db: Database) -> list[Subscription]:
    with db.session() as session:
        rows = session.scalars(
            select(SubscriptionRow).order_by(SubscriptionRow.platform, SubscriptionRow.channel)
        )
        return [_subscription(row) for row in rows]


def get_subscription(db: Database, platform: str, channel: str) -> Subscription | None:
    with db.session() as session:
        row = session.scalar(
            select(SubscriptionRow).where(
                SubscriptionRow.platform == platform, SubscriptionRow.channel == channel
            )
        )
        return _subscription(row) if row else None


def unsubscribe(db: Database, platform: str, channel: str) -> bool:
    """Remove a channel's subscription; False when there was none. The ledger is kept, so
    subscribing again the same day does not post that day's digest twice."""
    platform = parse_platform(platform)
    with db.session() as session:
        result = session.execute(
            delete(SubscriptionRow).where(
                SubscriptionRow.platform == platform, SubscriptionRow.channel == channel.strip()
            )
        )
        return bool(getattr(result, "rowcount", 0))


def record_failure(
    db: Database, platform: str, channel: str, *, now: datetime, reason: str, pause_after: int
) -> Subscription | None:
    """Count one more consecutive failure; pause the channel once it reaches `pause_after`.
    Returns the subscription when this call paused it (so the caller tells someone once)."""
    return count_failure(
        db,
        SubscriptionRow,
        platform,
        channel,
        now=now,
        reason=reason,
        pause_after=pause_after,
        seen_as=_subscription,
    )


def record_success(db: Database, platform: str, channel: str) -> None:
    """A delivery went out: the channel's failure streak is over."""
    clear_failures(db, SubscriptionRow, platform, channel)


def resume(db: Database, platform: str, channel: str) -> bool:
    """Lift a pause by hand (the channel was fixed); False when nothing was paused."""
    return lift_pause(db, SubscriptionRow, parse_platform(platform), channel.strip())
