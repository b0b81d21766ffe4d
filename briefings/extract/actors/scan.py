"""One sentence being read for actors: its tokens and what has been found in it so far.

The rule modules (`people`, `bodies`) read a `Scan` and propose `Found` spans; the finder
decides which to keep. Spans are token indexes (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.extract.actors.compiled import Words
from briefings.extract.actors.model import Via
from briefings.extract.actors.runs import capital
from briefings.extract.analysis import Token
from briefings.models import Actor, ActorKind

_CONNECTORS = frozenset(
    {
        "of",
        "for",
        "on",
        "the",
        "de",
        "du",
        "des",
        "la",
        "le",
        "del",
        "and",
        "&",
        "da",
        "dos",
        "y",
        "al",
        "el",
    }
)


@dataclass
class Known:
    """A mention of an actor, in token terms."""

    start: int
    end: int
    actor: Actor
    via: Via
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Found:
    """A name in no dictionary that a rule recognised."""

    start: int
    end: int
    kind: str  # "person", "organisation" or "name" (either)
    role: str | None = None
    affiliation: str | None = None
    acronym: str | None = None  # an acronym this sentence defines for it


@dataclass
class Scan:
    text: str
    tokens: list[Token]
    keys: list[str]
    words: Words
    known: list[Known] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)  # outlets and places
    outlets: list[tuple[int, int]] = field(default_factory=list)
    # the regions named ("Guerrero"): (start, end, their state)
    regions: list[tuple[int, int, str]] = field(default_factory=list)
    lone: frozenset[str] = frozenset()  # name keys of words the article uses alone
    _mask: list[bool] | None = None

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def taken(self, start: int, end: int) -> bool:
        """Whether tokens `start:end` overlap a mention or a blocked span."""
        for mention in self.known:
            if start < mention.end and mention.start < end:
                return True
        return any(start < e and s < end for s, e in self.blocked)

    def explained(self, start: int, end: int) -> bool:
        """Whether every token of `start:end` lies in a mention or a blocked span."""
        if self._mask is None:
            mask = [False] * len(self.tokens)
            for s, e in [(m.start, m.end) for m in self.known] + self.blocked:
                mask[s:e] = [True] * (e - s)
            self._mask = mask
        return all(self._mask[start:end])

    def changed(self) -> None:
        """Mentions were added or removed: forget what was derived from them."""
        self._mask = None

    def known_ending(self, end: int) -> Known | None:
        """The mention ending at token `end` or right before a possessive there."""
        for mention in self.known:
            if mention.end == end or (mention.end == end - 1 and self.keys[end - 1] in ("'s", "'")):
                return mention
        return None

    def inside(self, start: int, end: int) -> list[Known]:
        return [m for m in self.known if start <= m.start and m.end <= end]

    def name_like(self, start: int, end: int) -> bool:
        """Every token of the span can be part of a name ("Coordinator for Human Rights")."""
        return all(
            capital(t) or t.kind != "word" or t.norm in _CONNECTORS for t in self.tokens[start:end]
        )

    def org_word_at(self, at: int) -> bool:
        return self.tokens[at].text in self.words.org_words


def affiliation_of(actor: Actor) -> str:
    """A state's or body's own name; a person's affiliation when they have one."""
    if actor.kind is ActorKind.PERSON and actor.affiliation:
        return actor.affiliation
    return actor.name
