"""A card made ready to send: asked, drawn and rendered in a worker thread, then turned into
discord.py objects on the event loop.

Everything slow or blocking (the query, the chart PNG, rendering) happens in `prepare_reply`,
which is plain synchronous code; `MessageParts` is what discord.py's send and edit calls take.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import discord

from bot.app import BotCore
from bot.discord.render import (
    discord_limit_violations,
    render_discord,
    render_discord_quotes,
)
from bot.discord.views import view_from_components
from briefings.cards import Card, CardKind, ChartBucket, ChartData
from briefings.charts import render_png
from briefings.commands.registry import ChatPlace

log = logging.getLogger(__name__)

ALT_TEXT_LIMIT = 1024


@dataclass(frozen=True)
class ChartFile:
    """The chart PNG; a `discord.File` is single-use, so a fresh one is made per send."""

    filename: str
    data: bytes
    description: str

    def to_file(self) -> discord.File:
        return discord.File(
            io.BytesIO(self.data),
            filename=self.filename,
            description=self.description[:ALT_TEXT_LIMIT] or None,
        )


@dataclass(frozen=True)
class Reply:
    card: Card
    payloads: list[dict[str, Any]]
    chart: ChartFile | None = None

    @property
    def is_error(self) -> bool:
        return self.card.kind == CardKind.ERROR


@lru_cache(maxsize=64)
def _png(chart_json: str) -> bytes:
    """Drawing costs 100–300 ms (over a second for the first, which imports matplotlib) and
    every page of a command shows the same chart, so recent charts are kept (≈20 kB each)."""
    return render_png(ChartData.model_validate_json(chart_json))


def warm_up_charts() -> None:
    """Import and exercise matplotlib once, so the first real chart is not the slow one."""
    _png(ChartData(title="warm-up", buckets=[ChartBucket(label="x", count=1)]).model_dump_json())


def _chart(card: Card) -> ChartFile | None:
    if card.chart is None:
        return None
    try:
        data = _png(card.chart.model_dump_json())
    except Exception:  # a broken chart must not cost the answer
        log.exception("could not draw the chart for %s", card.title)
        return None
    return ChartFile(card.chart.filename, data, card.chart.alt_text)


def prepare_reply(
    core: BotCore,
    line: str,
    *,
    admin: bool,
    quotes: bool = False,
    place: ChatPlace | None = None,
) -> Reply:
    """Answer `line` and render it for Discord (blocking: run it in a worker thread). With
    `quotes`, the cited sentences of the card instead of the card itself."""
    card = core.ask(line, admin=admin, place=place)
    if quotes and card.kind != CardKind.ERROR:
        return Reply(card, _checked(render_discord_quotes(card), line))
    chart = _chart(card)
    payloads = render_discord(card, chart_attached=chart is not None)
    return Reply(card, _checked(payloads, line), chart)


def _checked(payloads: list[dict[str, Any]], line: str) -> list[dict[str, Any]]:
    """Last guard before Discord: a renderer bug is logged here, by name, rather than
    surfacing only as a 400 from the API."""
    for payload in payloads:
        for violation in discord_limit_violations(payload):
            log.error("Discord payload for %r breaks a limit: %s", line[:80], violation)
    return payloads


def allowed_mentions(spec: dict[str, Any] | None) -> discord.AllowedMentions:
    """The payload's `allowed_mentions`; none at all when it says nothing."""
    if not spec:
        return discord.AllowedMentions.none()
    parse = spec.get("parse") or []

    def targets(kind: str) -> bool | list[discord.Object]:
        if kind in parse:
            return True
        return [discord.Object(int(i)) for i in spec.get(kind) or []] or False

    return discord.AllowedMentions(
        everyone="everyone" in parse,
        users=targets("users"),
        roles=targets("roles"),
        replied_user=bool(spec.get("replied_user", False)),
    )


@dataclass
class MessageParts:
    """One renderer payload as the keyword arguments of discord.py's send/edit calls."""

    content: str | None
    embeds: list[discord.Embed]
    view: discord.ui.View | None
    mentions: discord.AllowedMentions
    chart: ChartFile | None = None

    @classmethod
    def from_payload(cls, payload: dict[str, Any], chart: ChartFile | None = None) -> MessageParts:
        return cls(
            content=payload.get("content") or None,
            embeds=[discord.Embed.from_dict(e) for e in payload.get("embeds") or []],
            view=view_from_components(payload.get("components")),
            mentions=allowed_mentions(payload.get("allowed_mentions")),
            chart=chart,
        )

    def send_kwargs(self) -> dict[str, Any]:
        """For `send_message` / `followup.send` (new messages)."""
        kwargs: dict[str, Any] = {
            "content": self.content,
            "embeds": self.embeds,
            "allowed_mentions": self.mentions,
        }
        if self.view is not None:
            kwargs["view"] = self.view
        if self.chart is not None:
            kwargs["files"] = [self.chart.to_file()]
        return kwargs

    def edit_kwargs(self) -> dict[str, Any]:
        """For `edit_message` / `edit_original_response`: replaces everything, including the
        old page's buttons and chart."""
        return {
            "content": self.content,
            "embeds": self.embeds,
            "allowed_mentions": self.mentions,
            "view": self.view,
            "attachments": [self.chart.to_file()] if self.chart is not None else [],
        }


def message_parts(reply: Reply) -> list[MessageParts]:
    """The reply's payloads; the chart goes with the payload whose embed shows it."""
    if not reply.payloads:
        raise ValueError("the renderer returned no message for a card")
    target = 0
    if reply.chart is not None:
        marker = f"attachment://{reply.chart.filename}"
        for index, payload in enumerate(reply.payloads):
            if marker in str(payload.get("embeds")):
                target = index
                break
    return [
        MessageParts.from_payload(payload, reply.chart if index == target else None)
        for index, payload in enumerate(reply.payloads)
    ]
