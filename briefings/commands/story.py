"""/story [show|create|edit|use|remove] NAME — the stories this workspace follows, and the
one this channel follows.

Listing and showing only read, so anyone may; creating, editing, removing a story and binding
the channel to one change what channels see, so they are for channel managers (the adapter
says who is one). A refused action changes nothing.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.registry import ChatPlace, Command, CommandContext, Permission
from briefings.errors import InputError
from briefings.stories.channels import story_for
from briefings.stories.model import Rematch, Story
from briefings.stories.names import ALL
from briefings.stories.store import (
    StoryChange,
    bind_channel,
    create_story,
    edit_story,
    find_story,
    list_stories,
    remove_story,
    story_overview,
    story_sizes,
)

ACTIONS = ("list", "show", "create", "edit", "use", "remove")
MANAGER_ACTIONS = ("create", "edit", "use", "remove")
RULE_OPTIONS = ("title", "description", "actors", "words", "mentions", "lead")
TOPIC = "stories"


class StoryParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str = Field(
        "list",
        description="list (default), show, create, edit, use or remove — then the story's name",
        json_schema_extra={"kind": "choice", "choices": list(ACTIONS)},
    )
    name: str | None = Field(
        None, description="the story's name (a slug)", json_schema_extra={"autocomplete": "story"}
    )
    title: str | None = Field(None, description="create/edit: the story's title")
    description: str | None = Field(None, description="create/edit: what the story covers")
    actors: str | None = Field(None, description="create/edit: key actors, comma-separated")
    words: str | None = Field(None, description="create/edit: key words, comma-separated")
    mentions: int | None = Field(
        None,
        description="create/edit: mentions an article needs to join",
        json_schema_extra={"kind": "int"},
    )
    lead: int | None = Field(
        None,
        description="create/edit: mentions in headline and lead that suffice",
        json_schema_extra={"kind": "int"},
    )


def _place(context: CommandContext) -> ChatPlace:
    """The asking channel; the console and `briefbot ask` count as the `console` channel."""
    return context.place or ChatPlace(platform="console", channel="console")


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _action_and_name(params: StoryParams) -> tuple[str, str | None]:
    """`/story show NAME` arrives as action "show NAME" (free text) or with name:."""
    action, _, rest = params.action.strip().partition(" ")
    action = action.lower() or "list"
    if action not in ACTIONS:
        raise InputError(f"/story has no action “{action[:30]}”: use {', '.join(ACTIONS)}.")
    name = params.name or rest.strip() or None
    if rest.strip() and params.name:
        raise InputError("The story's name was given twice.")
    if action != "list" and not name:
        raise InputError(f"Say which story: /story {action} NAME")
    if action == "list" and name:
        action = "show"
    given = [option for option in RULE_OPTIONS if getattr(params, option) is not None]
    if given and action not in ("create", "edit"):
        raise InputError(f"/story {action} takes no {given[0]}: option.")
    return action, name


def _change(params: StoryParams) -> StoryChange:
    return StoryChange(
        title=params.title,
        description=params.description,
        actors=_split(params.actors),
        words=_split(params.words),
        min_mentions=params.mentions,
        min_lead_mentions=params.lead,
    )


def _rule_fields(story: Story) -> list[CardField]:
    fields = [CardField(name="Name", value=story.slug)]
    if story.description:
        fields.append(CardField(name="Covers", value=story.description))
    fields.append(CardField(name="Rule", value=story.rule.describe()))
    return fields


def _rematch_field(rematch: Rematch | None) -> list[CardField]:
    if rematch is None:
        return [CardField(name="Articles", value="rule unchanged: nothing re-matched")]
    return [CardField(name="Re-matched", value=rematch.describe())]


def _list(context: CommandContext) -> Card:
    place = _place(context)
    with context.db.session() as session:
        stories = list_stories(session)
        sizes = story_sizes(session)
        here = story_for(session, None, None, place.platform, place.channel)
    items = [
        CardItem(
            text=f"{story.slug} — {story.title}",
            detail=f"{sizes.get(story.id, 0)} article(s)"
            + (" · this channel" if here is not None and here.id == story.id else ""),
        )
        for story in stories
    ]
    following = (
        f"This channel follows {here.slug}: every command here answers for it "
        "(add story:all or story:OTHER to a command to look beyond it)."
        if here is not None
        else "This channel follows every story. A channel manager can bind it to one: "
        "/story use NAME"
    )
    return Card(
        title="Stories",
        lead=following,
        sections=[
            CardSection(
                title="Stories",
                items=items,
                empty_text="None yet. A channel manager can create one: "
                "/story create NAME actors:A,B words:W,V",
            )
        ],
    )


def _show(context: CommandContext, name: str) -> Card:
    with context.db.session() as session:
        overview = story_overview(session, find_story(session, name))
    story = overview.story
    span = (
        f"{overview.first:%d %b %Y} – {overview.last:%d %b %Y}"
        if overview.first and overview.last
        else "no dated articles"
    )
    fields = [
        *_rule_fields(story),
        CardField(
            name="Articles",
            value=f"{overview.articles} ({overview.by_rule} by rule, "
            f"{overview.articles - overview.by_rule} by feed or ingest) · {span}",
        ),
        CardField(name="Feeds", value=", ".join(overview.feeds) or "none"),
        CardField(
            name="Channels",
            value=", ".join(f"{p}:{c}" for p, c in overview.channels) or "none follows it",
        ),
    ]
    items = [
        CardItem(text=outlet, detail=f"{count} article(s)") for outlet, count in overview.outlets
    ]
    return Card(
        title=story.title,
        lead=f"Story {story.slug}. /story use {story.slug} makes a channel follow it.",
        fields=fields,
        sections=[CardSection(title="Outlets", items=items, empty_text="No articles yet.")],
    )


def _require_manager(context: CommandContext, action: str) -> None:
    if not context.admin:
        raise InputError(f"Only channel managers can use /story {action}; nothing was changed.")


def run_story(context: CommandContext, params: StoryParams) -> Card:
    action, name = _action_and_name(params)
    if action in MANAGER_ACTIONS:
        _require_manager(context, action)
    if action == "list":
        return _list(context)
    assert name is not None
    if action == "show":
        return _show(context, name)
    if action == "create":
        story, rematch = create_story(context.db, name, _change(params))
        context.notify(TOPIC)
        return Card(
            title=f"Story created: {story.title}",
            lead=f"/story use {story.slug} makes a channel follow it.",
            fields=[*_rule_fields(story), *_rematch_field(rematch)],
        )
    if action == "edit":
        story, changed = edit_story(context.db, name, _change(params))
        context.notify(TOPIC)
        return Card(
            title=f"Story changed: {story.title}",
            fields=[*_rule_fields(story), *_rematch_field(changed)],
        )
    if action == "use":
        place = _place(context)
        bound = bind_channel(context.db, place.platform, place.channel, name, place.user)
        if bound is None:
            return Card(title="Every story", lead=f"This channel follows every story ({ALL}).")
        return Card(
            title=f"This channel follows {bound.title}",
            lead=f"Every command here answers for {bound.slug}, and so does its digest; "
            "add story:all or story:OTHER to a command to look beyond it.",
        )
    removed = remove_story(context.db, name)
    context.notify(TOPIC)
    return Card(
        title=f"Story removed: {removed.slug}",
        lead="Its articles stay stored: every story's view and the unbound channels still "
        "show them. Channels that followed it now follow every story.",
    )


STORY = Command(
    name="story",
    summary="The stories followed here: list, show, create, edit, use, remove",
    params=StoryParams,
    handler=run_story,
    permission=Permission.ADMIN_ACTIONS,
    positional="action",
    scoped=False,
    examples=(
        "/story",
        "/story show nagorno-karabakh",
        '/story create red-sea title:"Red Sea shipping" actors:Houthis words:"Red Sea,shipping"',
        "/story edit red-sea mentions:4",
        "/story use red-sea",
        "/story remove red-sea",
    ),
)
