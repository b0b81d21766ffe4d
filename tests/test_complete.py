"""Autocomplete from the store: prefix first, aliases resolved, ≤ 25 choices."""

from __future__ import annotations

import pytest

from bot.app import BotCore


def test_actor_prefix_alias_and_limit(seeded_core: BotCore) -> None:
    assert seeded_core.complete("actor", "ru")[0] == "Russia"
    assert seeded_core.complete("actor", "Moscow")[0] == "Russia"
    assert seeded_core.complete("actor", "pash")[0] == "Nikol Pashinyan"
    everyone = seeded_core.complete("actor", "")
    assert 0 < len(everyone) <= 25
    assert everyone[0] in {"Armenia", "Azerbaijan"}, "most mentioned first"


def test_outlets_kinds_and_units(seeded_core: BotCore) -> None:
    assert seeded_core.complete("outlet", "c") == ["CNN"]
    assert seeded_core.complete("kind", "cease") == ["ceasefire"]
    assert "killed" in seeded_core.complete("unit", "kil")
    assert seeded_core.complete("actor", "x" * 5000) == []


def test_unknown_source_is_a_programming_error(seeded_core: BotCore) -> None:
    with pytest.raises(ValueError):
        seeded_core.complete("weather", "")
