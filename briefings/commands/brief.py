"""/brief [topic] — the situation now: latest developments, key actors, key figures, reach."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardSection
from briefings.commands.figures import group_item
from briefings.commands.layout import entry_item
from briefings.commands.registry import Command, CommandContext
from briefings.commands.topics import topic_words
from briefings.daytext import span_text
from briefings.errors import NotFoundError
from briefings.extract.events import default_vocabulary
from briefings.figure_groups import group_figures
from briefings.queries.facts import figures
from briefings.queries.names import resolve_actor
from briefings.queries.profiles import (
    companions,
    most_mentioned_since,
    newest_publication,
    outlet_counts,
)
from briefings.queries.recent import recent_window
from briefings.queries.timeline import TimelineFilter, latest_entries

LATEST = 6
KEY_FIGURES = 4
RECENT_DAYS = 30


class BriefParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str | None = Field(
        None,
        description="an actor, an event kind or words (Russia, ceasefire, Lachin corridor)",
        max_length=200,
        json_schema_extra={"autocomplete": "actor"},
    )


@dataclass(frozen=True)
class Focus:
    label: str
    where: TimelineFilter
    actor_id: int | None = None
    words: tuple[str, ...] = ()


def _focus(context: CommandContext, topic: str | None) -> Focus:
    """What the topic means: an actor, else an event kind, else words in the sentences."""
    if not topic:
        return Focus(label="the whole story", where=TimelineFilter())
    with context.db.session() as session:
        try:
            resolved = resolve_actor(session, context.actors, topic)
        except NotFoundError as unknown:
            kind = topic.strip().lower()
            if kind in default_vocabulary().kinds:
                return Focus(label=f"kind {kind}", where=TimelineFilter(kind=kind))
            words = topic_words(topic)
            if not words:
                raise
            suggestions = unknown.suggestions
            label = " ".join(words)
            focus = Focus(label=f"“{label}”", where=TimelineFilter(words=words), words=words)
            if not latest_entries(session, focus.where, 1):
                raise NotFoundError(
                    f"Nothing dated mentions “{label[:60]}”.", suggestions
                ) from None
            return focus
    name = resolved.actor.name
    return Focus(label=name, where=TimelineFilter(actor=name), actor_id=resolved.actor_id)


def run_brief(context: CommandContext, params: BriefParams) -> Card:
    focus = _focus(context, params.topic)
    with context.db.session() as session:
        # Latest developments are news: only the recent period's entries (never the history
        # an article recalls), none dated after today or after the newest article.
        window = recent_window(session, focus.where, context.recent_days)
        # the window has read the newest publication date already
        newest = window.newest_article if window else newest_publication(session)
        news = replace(focus.where, start=window.start) if window else focus.where
        until = min(context.today, newest) if newest else context.today
        entries = latest_entries(session, news, LATEST, until=until)
        since = newest - timedelta(days=RECENT_DAYS) if newest else None
        if focus.actor_id is not None:
            actors = companions(session, focus.actor_id, limit=6)
        else:
            actors = most_mentioned_since(session, since)
        words = focus.words or ((focus.where.actor,) if focus.where.actor else ())
        found = figures(session, limit=60, words=words, newest_first=True)
        counts = outlet_counts(session)
    groups = group_figures(found)
    groups.sort(key=lambda g: -len(g.figures))
    outlets = sorted({name for e in entries for name in e.outlets})
    fields = [
        CardField(
            name="Coverage",
            value=f"{sum(c.articles for c in counts)} articles from {len(counts)} outlets",
        )
    ]
    if newest:
        fields.append(CardField(name="Newest article", value=newest.isoformat()))
    if actors:
        fields.append(
            CardField(name="Key actors", value=", ".join(f"{n} ({c})" for n, c in actors))
        )
    sections = [
        CardSection(
            title="Latest developments",
            items=[entry_item(entry) for entry in entries],
            empty_text="No dated developments yet.",
        ),
        CardSection(
            title="Key figures",
            items=[group_item(group) for group in groups[:KEY_FIGURES]],
            empty_text="No figures yet.",
        ),
    ]
    period = f" ({span_text(window.start, window.end)})" if window else ""
    lead = (
        f"Situation on {focus.label}: the {len(entries)} latest dated development(s){period}, "
        f"reported by {', '.join(outlets)}."
        if entries
        else f"Nothing dated yet on {focus.label}."
    )
    return Card(
        title="Briefing" + (f" — {focus.label}" if params.topic else ""),
        lead=lead,
        fields=fields,
        sections=sections,
        footer="/timeline for the latest weeks · /timeline period:background for the history "
        "· /claims for who said what",
    )


BRIEF = Command(
    name="brief",
    summary="The situation now: latest developments, key actors and figures",
    params=BriefParams,
    handler=run_brief,
    positional="topic",
    examples=("/brief", "/brief Armenia", "/brief ceasefire"),
)
