"""Discord's message limits: content fitted below them, and a checker for the last guard.

Discord answers a payload over any limit with 400 Bad Request, and discord.py checks none of
them. `fit_messages` lays rendered lines and fields into as many messages as they need (moved,
never cut); `discord_limit_violations` says in words what Discord would refuse, for the
adapter to run before sending. Lengths are counted by `discord_length` (UTF-16 units, never
less than Discord's count).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.discord.escape import discord_length, shorten

CONTENT = 2000
EMBEDS = 10
EMBED_TOTAL = 6000  # title + description + field names/values + footer + author, all embeds
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
ROWS = 5
ROW_BUTTONS = 5
LABEL = 80
CUSTOM_ID = 100
SELECT_OPTIONS = 25

ACTION_ROW = 1
BUTTON = 2
LINK_STYLE = 5
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})

CONTINUED = " (continued)"
CONTINUED_FOOTER = "Continued in the next message ↓"


def discord_limit_violations(payload: dict[str, Any]) -> list[str]:
    """Every way `payload` (a Create Message / interaction response `data`) breaks a Discord
    limit, or lets article text ping someone; empty when it is safe to send."""
    return list(_violations(payload))


def _violations(payload: dict[str, Any]) -> Iterator[str]:
    content = payload.get("content")
    embeds = payload.get("embeds") or []
    components = payload.get("components") or []
    if content is not None:
        yield from _text("content", content, CONTENT)
    if not isinstance(embeds, list) or not isinstance(components, list):
        yield "embeds and components must be lists"
        return
    if not content and not embeds and not payload.get("attachments"):
        yield "message is empty: no content and no embeds"
    if payload.get("allowed_mentions") != {"parse": []}:
        yield 'allowed_mentions must be {"parse": []} so article text pings nobody'
    if len(embeds) > EMBEDS:
        yield f"{len(embeds)} embeds (max {EMBEDS})"
    total = 0
    for number, embed in enumerate(embeds, start=1):
        if not isinstance(embed, dict):
            yield f"embed {number} is not an object"
            continue
        total += yield from _embed(f"embed {number}", embed)
    if total > EMBED_TOTAL:
        yield f"embeds total {total} characters (max {EMBED_TOTAL})"
    yield from _components(components)


def _text(where: str, value: object, limit: int, *, required: bool = False) -> Iterator[str]:
    if not isinstance(value, str):
        yield f"{where} is not a string"
        return
    length = discord_length(value)
    if length > limit:
        yield f"{where} is {length} characters (max {limit})"
    if required and not value.strip():
        yield f"{where} is empty"


def _length(value: object) -> int:
    return discord_length(value) if isinstance(value, str) else 0


def _inner(embed: dict[str, Any], key: str, name: str) -> object:
    part = embed.get(key)
    return part.get(name) if isinstance(part, dict) else part


def _embed(where: str, embed: dict[str, Any]) -> Generator[str, None, int]:
    """Violations of one embed; returns the characters it adds to the message total."""
    title = embed.get("title")
    description = embed.get("description")
    footer = _inner(embed, "footer", "text")
    author = _inner(embed, "author", "name")
    fields = embed.get("fields") or []
    total = _length(title) + _length(description) + _length(footer) + _length(author)
    for name, value, limit in (
        ("title", title, TITLE),
        ("description", description, DESCRIPTION),
        ("footer", footer, FOOTER),
        ("author name", author, AUTHOR),
    ):
        if value is not None:
            yield from _text(f"{where} {name}", value, limit)
    if not isinstance(fields, list):
        yield f"{where} fields is not a list"
        return total
    if len(fields) > FIELDS:
        yield f"{where} has {len(fields)} fields (max {FIELDS})"
    for number, entry in enumerate(fields, start=1):
        if not isinstance(entry, dict):
            yield f"{where} field {number} is not an object"
            continue
        field_name, field_value = entry.get("name"), entry.get("value")
        yield from _text(f"{where} field {number} name", field_name, FIELD_NAME, required=True)
        yield from _text(f"{where} field {number} value", field_value, FIELD_VALUE, required=True)
        total += _length(field_name) + _length(field_value)
    shown = (title, description, footer, author, embed.get("image"), embed.get("thumbnail"))
    if not fields and not any(shown):
        yield f"{where} is empty"
    return total


def _components(rows: list[Any]) -> Iterator[str]:
    if len(rows) > ROWS:
        yield f"{len(rows)} action rows (max {ROWS})"
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        where = f"row {number}"
        if not isinstance(row, dict) or row.get("type") != ACTION_ROW:
            yield f"{where} is not an action row"
            continue
        children = row.get("components") or []
        if not isinstance(children, list) or not children:
            yield f"{where} is empty"
            continue
        kinds = [child.get("type") if isinstance(child, dict) else None for child in children]
        if any(kind in SELECT_TYPES for kind in kinds) and len(children) > 1:
            yield f"{where} mixes a select menu with other components"
        if len(children) > ROW_BUTTONS:
            yield f"{where} has {len(children)} components (max {ROW_BUTTONS})"
        for index, child in enumerate(children, start=1):
            if not isinstance(child, dict):
                yield f"{where} component {index} is not an object"
                continue
            yield from _component(f"{where} component {index}", child, seen)


def _component(where: str, child: dict[str, Any], seen: set[str]) -> Iterator[str]:
    kind = child.get("type")
    if kind == BUTTON:
        if "label" in child:
            yield from _text(f"{where} label", child["label"], LABEL)
        if child.get("style") == LINK_STYLE:
            if not child.get("url"):
                yield f"{where} is a link button without a url"
            return
    elif kind in SELECT_TYPES:
        options = child.get("options") or []
        if len(options) > SELECT_OPTIONS:
            yield f"{where} has {len(options)} options (max {SELECT_OPTIONS})"
    else:
        yield f"{where} has unknown type {kind!r}"
        return
    custom_id = child.get("custom_id")
    if not isinstance(custom_id, str) or not 1 <= discord_length(custom_id) <= CUSTOM_ID:
        yield f"{where} custom_id must be 1–{CUSTOM_ID} characters"
    elif custom_id in seen:
        yield f"{where} custom_id {custom_id!r} is used twice in one message"
    else:
        seen.add(custom_id)


# --- fitting content into messages ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """Description text kept together (one item, one quote); `gap` puts a blank line before it
    unless it opens an embed."""

    text: str
    gap: bool = False


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = False


Unit = Line | Field


@dataclass(frozen=True)
class Frame:
    """What frames a card's content in every message: title, colour, footer, image."""

    title: str  # escaped
    colour: int
    footer: str  # plain text for the last message; "" for none
    image: str | None = None

    @property
    def continued_title(self) -> str:
        return shorten(self.title, TITLE - len(CONTINUED)) + CONTINUED

    @property
    def budget(self) -> int:
        """Characters left per message for content once title and footer are reserved."""
        title = max(discord_length(self.title), discord_length(self.continued_title))
        footer = max(discord_length(self.footer), discord_length(CONTINUED_FOOTER))
        return EMBED_TOTAL - title - footer

    @property
    def line_limit(self) -> int:
        """The longest line that fits an otherwise empty message."""
        return min(DESCRIPTION, self.budget)


