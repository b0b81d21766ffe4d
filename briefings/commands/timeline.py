"""/timeline — merged, dated entries across outlets, oldest first, paged."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardSection
from briefings.charts import timeline_chart
from briefings.commands.layout import entry_item, page_footer
from briefings.commands.params import UserDate
from briefings.commands.registry import Command, CommandContext
from briefings.errors import InputError
from briefings.extract.events import default_vocabulary
from briefings.queries.names import resolve_actor, resolve_outlet
from briefings.queries.timeline import (
    TimelineFilter,
    counted_entries,
    outlets_of,
    timeline_page,
)


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
    page: int = Field(
        1, ge=1, le=10_000, description="page of results", json_schema_extra={"kind": "int"}
    )


def run_timeline(context: CommandContext, params: TimelineParams) -> Card:
    kinds = default_vocabulary().kinds
    if params.kind and params.kind.lower() not in kinds:
        raise InputError(
            f"Unknown event kind “{params.kind[:40]}”. Kinds: {', '.join(sorted(kinds))}."
        )
    if params.from_ and params.to and params.from_.start > params.to.end:
        raise InputError("from: must not be after to:.")
    with context.db.session() as session:
        actor = (
            resolve_actor(session, context.actors, params.actor).actor.name
            if params.actor
            else None
        )
        outlet = resolve_outlet(session, params.source) if params.source else None
        where = TimelineFilter(
            actor=actor,
            outlet=outlet,
            start=params.from_.start if params.from_ else None,
            end=params.to.end if params.to else None,
            kind=params.kind.lower() if params.kind else None,
        )
        found = timeline_page(session, where, params.page, context.page_size)
        outlets = outlets_of(session, found.ids)
        # The chart needs every entry: drawn when the walk saw them all (see README).
        counted = counted_entries(session, found.ids) if found.complete else []
    scope = [f"actor {actor}" if actor else "", f"source {outlet}" if outlet else ""]
    if where.start or where.end:
        scope.append(f"{where.start or '…'} to {where.end or '…'}")
    if where.kind:
        scope.append(f"kind {where.kind}")
    scope_text = "; ".join(s for s in scope if s)
    total = f"{found.count}" if found.complete else f"More than {found.count}"
    pages = found.pages if found.complete else found.pages + 1
    lead = (
        f"{total} dated entries from {len(outlets)}{'' if found.complete else '+'} outlet(s)"
        + (f" ({scope_text})" if scope_text else "")
        + "."
        if found.count
        else "No dated events match" + (f" ({scope_text})." if scope_text else ".")
    )
    footer = None
    if found.count:
        footer = page_footer(found.page, found.pages, found.count, "entries")
        if not found.complete:
            footer = f"{found.count}+ entries · page {found.page} of {found.pages}+"
    return Card(
        title="Timeline",
        lead=lead,
        sections=[CardSection(title="Events", items=[entry_item(e) for e in found.entries])]
        if found.entries
        else [],
        footer=footer,
        page=found.page,
        pages=pages,
        chart=timeline_chart(
            counted, "Events over time" + (f" — {scope_text}" if scope_text else "")
        )
        if counted
        else None,
    )


TIMELINE = Command(
    name="timeline",
    summary="Dated events across outlets, merged and in order",
    params=TimelineParams,
    handler=run_timeline,
    examples=("/timeline", "/timeline actor:Russia", "/timeline from:2023-09 kind:ceasefire"),
)
