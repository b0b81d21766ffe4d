"""From a Slack slash command to a core command line.

Every registry command is its own slash command (`/actor Russia`), and one umbrella command
(`/brief actor Russia`) reaches them all, for workspaces where short names are taken. The
registry may itself declare a command named like the umbrella (a "situation now" briefing);
the umbrella then runs it whenever its first word is not another command's name.
"""

from __future__ import annotations

from briefings.commands import CommandRegistry

UMBRELLA = "brief"
HELP_LINE = "/help"


def slack_text(text: str) -> str:
    """Undo Slack's escaping of `&`, `<` and `>` in slash command text."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_line(name: str, text: str) -> str:
    """`/{name} {text}`: the line the core parses."""
    return f"/{name} {text.strip()}".strip()


def slash_names(registry: CommandRegistry) -> list[str]:
    """Registry commands served as their own slash command (the umbrella name is served once)."""
    return [command.name for command in registry if command.name != UMBRELLA]


def umbrella_line(registry: CommandRegistry, text: str) -> str:
    """The command line for `/brief {text}`.

    `actor Russia` → `/actor Russia`; any other text → the registry's own `brief` command with
    the text as its topic when there is one; otherwise the first word is tried as a command (so
    a typo still earns "did you mean"), and empty text gets help.
    """
    words = text.strip().split(maxsplit=1)
    first = words[0].lstrip("/").lower() if words else ""
    rest = words[1] if len(words) > 1 else ""
    if first and first in registry.commands:
        return command_line(first, rest)
    if UMBRELLA in registry.commands:
        return command_line(UMBRELLA, text)
    if not first:
        return HELP_LINE
    return command_line(first, rest)


def needs_admin(registry: CommandRegistry, line: str) -> bool:
    """Whether the line names a channel-admin command (only then is the user looked up)."""
    name = line.strip().split(maxsplit=1)[0].lstrip("/").lower() if line.strip() else ""
    command = registry.commands.get(name)
    return command is not None and command.permission.may_need_admin
