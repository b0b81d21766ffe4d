"""Golden files: every command on the seeds, rendered for every surface, byte for byte.

A change to extraction, a query or a renderer shows up here as a readable diff. After a
deliberate change, regenerate with `BRIEFBOT_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden_cards.py` and review the diff before committing. Both database backends
must produce the same files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.app import BotCore
from bot.console.render import render_text
from bot.discord.render import render_discord
from bot.slack.render import render_slack
from briefings.cards import Card

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("BRIEFBOT_UPDATE_GOLDEN") == "1"

COMMAND_LINES = [
    "/brief",
    "/brief Armenia",
    "/timeline",
    "/timeline page:2",
    "/timeline period:background",
    "/timeline period:yesterday",
    "/timeline actor:Russia",
    "/timeline from:2023-09 kind:offensive",
    "/actor Russia",
    "/actor Pashinyan",
    "/source cnn",
    "/sources",
    "/claims",
    "/claims Armenia",
    "/figures",
    "/figures killed",
    "/search peacekeepers",
    "/help",
    "/help timeline",
    "/actor Rusiaa",
    "/timeline from:2023-02-30",
]


def _text(card: Card) -> str:
    return render_text(card, quotes=True) + "\n"


def _json(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def surfaces() -> dict[str, tuple[str, Callable[[Card], str]]]:
    """Surface name → (file suffix, renderer to a string)."""
    return {
        "text": ("txt", _text),
        "discord": ("discord.json", lambda card: _json(render_discord(card))),
        "slack": ("slack.json", lambda card: _json(render_slack(card))),
    }


def slug(line: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", line.lower()).strip("-")


@pytest.mark.parametrize("line", COMMAND_LINES)
def test_golden(seeded_core: BotCore, line: str) -> None:
    card = seeded_core.ask(line)
    mismatched = []
    for surface, (suffix, render) in surfaces().items():
        path = GOLDEN / f"{slug(line)}.{suffix}"
        rendered = render(card)
        if UPDATE:
            path.write_text(rendered, encoding="utf-8")
            continue
        assert path.exists(), f"{path.name} missing: run with BRIEFBOT_UPDATE_GOLDEN=1"
        if path.read_text(encoding="utf-8") != rendered:
            mismatched.append(surface)
    assert not mismatched, f"{line}: {mismatched} differ from tests/golden (see module doc)"
