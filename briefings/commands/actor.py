"""/actor NAME — who an actor is, what it did and said, what others said of it, who covers it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardSection
from briefings.commands.layout import claim_item, entry_item, page_footer
from briefings.commands.registry import Command, CommandContext
from briefings.queries.facts import (
    ClaimView,
    claims_by_and_about,
    count_claims_about,
    count_claims_by,
)
from briefings.queries.names import resolve_actor
from briefings.queries.profiles import companions, coverage_by_outlet
from briefings.queries.timeline import TimelineFilter, timeline_page

SHOWN_CLAIMS = 5  # per list on the card
COUNTED_MOST = 1_000  # statements counted exactly up to here; beyond, "more than"


class ActorParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        description="actor name, alias or demonym (Russia, Moscow, Pashinyan)",
        min_length=1,
        json_schema_extra={"autocomplete": "actor"},
    )
    page: int = Field(
        1, ge=1, le=10_000, description="page of events", json_schema_extra={"kind": "int"}
    )


def _corrected(context: CommandContext, typed: str, name: str) -> str:
    """A note when a misspelling was read as a close name (`/actor Rusia` answers for Russia),
    so the user sees the guess instead of being silently corrected."""
    typed = " ".join(typed.split())
    if context.actors.get(typed) is not None or typed.casefold() == name.casefold():
        return ""
    return f"No actor is called “{typed[:60]}”; did you mean {name}? Showing {name}. "


def _counted(number: int) -> str:
    """A count from `count_claims_*`: past COUNTED_MOST it is a lower bound."""
    return f"more than {COUNTED_MOST:,}" if number > COUNTED_MOST else f"{number:,}"


def run_actor(context: CommandContext, params: ActorParams) -> Card:
    with context.db.session() as session:
        resolved = resolve_actor(session, context.actors, params.name)
        actor = resolved.actor
        if resolved.actor_id is None:
            found = None
            said: list[ClaimView] = []
            about: list[ClaimView] = []
            partners, coverage = [], []
            said_count = about_count = 0
        else:
            found = timeline_page(
                session, TimelineFilter(actor=actor.name), params.page, context.page_size
            )
            said, about = claims_by_and_about(session, resolved.actor_id, limit=SHOWN_CLAIMS)
            said_count = count_claims_by(session, resolved.actor_id, COUNTED_MOST)
            about_count = count_claims_about(session, resolved.actor_id, COUNTED_MOST)
            partners = companions(session, resolved.actor_id)
            coverage = coverage_by_outlet(session, resolved.actor_id)
    fields = [CardField(name="Kind", value=actor.kind.value.replace("_", " "))]
    if actor.role or actor.affiliation:
        role = ", ".join(part for part in (actor.role, actor.affiliation) if part)
        fields.append(CardField(name="Role", value=role))
    if actor.aliases:
        fields.append(CardField(name="Also called", value=", ".join(actor.aliases[:8])))
    if coverage:
        fields.append(
            CardField(name="Covered by", value=", ".join(f"{o} ({n})" for o, n in coverage))
        )
    if partners:
        fields.append(
            CardField(name="Appears with", value=", ".join(f"{n} ({c})" for n, c in partners))
        )
    shown = found.entries if found else []
    page, pages = (found.page, found.pages) if found else (1, 1)
    events = "0"
    if found and found.count:
        events = str(found.count) if found.complete else f"more than {found.count}"
    sections = [
        CardSection(
            title="What it did",
            items=[entry_item(e) for e in shown],
            empty_text="No dated events yet.",
        ),
        CardSection(
            title="What it said",
            items=[claim_item(c, with_speaker=False, on_behalf_of=actor.name) for c in said],
            empty_text="No attributed statements yet.",
        ),
        CardSection(
            title="What others said about it",
            items=[claim_item(c) for c in about],
            empty_text="Nothing yet.",
        ),
    ]
    lead = _corrected(context, params.name, actor.name) + (
        f"Mentioned in {sum(n for _, n in coverage)} article(s); "
        f"{events} dated event(s), {_counted(said_count)} statement(s)."
        if coverage
        else "Known actor, not yet mentioned in any stored article."
    )
    more = [f"{_counted(said_count - len(said))} more statements"] if said_count > len(said) else []
    if about_count > len(about):
        more.append(f"{_counted(about_count - len(about))} more said about it")
    counted = found.count if found else 0
    footer = page_footer(page, pages, counted, "events")
    if found and not found.complete:
        footer = f"{counted}+ events · page {page} of {pages}+"
        pages += 1
    return Card(
        title=actor.name,
        lead=lead,
        fields=fields,
        sections=[s for s in sections if s.items or s.empty_text],
        footer=" · ".join([footer, *more]),
        page=page,
        pages=pages,
    )


ACTOR = Command(
    name="actor",
    summary="An actor's profile: events, statements, what others say, coverage",
    params=ActorParams,
    handler=run_actor,
    positional="name",
    examples=("/actor Russia", "/actor Pashinyan", "/actor Moscow"),
)
