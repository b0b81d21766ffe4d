"""/timeline — merged, dated entries across outlets: the story's recent weeks first, its
background one step away.

Without a window (`from:`/`to:`), the timeline opens on its recent period (the last
`BRIEFBOT_RECENT_DAYS` days that have entries; `briefings.queries.recent`) newest first, and
says how many entries lie before it; `period:background` shows those, oldest first, and
`period:all` the whole timeline oldest first. Newest first for the recent period because on a
fast-moving story the first page must hold the latest day, however many entries the period
holds (the same order as /brief's latest developments and the digests); oldest first for the
background and for a window because history reads as a story, from its beginning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from sqlalchemy.orm import Session

from briefings.cards import Card, CardLink, CardSection
from briefings.charts import dated_chart, story_chart
from briefings.commands.layout import entry_item, page_footer
from briefings.commands.params import UserDate
from briefings.commands.registry import Command, CommandContext
from briefings.daytext import day_text, span_text
from briefings.errors import InputError
from briefings.extract.events import default_vocabulary
from briefings.queries.names import resolve_actor, resolve_outlet
from briefings.queries.recent import RecentWindow, recent_window
from briefings.queries.timeline import (
    TimelineFilter,
    TimelinePage,
    entry_days,
    outlets_of,
    timeline_page,
)

AHEAD = 10  # pages of entry ids read past the one shown (and entries counted in the other part)


class Period(StrEnum):
    RECENT = "recent"
    BACKGROUND = "background"
    ALL = "all"


def _period(value: Any) -> Any:
    """`Recent` reads as `recent`; anything else is refused in a sentence, not a schema."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text not in Period.__members__.values():
        shown = " ".join(value.split())[:40]
        raise ValueError(f"unknown period “{shown}”; use recent, background or all")
    return text


