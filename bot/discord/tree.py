"""The application-command tree, generated from the command registry.

Each registry command becomes one slash command with typed, described options: text and
integers as such, dates as text with their format in the description, closed sets as choices,
and actor/outlet/kind names autocompleted from the core. The callback only rebuilds the command
line (`bot.discord.lines`) and hands it to the client's answerer, so the tree can be built (and
synced) without any database.
"""

from __future__ import annotations

import inspect
import keyword
import logging
import re
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

import discord
from discord import app_commands

from bot.discord.lines import command_line
from bot.discord.protocol import answerer_of, is_channel_admin
from briefings.commands.registry import Command, CommandRegistry, ParamInfo, Permission

log = logging.getLogger(__name__)

NAME_PATTERN = re.compile(r"^[-_a-z0-9]{1,32}$")
DESCRIPTION_LIMIT = 100
MAX_OPTIONS = 25
MAX_CHOICES = 25
CHOICE_LIMIT = 100  # characters of a choice's name and value
DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"

Choice = app_commands.Choice
AutocompleteCallback = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[Choice[str]]]
]


def fit_description(text: str, fallback: str) -> str:
    """A description Discord accepts: 1–100 characters, cut with an ellipsis."""
    text = " ".join(text.split()) or fallback
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[: DESCRIPTION_LIMIT - 1].rstrip() + "…"


def option_description(info: ParamInfo) -> str:
    """The option's description; date options always say which format they take."""
    description = info.description
    if info.kind == "date" and "YYYY" not in description:
        hint = f" ({DATE_HINT})"
        room = DESCRIPTION_LIMIT - len(hint)
        description = fit_description(description, info.name)[:room].rstrip() + hint
    return fit_description(description, info.name)


def to_choices(names: Iterable[str]) -> list[Choice[str]]:
    """At most 25 distinct choices; a name too long to be a choice value is left out rather
    than cut, since a cut value would name something else."""
    choices: list[Choice[str]] = []
    seen: set[str] = set()
    for name in names:
        if not name or len(name) > CHOICE_LIMIT or name in seen:
            continue
        seen.add(name)
        choices.append(Choice(name=name, value=name))
        if len(choices) == MAX_CHOICES:
            break
    return choices


def _python_name(name: str, taken: set[str]) -> str:
    candidate = re.sub(r"\W", "_", name) or "option"
    if keyword.iskeyword(candidate) or candidate[0].isdigit() or candidate in taken:
        candidate = f"{candidate}_"
    while candidate in taken:
        candidate = f"{candidate}_"
    taken.add(candidate)
    return candidate


def _annotation(info: ParamInfo) -> Any:
    if info.kind == "int":
        return int
    if info.kind == "date":
        return app_commands.Range[str, 4, 10]
    return str


def _source_autocomplete(source: str) -> AutocompleteCallback:
    async def autocomplete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[Choice[str]]:
        try:
            names = await answerer_of(interaction.client).complete(source, current)
        except Exception:
            log.exception("autocomplete from %s failed", source)
            return []
        return to_choices(names)

    return autocomplete


def _choices_autocomplete(options: tuple[str, ...]) -> AutocompleteCallback:
    """For closed sets larger than Discord's 25 choices: filter them as the user types."""

    async def autocomplete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[Choice[str]]:
        prefix = current.strip().lower()
        starts = [o for o in options if o.lower().startswith(prefix)]
        inside = [o for o in options if prefix in o.lower() and o not in starts]
        return to_choices(starts + inside)

    return autocomplete


def build_command(command: Command) -> app_commands.Command[Any, ..., None]:
    """One slash command for one registry command."""
    if not NAME_PATTERN.match(command.name):
        raise ValueError(f"/{command.name} is not a valid Discord command name")
    infos = command.param_info()
    if len(infos) > MAX_OPTIONS:
        raise ValueError(f"/{command.name} has more than {MAX_OPTIONS} options")
    taken = {"interaction"}
    by_python: dict[str, ParamInfo] = {}
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    describe: dict[str, str] = {}
    rename: dict[str, str] = {}
    choices: dict[str, list[Choice[str]]] = {}
    completers: dict[str, AutocompleteCallback] = {}
    for info in sorted(infos, key=lambda i: not i.required):
        if not NAME_PATTERN.match(info.name):
            raise ValueError(f"/{command.name} option {info.name!r} is not a valid Discord name")
        python = _python_name(info.name, taken)
        by_python[python] = info
        parameters.append(
            inspect.Parameter(
                python,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if info.required else None,
                annotation=_annotation(info),
            )
        )
        describe[python] = option_description(info)
        if python != info.name:
            rename[python] = info.name
        if info.choices and len(info.choices) <= MAX_CHOICES and info.kind != "int":
            choices[python] = [Choice(name=c[:CHOICE_LIMIT], value=c) for c in info.choices]
        elif info.choices:
            completers[python] = _choices_autocomplete(info.choices)
        elif info.autocomplete:
            completers[python] = _source_autocomplete(info.autocomplete)

    async def callback(interaction: discord.Interaction[Any], **values: object) -> None:
        line = command_line(command, {by_python[key].name: v for key, v in values.items()})
        await answerer_of(interaction.client).answer_command(
            interaction, line, admin=is_channel_admin(interaction)
        )

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__qualname__ = callback.__name__ = f"slash_{command.name.replace('-', '_')}"
    decorated: Any = app_commands.describe(**describe)(callback)
    if rename:
        decorated = app_commands.rename(**rename)(decorated)
    if choices:
        decorated = app_commands.choices(**choices)(decorated)
    if completers:
        decorated = app_commands.autocomplete(**completers)(decorated)
    if command.permission == Permission.CHANNEL_ADMIN:
        decorated = app_commands.default_permissions(manage_channels=True)(decorated)
        decorated = app_commands.guild_only()(decorated)
    elif command.permission == Permission.ADMIN_ACTIONS:
        decorated = app_commands.guild_only()(decorated)  # acts on a server channel
    return app_commands.Command(
        name=command.name,
        description=fit_description(command.summary, command.name),
        callback=decorated,
    )


async def _on_tree_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    """Anything the answerer did not handle itself: log it, apologise privately."""
    log.error(
        "slash command /%s failed: %s",
        interaction.command.name if interaction.command else "?",
        type(error).__name__,
        exc_info=error,
    )
    try:
        await answerer_of(interaction.client).apologise(interaction)
    except Exception:
        log.exception("could not apologise for a failed command")


def build_tree(client: discord.Client, registry: CommandRegistry) -> app_commands.CommandTree[Any]:
    """The client's command tree: every registry command, global (sync copies to a guild)."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    for command in registry:
        tree.add_command(build_command(command))
    tree.error(_on_tree_error)
    return tree
