"""The command registry and the built-in commands."""

from __future__ import annotations

from functools import cache

from briefings.commands.actor import ACTOR
from briefings.commands.alerts import ALERTS
from briefings.commands.brief import BRIEF
from briefings.commands.claims import CLAIMS
from briefings.commands.digest import DIGEST
from briefings.commands.feeds import FEEDS
from briefings.commands.figures import FIGURES
from briefings.commands.help import HELP
from briefings.commands.registry import Command, CommandContext, CommandRegistry, Permission
from briefings.commands.search import SEARCH
from briefings.commands.source import SOURCE
from briefings.commands.sources import SOURCES
from briefings.commands.story import STORY
from briefings.commands.timeline import TIMELINE

__all__ = ["Command", "CommandContext", "CommandRegistry", "Permission", "default_commands"]


@cache
def default_commands() -> CommandRegistry:
    registry = CommandRegistry()
    for command in (
        BRIEF,
        TIMELINE,
        ACTOR,
        SOURCE,
        SOURCES,
        CLAIMS,
        FIGURES,
        SEARCH,
        DIGEST,
        ALERTS,
        FEEDS,
        STORY,
        HELP,
    ):
        registry.add(command)
    return registry
