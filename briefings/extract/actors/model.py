"""What the actor finder reports: mentions of actors and of news outlets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefings.models import Actor

Via = Literal["name", "alias", "demonym", "metonym", "organisation", "unknown"]


@dataclass(frozen=True)
class ActorMention:
    """One actor mention: the span in the sentence, the text, the actor and how it was found."""

    start: int
    end: int
    text: str
    actor: Actor
    via: Via


@dataclass(frozen=True)
class OutletMention:
    """A news outlet or agency named in a sentence (a source, never an actor)."""

    start: int
    end: int
    text: str
    name: str
