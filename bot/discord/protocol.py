"""What the command tree and the buttons need from whoever answers: one small interface.

The generated commands and the persistent buttons are created before (and, for `discord sync`,
without) any core; they find the answerer on the client that received the interaction, so a
button created by one process works in any other.
"""

from __future__ import annotations

from typing import Any, Protocol

import discord

from bot.actions import ActionState
from briefings.commands.registry import ChatPlace


class Answerer(Protocol):
    async def answer_command(
        self, interaction: discord.Interaction[Any], line: str, *, admin: bool
    ) -> None:
        """Answer a slash command given as a command line."""

    async def answer_action(
        self, interaction: discord.Interaction[Any], state: ActionState, *, admin: bool
    ) -> None:
        """Answer a button click whose state was decoded from its custom_id."""

    async def complete(self, source: str, current: str) -> list[str]:
        """Names for an autocomplete source ("actor", "outlet", "kind") starting with current."""

    async def apologise(self, interaction: discord.Interaction[Any]) -> None:
        """Tell the user, briefly and privately, that something failed on our side."""


def answerer_of(client: discord.Client) -> Answerer:
    """The answerer attached to a briefbot client (see `bot.discord.client`)."""
    answerer: Answerer | None = getattr(client, "answerer", None)
    if answerer is None:
        raise RuntimeError("this Discord client was built without an answerer (sync only)")
    return answerer


def is_channel_admin(interaction: discord.Interaction[Any]) -> bool:
    """Channel-admin commands are for members who can manage the channel they ask in."""
    return interaction.guild_id is not None and bool(interaction.permissions.manage_channels)


def place_of(interaction: discord.Interaction[Any]) -> ChatPlace:
    """The channel and user an interaction came from, as the core names them."""
    channel = interaction.channel_id if interaction.channel_id is not None else "dm"
    return ChatPlace(platform="discord", channel=str(channel), user=str(interaction.user.id))