@dataclass
class _Embed:
    lines: list[str] = field(default_factory=list)
    length: int = 0
    fields: list[Field] = field(default_factory=list)

    def add_line(self, text: str, length: int) -> None:
        self.lines.append(text)
        self.length += length


@dataclass
class _Message:
    embeds: list[_Embed] = field(default_factory=lambda: [_Embed()])
    used: int = 0


def _pack(units: Sequence[Unit], budget: int) -> list[_Message]:
    """Units in order into embeds and messages: a line joins the current embed's description
    (only while that embed has no fields, so reading order holds), a field its fields; a new
    embed, then a new message, when a limit would be passed."""
    messages = [_Message()]
    for unit in units:
        message, embed = messages[-1], messages[-1].embeds[-1]
        if isinstance(unit, Line):
            separator = ("\n\n" if unit.gap else "\n") if embed.lines else ""
            added = discord_length(separator + unit.text)
            if (
                not embed.fields
                and embed.length + added <= DESCRIPTION
                and message.used + added <= budget
            ):
                embed.add_line(separator + unit.text, added)
                message.used += added
                continue
            cost = discord_length(unit.text)
        else:
            cost = discord_length(unit.name) + discord_length(unit.value)
            if len(embed.fields) < FIELDS and message.used + cost <= budget:
                embed.fields.append(unit)
                message.used += cost
                continue
        if len(message.embeds) < EMBEDS and message.used + cost <= budget:
            message.embeds.append(_Embed())
        else:
            message = _Message()
            messages.append(message)
        embed = message.embeds[-1]
        if isinstance(unit, Line):
            embed.add_line(unit.text, cost)
        else:
            embed.fields.append(unit)
        message.used += cost
    return messages


def fit_messages(
    units: Sequence[Unit], frame: Frame, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`units` in order as Create Message payloads that each stay within every limit, framed by
    `frame`; the action `rows` go on the last message, the image on the first. Each line must
    be at most `frame.line_limit` and each field within its element limits: the renderer
    shortens a single over-long text, this only moves whole units on."""
    messages = _pack(units, frame.budget)
    payloads = []
    for index, message in enumerate(messages):
        last = index == len(messages) - 1
        embeds: list[dict[str, Any]] = [{"color": frame.colour} for _ in message.embeds]
        embeds[0]["title"] = frame.title if index == 0 else frame.continued_title
        for embed, packed in zip(embeds, message.embeds, strict=True):
            if packed.lines:
                embed["description"] = "".join(packed.lines)
            if packed.fields:
                embed["fields"] = [
                    {"name": f.name, "value": f.value, "inline": f.inline} for f in packed.fields
                ]
        if index == 0 and frame.image:
            embeds[0]["image"] = {"url": frame.image}
        footer = frame.footer if last else CONTINUED_FOOTER
        if footer:
            embeds[-1]["footer"] = {"text": footer}
        payloads.append(
            {
                "content": "",
                "embeds": embeds,
                "components": rows if last else [],
                "allowed_mentions": {"parse": []},
            }
        )
    return payloads
