"""Answering interactions within Discord's 3-second window.

Each answer is prepared in a worker thread while the event loop waits up to `answer_budget`
(1.5 s by default, half of Discord's window, which also has to cover gateway delivery). A
ready answer goes out as the interaction response itself; a slower one is deferred first
("thinking…", 15 minutes to finish) and then edits that placeholder. User mistakes (error
cards) are answered privately; our own failures get one short private apology while the
detail goes to the log.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.actions import ActionKind, ActionState
from bot.app import BotCore
from bot.discord.protocol import place_of
from bot.discord.replies import Reply, message_parts, prepare_reply

log = logging.getLogger(__name__)

APOLOGY = "Sorry — something went wrong; the team has been told."
ANSWER_BUDGET = 1.5  # seconds to answer directly before deferring
COMPLETE_BUDGET = 2.0  # autocomplete cannot be deferred: give up rather than time out
MAX_CHOICES = 25

Interaction = discord.Interaction[Any]


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


@dataclass
class Responder:
    """Answers slash commands, button clicks and autocomplete from one `BotCore`."""

    core: BotCore
    answer_budget: float = ANSWER_BUDGET
    complete_budget: float = COMPLETE_BUDGET

    async def _prepare(
        self, job: Callable[[], Reply], defer: Callable[[], Awaitable[Any]]
    ) -> Reply:
        """Run `job` in a thread; call `defer` if it is not done within the budget."""
        task = asyncio.ensure_future(asyncio.to_thread(job))
        done, _ = await asyncio.wait({task}, timeout=self.answer_budget)
        if not done:
            try:
                await defer()
            except BaseException:
                task.add_done_callback(_retrieve)
                raise
        return await task

    async def answer_command(self, interaction: Interaction, line: str, *, admin: bool) -> None:
        name = line.split(maxsplit=1)[0]
        try:
            reply = await self._prepare(
                lambda: prepare_reply(self.core, line, admin=admin, place=place_of(interaction)),
                lambda: interaction.response.defer(thinking=True),
            )
            await self._send_new(interaction, reply, private=reply.is_error)
        except Exception:
            log.exception("answering %s failed", name)
            await self.apologise(interaction)

    async def answer_action(
        self, interaction: Interaction, state: ActionState, *, admin: bool
    ) -> None:
        try:
            if state.kind in (ActionKind.QUOTES, ActionKind.VIEW):  # to the clicker alone
                reply = await self._prepare(
                    lambda: prepare_reply(
                        self.core,
                        state.line,
                        admin=admin,
                        quotes=state.kind == ActionKind.QUOTES,
                        place=place_of(interaction),
                    ),
                    lambda: interaction.response.defer(ephemeral=True, thinking=True),
                )
                await self._send_new(interaction, reply, private=True, deferred_privately=True)
            elif state.kind == ActionKind.PAGE:
                reply = await self._prepare(
                    lambda: prepare_reply(
                        self.core, state.line, admin=admin, place=place_of(interaction)
                    ),
                    lambda: interaction.response.defer(),  # deferred update of this message
                )
                await self._edit_in_place(interaction, reply)
            else:  # SHARE: the page as a new public message
                reply = await self._prepare(
                    lambda: prepare_reply(
                        self.core, state.line, admin=admin, place=place_of(interaction)
                    ),
                    lambda: interaction.response.defer(thinking=True),
                )
                await self._send_new(interaction, reply, private=reply.is_error)
        except Exception:
            log.exception("answering a %s button failed", state.kind.value)
            await self.apologise(interaction)

    async def _send_new(
        self,
        interaction: Interaction,
        reply: Reply,
        *,
        private: bool,
        deferred_privately: bool = False,
    ) -> None:
        """The reply as the interaction's own message (or as the edit of its "thinking…")."""
        first, *rest = message_parts(reply)
        response = interaction.response
        if not response.is_done():
            await response.send_message(**first.send_kwargs(), ephemeral=private)
        elif private and not deferred_privately:
            # a public "thinking…" cannot become private: replace it by a private message
            await interaction.delete_original_response()
            await interaction.followup.send(**first.send_kwargs(), ephemeral=True)
        else:
            await interaction.edit_original_response(**first.edit_kwargs())
        for part in rest:
            await interaction.followup.send(**part.send_kwargs(), ephemeral=private)

    async def _edit_in_place(self, interaction: Interaction, reply: Reply) -> None:
        """Another page replaces the message the button is on; an error card is private."""
        first, *rest = message_parts(reply)
        response = interaction.response
        if reply.is_error:
            if response.is_done():
                await interaction.followup.send(**first.send_kwargs(), ephemeral=True)
            else:
                await response.send_message(**first.send_kwargs(), ephemeral=True)
            return
        if response.is_done():
            await interaction.edit_original_response(**first.edit_kwargs())
        else:
            await response.edit_message(**first.edit_kwargs())
        for part in rest:
            await interaction.followup.send(**part.send_kwargs())

    async def complete(self, source: str, current: str) -> list[str]:
        names = await asyncio.wait_for(
            asyncio.to_thread(self.core.complete, source, current, MAX_CHOICES),
            timeout=self.complete_budget,
        )
        return names[:MAX_CHOICES]

    async def apologise(self, interaction: Interaction) -> None:
        try:
            response = interaction.response
            if not response.is_done():
                await response.send_message(APOLOGY, ephemeral=True)
                return
            if response.type == discord.InteractionResponseType.deferred_channel_message:
                await interaction.delete_original_response()  # no "thinking…" left forever
            await interaction.followup.send(APOLOGY, ephemeral=True)
        except discord.HTTPException as error:
            log.warning("could not apologise: HTTP %s", error.status)
