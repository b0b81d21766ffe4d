"""`briefbot discord sync [--guild ID]` and `briefbot discord invite [--client-id ID]`.

Sync is a deploy step, run once per release, over REST only (no gateway session): Discord
rate-limits command registration, so the bot never syncs on start-up. A guild sync shows up
at once (for testing); a global sync can take a while to reach every client.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import discord

    from bot.config import Settings

EXIT_FAILED = 1
EXIT_USAGE = 2
AUTHORIZE_URL = "https://discord.com/oauth2/authorize"


def invite_permissions() -> discord.Permissions:
    """What the bot needs in a channel: to see it, post in it (digests), with embeds and the
    timeline chart as a file. Interaction replies need no permission at all; nothing else is
    asked for (no history, no mentions, no management)."""
    import discord  # here, not at the top: `briefbot` starts without the Discord library

    return discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True, attach_files=True
    )


def invite_url(client_id: int) -> str:
    return (
        f"{AUTHORIZE_URL}?client_id={client_id}"
        f"&scope=bot+applications.commands&permissions={invite_permissions().value}"
    )


def _snowflake(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 2**64:
        raise argparse.ArgumentTypeError(f"“{value[:30]}” is not a Discord ID")
    return int(value)


def add_discord_cli(subparsers: Any) -> None:
    """Add `discord sync|invite` to the `briefbot` subcommands (an argparse subparsers action)."""
    discord_parser = subparsers.add_parser("discord", help="Discord commands sync and invite link")
    actions = discord_parser.add_subparsers(dest="discord_command", required=True)
    sync = actions.add_parser("sync", help="register the slash commands with Discord")
    sync.add_argument(
        "--guild", type=_snowflake, help="sync to this guild only (shows at once; for testing)"
    )
    invite = actions.add_parser("invite", help="print the link that adds the bot to a server")
    invite.add_argument(
        "--client-id", type=_snowflake, help="the application ID (default: ask Discord)"
    )


async def _sync(settings: Settings, token: str, guild_id: int | None) -> str:
    import discord

    from bot.discord.client import make_client
    from briefings.commands import default_commands

    client = make_client(settings, default_commands())
    async with client:
        await client.login(token)
        guild = discord.Object(guild_id) if guild_id is not None else None
        if guild is not None:
            client.tree.copy_global_to(guild=guild)
        synced = await client.tree.sync(guild=guild)
    where = f"to guild {guild_id}" if guild_id is not None else "globally"
    return f"synced {len(synced)} commands {where}: " + ", ".join(f"/{c.name}" for c in synced)


async def _application_id(settings: Settings, token: str) -> int:
    from bot.discord.client import make_client
    from briefings.commands import default_commands

    client = make_client(settings, default_commands())
    async with client:
        await client.login(token)
        if client.application_id is None:
            raise RuntimeError("Discord did not say which application this token belongs to")
        return client.application_id


def run_discord_cli(settings: Settings, args: argparse.Namespace) -> int:
    """Run `discord sync` or `discord invite`; one line on stderr and non-zero on failure."""
    import asyncio

    import discord

    from bot.discord.client import configure_endpoints, discord_token

    try:
        if args.discord_command == "invite" and args.client_id is not None:
            print(invite_url(args.client_id))
            return 0
        token = discord_token(settings)
    except ValueError as error:
        print(f"briefbot: {error}.", file=sys.stderr)
        return EXIT_USAGE
    configure_endpoints(settings)
    try:
        if args.discord_command == "sync":
            print(asyncio.run(_sync(settings, token, args.guild)))
        else:
            print(invite_url(asyncio.run(_application_id(settings, token))))
    except discord.LoginFailure:
        print("briefbot: Discord refused DISCORD_TOKEN (401 Unauthorized).", file=sys.stderr)
        return EXIT_FAILED
    except discord.HTTPException as error:
        print(
            f"briefbot: Discord answered HTTP {error.status}: {error.text[:200]}", file=sys.stderr
        )
        return EXIT_FAILED
    except (OSError, discord.DiscordException) as error:
        print(f"briefbot: could not reach Discord ({type(error).__name__}).", file=sys.stderr)
        return EXIT_FAILED
    return 0