class TimelineParams(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    actor: str | None = Field(
        None,
        description="only events involving this actor",
        json_schema_extra={"autocomplete": "actor"},
    )
    source: str | None = Field(
        None,
        description="only events reported by this outlet",
        json_schema_extra={"autocomplete": "outlet"},
    )
    from_: UserDate | None = Field(
        None,
        alias="from",
        description="from this date (YYYY, YYYY-MM or YYYY-MM-DD)",
        json_schema_extra={"kind": "date"},
    )
    to: UserDate | None = Field(
        None,
        description="up to this date (YYYY, YYYY-MM or YYYY-MM-DD)",
        json_schema_extra={"kind": "date"},
    )
    kind: str | None = Field(
        None,
        description="only events of this kind (offensive, ceasefire, talks…)",
        json_schema_extra={"autocomplete": "kind"},
    )
    period: Annotated[Period | None, BeforeValidator(_period)] = Field(
        None,
        description="recent (default: the latest weeks, newest first), background or all",
        json_schema_extra={"kind": "choice", "choices": [p.value for p in Period]},
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of results", json_schema_extra={"kind": "int"}
    )


@dataclass(frozen=True)
class Scope:
    """What the user asked for, resolved: the filter and how to say it."""

    where: TimelineFilter
    text: str  # "actor Russia; kind ceasefire" (empty for the whole story)

    def command(self, period: Period) -> str:
        """The command line of another period of the same timeline (for its button)."""
        options = [
            f"{name}:{_quoted(value)}"
            for name, value in (
                ("actor", self.where.actor),
                ("source", self.where.outlet),
                ("kind", self.where.kind),
            )
            if value
        ]
        return " ".join(["/timeline", *options, f"period:{period.value}"])


def _quoted(value: str) -> str:
    """A value as the command parser reads it back (shlex): bare when it can be, else in
    double quotes with `\\` and `"` escaped — `actor:"Nikol Pashinyan"`."""
    if value and not any(char.isspace() or char in "\"'\\" for char in value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _scope(context: CommandContext, params: TimelineParams, session: Session) -> Scope:
    actor = (
        resolve_actor(session, context.actors, params.actor).actor.name if params.actor else None
    )
    outlet = resolve_outlet(session, params.source) if params.source else None
    where = TimelineFilter(
        actor=actor,
        outlet=outlet,
        start=params.from_.start if params.from_ else None,
        end=params.to.end if params.to else None,
        kind=params.kind.lower() if params.kind else None,
    )
    scope = [f"actor {actor}" if actor else "", f"source {outlet}" if outlet else ""]
    if where.start or where.end:
        scope.append(f"{where.start or '…'} to {where.end or '…'}")
    if where.kind:
        scope.append(f"kind {where.kind}")
    return Scope(where, "; ".join(s for s in scope if s))


def _check(params: TimelineParams) -> Period:
    """The period asked for, after the checks a user can fail."""
    kinds = default_vocabulary().kinds
    if params.kind and params.kind.lower() not in kinds:
        raise InputError(
            f"Unknown event kind “{params.kind[:40]}”. Kinds: {', '.join(sorted(kinds))}."
        )
    if params.from_ and params.to and params.from_.start > params.to.end:
        raise InputError("from: must not be after to:.")
    window = params.from_ is not None or params.to is not None
    if window and params.period not in (None, Period.ALL):
        raise InputError(
            f"period:{params.period} and from:/to: choose the dates two ways; give one of them."
        )
    return params.period or (Period.ALL if window else Period.RECENT)


def run_timeline(context: CommandContext, params: TimelineParams) -> Card:
    period = _check(params)
    with context.db.session() as session:
        scope = _scope(context, params, session)
        window = None
        if params.from_ is None and params.to is None:
            window = recent_window(session, scope.where, context.recent_days)
        if window is None or period == Period.ALL:
            return _whole(session, context, params, scope, window)
        return _split(session, context, params, scope, window, period)


def _entries_word(count: int) -> str:
    return "entry" if count == 1 else "entries"


def _counted(count: int, complete: bool) -> str:
    return f"{count}" if complete else f"more than {count}"


def _page_card(found: TimelinePage, section: str, lead: str) -> Card:
    footer = None
    if found.count:
        footer = page_footer(found.page, found.pages, found.count, _entries_word(found.count))
        if not found.complete:
            footer = f"{found.count}+ entries · page {found.page} of {found.pages}+"
    return Card(
        title="Timeline",
        lead=lead,
        sections=[CardSection(title=section, items=[entry_item(e) for e in found.entries])]
        if found.entries
        else [],
        footer=footer,
        page=found.page,
        pages=found.pages if found.complete else found.pages + 1,
    )


def _whole(
    session: Session,
    context: CommandContext,
    params: TimelineParams,
    scope: Scope,
    window: RecentWindow | None,
) -> Card:
    """The timeline oldest first: a window (`from:`/`to:`), or `period:all`."""
    found = timeline_page(session, scope.where, params.page, context.page_size, AHEAD)
    outlets = outlets_of(session, found.ids)
    total = f"{found.count}" if found.complete else f"More than {found.count}"
    lead = (
        f"{total} dated entries from {len(outlets)}{'' if found.complete else '+'} outlet(s)"
        + (f" ({scope.text})" if scope.text else "")
        + "."
        if found.count
        else "No dated events match" + (f" ({scope.text})." if scope.text else ".")
    )
    card = _page_card(found, "Events", lead)
    if window is not None:  # the whole story: its latest weeks one step away
        label = f"Last {window.days} days, newest first"
        card.links = [CardLink(label=label, command=scope.command(Period.RECENT))]
    if not found.complete:  # the chart needs every entry: drawn when the walk saw them all
        return card
    if window is not None:  # and shows the recent weeks apart from the background
        recent = [day for day in found.days if day >= window.start]
        earlier = [day for day in found.days if day < window.start]
        card.chart = story_chart(recent, earlier, window.start, window.end, _chart_title(scope))
    else:
        card.chart = dated_chart(found.days, _chart_title(scope))
    return card


@dataclass(frozen=True)
class _Other:
    """The part of the timeline not shown, counted up to `most` entries from its dates."""

    days: list[date]
    most: int

    @property
    def complete(self) -> bool:
        return len(self.days) <= self.most

    @property
    def count(self) -> int:
        return min(len(self.days), self.most)

    @property
    def text(self) -> str:
        return _counted(self.count, self.complete)

    @property
    def chart_days(self) -> list[date] | None:
        return self.days if self.complete else None


def _split(
    session: Session,
    context: CommandContext,
    params: TimelineParams,
    scope: Scope,
    window: RecentWindow,
    period: Period,
) -> Card:
    """The recent period (newest first) or the background (oldest first), each counting the
    other and one button away from it."""
    size, most = context.page_size, AHEAD * context.page_size
    recent_where = replace(scope.where, start=window.start)
    background_where = replace(scope.where, until=window.background_until)
    last_days = f"the last {window.days} day{'s' if window.days != 1 else ''}"
    about = f" ({scope.text})" if scope.text else ""
    if period == Period.RECENT:
        found = timeline_page(session, recent_where, params.page, size, AHEAD, newest_first=True)
        earlier = _Other(entry_days(session, background_where, most), most)
        outlets = outlets_of(session, found.ids)
        lead = (
            f"{_counted(found.count, found.complete).capitalize()} "
            f"{_entries_word(found.count)}{about} in {last_days} "
            f"({span_text(window.start, window.end)}) from "
            f"{len(outlets)}{'' if found.complete else '+'} outlet(s), newest first · "
            + (f"{earlier.text} earlier." if earlier.count else "nothing earlier.")
        )
        card = _page_card(found, f"Last {window.days} days, newest first", lead)
        if earlier.count:
            label = f"Background ({earlier.text} earlier)"
            card.links = [CardLink(label=label, command=scope.command(Period.BACKGROUND))]
        recent_days = found.days if found.complete else None
        earlier_days = earlier.chart_days
    else:
        found = timeline_page(session, background_where, params.page, size, AHEAD)
        recent = _Other(entry_days(session, recent_where, most), most)
        lead = (
            f"{_counted(found.count, found.complete).capitalize()} earlier "
            f"{_entries_word(found.count)}{about}, before {day_text(window.start)}, oldest "
            f"first · {recent.text} in {last_days}."
            if found.count
            else f"Nothing before {day_text(window.start)}{about}: the whole timeline is in "
            f"{last_days}."
        )
        card = _page_card(found, "Background, oldest first", lead)
        label = f"Last {window.days} days ({recent.text})"
        card.links = [CardLink(label=label, command=scope.command(Period.RECENT))]
        recent_days = recent.chart_days
        earlier_days = found.days if found.complete else None
    if recent_days is not None:  # the chart needs every recent entry (and draws the
        # background beside it when every earlier one was read too)
        card.chart = story_chart(
            recent_days, earlier_days, window.start, window.end, _chart_title(scope)
        )
    return card


def _chart_title(scope: Scope) -> str:
    return "Events over time" + (f" — {scope.text}" if scope.text else "")


TIMELINE = Command(
    name="timeline",
    summary="Dated events across outlets, merged: the latest weeks first, the background apart",
    params=TimelineParams,
    handler=run_timeline,
    examples=(
        "/timeline",
        "/timeline period:background",
        "/timeline actor:Russia",
        "/timeline from:2023-09 kind:ceasefire",
    ),
)
