"""Buttons that keep working after a restart: their whole state is in the custom_id.

The renderer emits plain component dicts whose custom_ids come from `bot.actions`
(`bb1:page:2:/timeline`). `ActionButton` is a `DynamicItem` matching that prefix, registered
once per client with `add_dynamic_items`: a click on any message that carries such a button —
sent by this process, an earlier one or another replica — is decoded and answered, with no view
kept in memory per message.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Self

import discord

from bot.actions import PREFIX, SEPARATOR, decode_action
from bot.discord.protocol import answerer_of, is_channel_admin

log = logging.getLogger(__name__)

ACTION_ROW = 1
BUTTON = 2
TEMPLATE = re.compile(re.escape(PREFIX + SEPARATOR) + r".+", re.DOTALL)

Button = discord.ui.Button[discord.ui.View]


class ActionButton(discord.ui.DynamicItem[Button], template=TEMPLATE):
    """A paging / quotes button; `bot.actions.decode_action` reads its state."""

    def __init__(self, button: Button) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        if not isinstance(item, discord.ui.Button):
            raise TypeError("briefbot action ids belong on buttons")
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        state = decode_action(self.custom_id)
        answerer = answerer_of(interaction.client)
        if state is None:  # our prefix, but not a state we can read (tampered or too new)
            log.warning("ignoring a button with an unreadable state")
            await answerer.apologise(interaction)
            return
        await answerer.answer_action(interaction, state, admin=is_channel_admin(interaction))


def _emoji(value: object) -> discord.PartialEmoji | str | None:
    if isinstance(value, dict):
        return discord.PartialEmoji.from_dict(value)
    return value if isinstance(value, str) else None


def button_from_dict(data: dict[str, Any], row: int) -> discord.ui.Item[Any]:
    """One renderer button dict as a discord.py item (an `ActionButton` when it is ours)."""
    button: Button = discord.ui.Button(
        style=discord.ButtonStyle(int(data.get("style", discord.ButtonStyle.secondary.value))),
        label=data.get("label"),
        custom_id=data.get("custom_id"),
        url=data.get("url"),
        disabled=bool(data.get("disabled", False)),
        emoji=_emoji(data.get("emoji")),
        row=row,
    )
    custom_id = data.get("custom_id")
    if isinstance(custom_id, str) and TEMPLATE.fullmatch(custom_id):
        return ActionButton(button)
    return button


def view_from_components(rows: list[dict[str, Any]] | None) -> discord.ui.View | None:
    """The renderer's action rows of buttons as a persistent View (None when there are none).
    Anything that is not a button is refused loudly: it would be dropped silently otherwise."""
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(rows):
        if row.get("type") != ACTION_ROW:
            raise ValueError(f"component row {index + 1} is not an action row")
        for child in row.get("components") or []:
            if child.get("type") != BUTTON:
                raise ValueError(f"unsupported component type {child.get('type')!r}")
            view.add_item(button_from_dict(child, index))
    return view
