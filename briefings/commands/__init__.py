"""The command registry and the built-in commands."""

from __future__ import annotations

from functools import cache

from briefings.commands.actor import ACTOR
from briefings.commands.help import HELP
from briefings.commands.registry import Command, CommandContext, CommandRegistry, Permission
from briefings.commands.source import SOURCE
from briefings.commands.timeline import TIMELINE

__all__ = ["Command", "CommandContext", "CommandRegistry", "Permission", "default_commands"]


@cache
def default_commands() -> CommandRegistry:
    registry = CommandRegistry()
    for command in (TIMELINE, ACTOR, SOURCE, HELP):
        registry.add(command)
    return registry
