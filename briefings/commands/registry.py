"""One registry of commands: declared once, used by every surface.

A command is a name, a summary, a pydantic model of its parameters, a permission and a
handler returning a `Card`. The console, `briefbot ask`, Discord's application commands and
Slack's slash commands and manifest are all generated from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from briefings.cards import Card, CardKind, error_card
from briefings.commands.parsing import ParsedLine, parse_line
from briefings.errors import BriefbotError, InputError, NotFoundError
from briefings.extract.actors import ActorRegistry
from briefings.queries.recent import RECENT_DAYS
from briefings.queries.sources import with_article_names
from briefings.store.database import Database
from briefings.stories.channels import scope_label, story_for
from briefings.stories.model import Story
from briefings.stories.scope import story_scope


class Permission(StrEnum):
    ANYONE = "anyone"
    CHANNEL_ADMIN = "channel_admin"
    # Some of the command's actions are for channel managers (`/digest subscribe` changes the
    # channel, `/digest list` only reads): the handler checks `context.admin` itself.
    ADMIN_ACTIONS = "admin_actions"

    @property
    def may_need_admin(self) -> bool:
        """Whether an adapter must find out if the user manages the channel."""
        return self != Permission.ANYONE


@dataclass(frozen=True)
class ChatPlace:
    """Where a command was asked: the platform, the channel and the user (IDs as the
    platform gives them). Commands that act on "this channel" need it."""

    platform: str
    channel: str
    user: str | None = None


@dataclass
class CommandContext:
    """What a handler may use: the data, the actor registry, today's date, paging size, and
    where and by whom it was asked."""

    db: Database
    actors: ActorRegistry
    today: date
    page_size: int = 8
    recent_days: int = RECENT_DAYS  # a timeline's recent period (`briefings.queries.recent`)
    commands: CommandRegistry | None = None
    place: ChatPlace | None = None
    admin: bool = False
    # Feeds: whether URLs on loopback or private networks may be fetched (operators with
    # internal feeds opt in), and how often each feed is polled (said when one is added).
    allow_private_urls: bool = False
    feed_poll_minutes: int = 15
    # Called with a topic ("digest-subscriptions", "feeds") after a command changed stored
    # settings, so the process can act at once (rebuild its schedule) instead of polling.
    changed: Callable[[str], None] | None = None

    # The story asked for when the line names none (`briefbot ask --story`); else the
    # channel's (`/story use`), else every story.
    story: str | None = None

    def notify(self, topic: str) -> None:
        if self.changed is not None:
            self.changed(topic)


CONSOLE = ChatPlace(platform="console", channel="console")

Handler = Callable[[CommandContext, Any], Card]


@dataclass(frozen=True)
class ParamInfo:
    name: str
    description: str
    required: bool
    kind: str  # "text", "int", "date", "choice"
    choices: tuple[str, ...] = ()
    autocomplete: str | None = None  # "actor", "outlet", "kind"


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    params: type[BaseModel]
    handler: Handler
    permission: Permission = Permission.ANYONE
    positional: str | None = None
    examples: tuple[str, ...] = ()
    # Answered for one story (the channel's, or `story:NAME` / `story:all` on the line): the
    # registry adds the `story` option and sets the scope (`briefings.stories.scope`).
    scoped: bool = True

    def param_info(self) -> list[ParamInfo]:
        infos = []
        for name, spec in self.params.model_fields.items():
            extra = spec.json_schema_extra if isinstance(spec.json_schema_extra, dict) else {}
            choices = extra.get("choices") or ()
            infos.append(
                ParamInfo(
                    name=spec.alias or name,
                    description=spec.description or name,
                    required=spec.is_required(),
                    kind=str(extra.get("kind", "text")),
                    choices=tuple(str(c) for c in choices) if isinstance(choices, list) else (),
                    autocomplete=str(extra["autocomplete"]) if "autocomplete" in extra else None,
                )
            )
        if self.scoped and STORY_OPTION.name not in {info.name for info in infos}:
            infos.append(STORY_OPTION)
        return infos

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for info in self.param_info():
            if info.name == "page":
                continue
            token = info.name.upper() if info.name == self.positional else f"{info.name}:…"
            parts.append(token if info.required else f"[{token}]")
        return " ".join(parts)


STORY_OPTION = ParamInfo(
    name="story",
    description="the story to answer for (all: every story); default: the channel's",
    required=False,
    kind="text",
    autocomplete="story",
)


def _validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "input"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "missing":
        return f"Missing {where}."
    if first["type"] == "extra_forbidden":
        return f"Unknown option “{where}”."
    return f"{where}: {message}"


@dataclass
class CommandRegistry:
    commands: dict[str, Command] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        if command.name in self.commands:
            raise ValueError(f"command {command.name} declared twice")
        self.commands[command.name] = command

    def __iter__(self) -> Iterator[Command]:
        return iter(self.commands.values())

    def get(self, name: str) -> Command:
        key = name.lower().lstrip("/")
        if key in self.commands:
            return self.commands[key]
        close = process.extract(
            key, list(self.commands), scorer=fuzz.ratio, limit=3, score_cutoff=60
        )
        suggestions = [f"/{choice}" for choice, _, _ in close]
        raise NotFoundError(f"There is no command “/{key[:40]}”.", suggestions)

    def bind(self, parsed: ParsedLine) -> tuple[Command, BaseModel]:
        """Match a parsed line to its command and validate its parameters (a scoped
        command's `story:` option is taken out first: `story_option`)."""
        command = self.get(parsed.name)
        values: dict[str, Any] = {}
        fields = {info.name: info for info in command.param_info()}
        if command.scoped:
            fields.pop(STORY_OPTION.name, None)
        words = list(parsed.words)
        for key, value in parsed.options.items():
            if key not in fields and command.positional is not None:
                words.append(parsed.raw_options[key])  # "a:b" inside free text
                continue
            if key not in fields:
                close = process.extract(
                    key, list(fields), scorer=fuzz.ratio, limit=1, score_cutoff=60
                )
                hint = [f"{c}:" for c, _, _ in close]
                raise NotFoundError(f"/{command.name} has no option “{key[:40]}”.", hint)
            if not value:  # `actor:` alone: dropping the filter silently would mislead
                raise InputError(f"The option {key}: needs a value.")
            values[key] = value
        if words:
            if command.positional is None:
                raise InputError(f"/{command.name} takes no free text; try /help {command.name}.")
            if command.positional in values:
                raise InputError(f"{command.positional} was given twice.")
            values[command.positional] = " ".join(words)
        try:
            params = command.params.model_validate(values)
        except ValidationError as error:
            raise InputError(_validation_message(error)) from None
        return command, params

    def run(self, line: str, context: CommandContext, *, admin: bool = False) -> Card:
        """Run a command line; every user-facing failure becomes an error card.

        `admin` says whether the asking user manages the channel (the adapter knows how to tell
        on its platform); channel-admin commands refuse everyone else."""
        story: Story | None = None
        try:
            parsed = parse_line(line)
            asked = story_option(self.get(parsed.name), parsed)
            command, params = self.bind(parsed)
            if command.permission == Permission.CHANNEL_ADMIN and not admin:
                raise InputError(f"Only channel managers can use /{command.name}.")
            if command.scoped:
                story = _story_of(context, asked)
            with story_scope(story.id if story else None):
                card = command.handler(replace(context, admin=admin), params)
        except NotFoundError as error:
            return error_card(error.message, command=line[:200], suggestions=error.suggestions)
        except BriefbotError as error:
            return error_card(error.message, command=line[:200])
        if not card.command:
            card.command = line.strip()
        if card.citations:
            with context.db.session() as session:
                card = with_article_names(session, card)
        if command.scoped:
            label = scope_label(story)
            card.footer = f"{card.footer} · {label}" if card.footer else label
        return card


def story_option(command: Command, parsed: ParsedLine) -> str | None:
    """Take a scoped command's `story:` option out of the line (the command never sees it)."""
    if not command.scoped or STORY_OPTION.name not in parsed.options:
        return None
    parsed.raw_options.pop(STORY_OPTION.name, None)
    value = parsed.options.pop(STORY_OPTION.name)
    if not value:
        raise InputError("The option story: needs a value (a story's name, or all).")
    return value


def _story_of(context: CommandContext, asked: str | None) -> Story | None:
    """The story in scope; the console and `briefbot ask` are the `console` channel (where
    `/story use` there binds)."""
    place = context.place or CONSOLE
    with context.db.session() as session:
        return story_for(session, asked, context.story, place.platform, place.channel)


def is_error(card: Card) -> bool:
    return card.kind == CardKind.ERROR
