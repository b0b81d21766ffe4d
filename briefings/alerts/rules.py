"""Alert rules: parsed and checked before anything is stored, with short, clear errors.

A channel has one rule per platform; subscribing again replaces it (and its `created_at`, so
the new rule alerts only on facts stored from then on).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefings.alerts.settings import alert_settings
from briefings.digests.subscriptions import (
    parse_channel,
    parse_platform,
    parse_time_of_day,
    parse_zone,
)
from briefings.errors import InputError
from briefings.extract.actors import default_registry
from briefings.extract.events import default_vocabulary
from briefings.extract.figures.lexicon import default_lexicon
from briefings.pauses import lift_pause
from briefings.queries.names import resolve_actor
from briefings.store.alert_schema import AlertRuleRow
from briefings.store.database import Database
from briefings.stories.store import channel_story

MAX_FILTERS = 10
_FIGURE = re.compile(r"^\s*([a-z_]+)\s*>=\s*([0-9][0-9,]*)\s*$", re.IGNORECASE)
_QUIET = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")
_PERCENT = re.compile(r"^\s*(\d{1,6})\s*%?\s*$")


@dataclass(frozen=True)
class FigureThreshold:
    unit: str
    minimum: int

    def describe(self) -> str:
        return f"{self.unit}>={self.minimum:,}"


@dataclass(frozen=True)
class QuietHours:
    """A daily window, local to `zone`, that may run past midnight (22:00-07:00)."""

    start: time
    end: time
    zone: str

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(ZoneInfo(self.zone)).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def describe(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {self.zone}"


@dataclass(frozen=True)
class AlertRule:
    """A stored rule as matching and delivery see it."""

    platform: str
    channel: str
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    figures: tuple[FigureThreshold, ...] = ()
    jump_percent: int | None = None
    contradictions: bool = False
    quiet: QuietHours | None = None
    zone: str = "UTC"
    max_per_hour: int = 6
    story_id: int | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    created_by: str | None = None
    paused_reason: str | None = None
    id: int = 0

    @property
    def label(self) -> str:
        return f"{self.platform}:{self.channel}"

    @property
    def paused(self) -> bool:
        return self.paused_reason is not None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def describe(self) -> str:
        parts = [
            f"{name} {', '.join(values)}"
            for name, values in (
                ("kinds", self.kinds),
                ("actors", self.actors),
                ("figures", tuple(f.describe() for f in self.figures)),
            )
            if values
        ]
        if self.jump_percent is not None:
            parts.append(f"jump {self.jump_percent}%")
        if self.contradictions:
            parts.append("contradictions")
        if self.quiet is not None:
            parts.append(f"quiet {self.quiet.describe()}")
        parts.append(f"max {self.max_per_hour}/h")
        story = f" (story #{self.story_id})" if self.story_id is not None else ""
        paused = f" — PAUSED: {self.paused_reason}" if self.paused_reason else ""
        return f"{self.label} alerts on {'; '.join(parts)}{story}{paused}"

    @classmethod
    def of(cls, row: AlertRuleRow) -> AlertRule:
        quiet = None
        if row.quiet_start and row.quiet_end:
            quiet = QuietHours(
                parse_time_of_day(row.quiet_start), parse_time_of_day(row.quiet_end), row.zone
            )
        created = row.created_at
        return cls(
            platform=row.platform,
            channel=row.channel,
            kinds=tuple(row.kinds or ()),
            actors=tuple(row.actors or ()),
            figures=tuple(FigureThreshold(str(u), int(str(n))) for u, n in row.figures or ()),
            jump_percent=row.jump_percent,
            contradictions=row.contradictions,
            quiet=quiet,
            zone=row.zone,
            max_per_hour=row.max_per_hour,
            story_id=row.story_id,
            created_at=created.replace(tzinfo=UTC) if created.tzinfo is None else created,
            created_by=row.created_by,
            paused_reason=row.paused_reason if row.paused_at is not None else None,
            id=row.id,
        )


def _suggest(value: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    return f" Did you mean: {', '.join(close)}?" if close else f" Known: {', '.join(known)}."


def parse_kinds(values: Sequence[str]) -> tuple[str, ...]:
    known = sorted(default_vocabulary().kinds)
    kinds = []
    for value in values:
        for part in value.split(","):
            kind = part.strip().lower()
            if not kind:
                continue
            if kind not in known:
                raise InputError(
                    f"“{part.strip()[:30]}” is not an event kind.{_suggest(kind, known)}"
                )
            kinds.append(kind)
    return tuple(dict.fromkeys(kinds))


def parse_figure(value: str) -> FigureThreshold:
    """`killed>=10`: a known unit and a threshold from 1 to the configured limit."""
    match = _FIGURE.match(value)
    if match is None:
        raise InputError(f"“{value[:40]}” is not a figure threshold; write it like killed>=10.")
    unit = match[1].lower()
    known = sorted(default_lexicon().units)
    if unit not in known:
        raise InputError(f"“{match[1][:30]}” is not a figure unit.{_suggest(unit, known)}")
    minimum = int(match[2].replace(",", ""))
    limit = alert_settings().figure_limit
    if not 1 <= minimum <= limit:
        raise InputError(f"A figure threshold must be from 1 to {limit:,}; got {minimum:,}.")
    return FigureThreshold(unit, minimum)


def parse_jump(value: str | None) -> int | None:
    """`50` or `50%`: alert when a figure rises by at least that much over the last one."""
    if value is None or not str(value).strip():
        return None
    match = _PERCENT.match(str(value))
    limit = alert_settings().jump_percent_limit
    if match is None or not 1 <= int(match[1]) <= limit:
        raise InputError(f"A jump must be a percentage from 1 to {limit}, e.g. 50%.")
    return int(match[1])


def parse_quiet(value: str | None, zone: str | None) -> QuietHours | None:
    """`22:00-07:00` with a zone; the window may cross midnight but not be empty."""
    if value is None or not value.strip():
        if zone:
            parse_zone(zone)
        return None
    match = _QUIET.match(value)
    if match is None:
        raise InputError(f"“{value[:30]}” is not a quiet range; write it like 22:00-07:00.")
    start, end = parse_time_of_day(match[1]), parse_time_of_day(match[2])
    if start == end:
        raise InputError("Quiet hours must not start and end at the same time.")
    return QuietHours(start, end, parse_zone(zone or "UTC"))


def parse_max(value: int | str | None) -> int:
    limit = alert_settings().max_per_hour_limit
    if value is None or str(value).strip() == "":
        return alert_settings().max_per_hour
    text = str(value).strip().lower().removesuffix("/h")
    if not text.isdigit() or not 1 <= int(text) <= limit:
        raise InputError(f"--max must be a number of alerts per hour from 1 to {limit}.")
    return int(text)


def subscribe(
    session: Session,
    *,
    platform: str,
    channel: str,
    kinds: Sequence[str] = (),
    actors: Sequence[str] = (),
    figures: Sequence[str] = (),
    jump: str | None = None,
    contradictions: bool = False,
    quiet: str | None = None,
    zone: str | None = None,
    max_per_hour: int | str | None = None,
    created_by: str | None = None,
    now: datetime | None = None,
) -> AlertRule:
    """Check every input, then store the channel's rule (replacing any earlier one)."""
    platform = parse_platform(platform)
    channel = parse_channel(channel)
    if len(kinds) + len(actors) + len(figures) > MAX_FILTERS:
        raise InputError(f"At most {MAX_FILTERS} kinds, actors and figures in one rule.")
    parsed_kinds = parse_kinds(kinds)
    registry = default_registry()
    parsed_actors = tuple(
        dict.fromkeys(resolve_actor(session, registry, a).actor.name for a in actors if a.strip())
    )
    thresholds = tuple(dict.fromkeys(parse_figure(f) for f in figures))
    jump_percent = parse_jump(jump)
    quiet_hours = parse_quiet(quiet, zone)
    cap = parse_max(max_per_hour)
    if not (parsed_kinds or parsed_actors or thresholds or jump_percent or contradictions):
        raise InputError(
            "Say what to alert on: a kind, an actor, a figure (killed>=10), a jump or "
            "contradictions."
        )
    story = channel_story(session, platform, channel)
    session.execute(
        delete(AlertRuleRow).where(
            AlertRuleRow.platform == platform, AlertRuleRow.channel == channel
        )
    )
    row = AlertRuleRow(
        platform=platform,
        channel=channel,
        kinds=list(parsed_kinds),
        actors=list(parsed_actors),
        figures=[[t.unit, t.minimum] for t in thresholds],
        jump_percent=jump_percent,
        contradictions=contradictions,
        quiet_start=f"{quiet_hours.start:%H:%M}" if quiet_hours else None,
        quiet_end=f"{quiet_hours.end:%H:%M}" if quiet_hours else None,
        zone=quiet_hours.zone if quiet_hours else parse_zone(zone or "UTC"),
        max_per_hour=cap,
        story_id=story.id if story is not None else None,
        created_at=now or datetime.now(UTC),
        created_by=created_by,
        failures=0,
    )
    session.add(row)
    session.flush()
    return AlertRule.of(row)


def unsubscribe(session: Session, platform: str, channel: str) -> bool:
    result = session.execute(
        delete(AlertRuleRow).where(
            AlertRuleRow.platform == parse_platform(platform),
            AlertRuleRow.channel == parse_channel(channel),
        )
    )
    return bool(getattr(result, "rowcount", 0))


def resume(db: Database, platform: str, channel: str) -> bool:
    """Lift the pause of a channel's alerts by hand, keeping its rule (alerts held while it
    was paused then go out, within its hourly cap); False when nothing was paused."""
    return lift_pause(db, AlertRuleRow, parse_platform(platform), parse_channel(channel))


def list_rules(session: Session) -> list[AlertRule]:
    rows = session.scalars(
        select(AlertRuleRow).order_by(AlertRuleRow.platform, AlertRuleRow.channel)
    )
    return [AlertRule.of(row) for row in rows]


def get_rule(session: Session, platform: str, channel: str) -> AlertRule | None:
    row = session.scalar(
        select(AlertRuleRow).where(
            AlertRuleRow.platform == platform, AlertRuleRow.channel == channel
        )
    )
    return AlertRule.of(row) if row is not None else None
