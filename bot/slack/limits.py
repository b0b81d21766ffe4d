"""Slack's message limits, and a check of a finished message against all of them.

slack_sdk's block objects validate most per-element limits in `to_dict()`, but neither the
50-block count, the 2000-character field limit, nor the total size of a message; and blocks
sent as plain dicts are not checked at all. `slack_limit_violations` checks a message as it
will be sent (including slack_sdk's own validation), so the adapter can use it as a last guard
and the tests as the definition of "fits". Lengths are UTF-16 code units (see `escape.units`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from bot.slack.escape import units

MAX_BLOCKS = 50
MAX_HEADER_TEXT = 150
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000  # conservative: Slack documents 3000 for any text object
MAX_ACTIONS = 25
MAX_BUTTON_TEXT = 75
MAX_ACTION_ID = 255
MAX_BUTTON_VALUE = 2000
MAX_BLOCK_ID = 255
MAX_TEXT_OBJECT = 3000
# Unverified: messages over roughly 13k characters of block text fail with
# `msg_blocks_too_long` even inside every per-block limit; stay well below.
MAX_MESSAGE_TEXT = 12_000
MAX_FALLBACK_TEXT = 4000

_TEXT_TYPES = ("plain_text", "mrkdwn")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def text_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every text object (plain_text or mrkdwn) inside a block, an element or a list of them."""
    if isinstance(value, dict):
        if value.get("type") in _TEXT_TYPES and "text" in value:
            yield value
            return
        for item in value.values():
            yield from text_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from text_objects(item)


def block_text_size(block: dict[str, Any]) -> int:
    """All text a block shows, in units: what counts toward the per-message total."""
    return sum(units(str(obj.get("text", ""))) for obj in text_objects(block))


def _too_long(where: str, text: Any, limit: int) -> list[str]:
    if not isinstance(text, str):
        return [f"{where}: text is not a string"]
    size = units(text)
    if size > limit:
        return [f"{where}: {size} characters (limit {limit})"]
    if not text.strip():
        return [f"{where}: empty text"]
    return []


def _text_object_violations(where: str, obj: dict[str, Any]) -> list[str]:
    text = obj.get("text")
    found = _too_long(where, text, MAX_TEXT_OBJECT)
    if isinstance(text, str) and _CONTROL.search(text):
        found.append(f"{where}: control characters in text")
    return found


def _section_violations(where: str, block: dict[str, Any]) -> list[str]:
    found: list[str] = []
    text = block.get("text")
    fields = block.get("fields") or []
    if text is None and not fields:
        found.append(f"{where}: neither text nor fields")
    if isinstance(text, dict):
        found += _too_long(f"{where} text", text.get("text"), MAX_SECTION_TEXT)
    if len(fields) > MAX_FIELDS:
        found.append(f"{where}: {len(fields)} fields (limit {MAX_FIELDS})")
    for number, field in enumerate(fields, 1):
        found += _too_long(f"{where} field {number}", field.get("text"), MAX_FIELD_TEXT)
    return found


def _context_violations(where: str, block: dict[str, Any]) -> list[str]:
    elements = block.get("elements") or []
    found: list[str] = []
    if not 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS:
        found.append(f"{where}: {len(elements)} elements (1 to {MAX_CONTEXT_ELEMENTS})")
    for number, element in enumerate(elements, 1):
        if element.get("type") in _TEXT_TYPES:
            found += _too_long(f"{where} element {number}", element.get("text"), MAX_CONTEXT_TEXT)
    return found


def _actions_violations(where: str, block: dict[str, Any], action_ids: set[str]) -> list[str]:
    elements = block.get("elements") or []
    found: list[str] = []
    if not 1 <= len(elements) <= MAX_ACTIONS:
        found.append(f"{where}: {len(elements)} elements (1 to {MAX_ACTIONS})")
    for number, element in enumerate(elements, 1):
        at = f"{where} element {number}"
        if element.get("type") == "button":
            label = (element.get("text") or {}).get("text")
            found += _too_long(f"{at} text", label, MAX_BUTTON_TEXT)
            if units(str(element.get("value", ""))) > MAX_BUTTON_VALUE:
                found.append(f"{at}: value longer than {MAX_BUTTON_VALUE}")
        action_id = element.get("action_id")
        if isinstance(action_id, str):
            if units(action_id) > MAX_ACTION_ID:
                found.append(f"{at}: action_id longer than {MAX_ACTION_ID}")
            if action_id in action_ids:
                found.append(f"{at}: action_id {action_id[:40]!r} used twice")
            action_ids.add(action_id)
    return found


def _block_violations(where: str, block: Any, action_ids: set[str]) -> list[str]:
    if not isinstance(block, dict):
        return [f"{where}: not a JSON object"]
    found: list[str] = []
    kind = block.get("type")
    if units(str(block.get("block_id", ""))) > MAX_BLOCK_ID:
        found.append(f"{where}: block_id longer than {MAX_BLOCK_ID}")
    if kind == "header":
        header = (block.get("text") or {}).get("text")
        found += _too_long(f"{where} text", header, MAX_HEADER_TEXT)
    elif kind == "section":
        found += _section_violations(where, block)
    elif kind == "context":
        found += _context_violations(where, block)
    elif kind == "actions":
        found += _actions_violations(where, block, action_ids)
    for obj in text_objects(block):
        found += _text_object_violations(f"{where} text object", obj)
    try:
        parsed = Block.parse(block)
        if parsed is None:
            found.append(f"{where}: slack_sdk does not know block type {kind!r}")
        else:
            parsed.to_dict()
    except (SlackObjectFormationError, TypeError, ValueError, KeyError) as error:
        found.append(f"{where}: slack_sdk rejects it: {error}")
    return found


def slack_limit_violations(message: dict[str, Any]) -> list[str]:
    """Every limit `message` ({"text", "blocks"}) breaks, as short sentences; [] when it fits."""
    found: list[str] = []
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        found.append("fallback text: missing or empty")
    elif units(text) > MAX_FALLBACK_TEXT:
        found.append(f"fallback text: {units(text)} characters (limit {MAX_FALLBACK_TEXT})")
    blocks = message.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        return [*found, "blocks: missing or empty"]
    if len(blocks) > MAX_BLOCKS:
        found.append(f"blocks: {len(blocks)} (limit {MAX_BLOCKS})")
    action_ids: set[str] = set()
    for number, block in enumerate(blocks, 1):
        kind = block.get("type") if isinstance(block, dict) else None
        found += _block_violations(f"block {number} ({kind})", block, action_ids)
    total = sum(block_text_size(block) for block in blocks if isinstance(block, dict))
    if total > MAX_MESSAGE_TEXT:
        found.append(f"message: {total} characters of block text (limit {MAX_MESSAGE_TEXT})")
    return found
