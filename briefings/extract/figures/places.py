"""Where a figure counts: the places its sentence names, and the article's main places.

Tolls of one happening reported by two outlets rarely share a sentence, but they share a
place: "in Enga province", "in Juliaca", Papua New Guinea. A place is a state or territory of
the actor registry, or a capitalised name the sentence locates ("in Juliaca", "the city of
Nampula"). Specific places (territories, towns, provinces) are kept apart from states, so
that the matter rule (`briefings.figure_groups`) can tell "17 killed in Juliaca" from a
national toll.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefings.models import ActorKind

if TYPE_CHECKING:
    from briefings.extract.actors import ActorMention
    from briefings.extract.analysis import SentenceAnalysis

_LOCATIVES = frozenset({"in", "near", "at", "outside", "across", "inside", "around", "throughout"})
_PLACE_HEADS = frozenset(
    {"city", "town", "village", "province", "district", "region", "state", "county", "area",
     "municipality", "camp", "island", "port", "capital", "neighbourhood", "neighborhood",
     "commune", "department", "prefecture", "governorate", "oblast", "valley"}
)  # fmt: skip
_NOT_PLACES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "the", "a", "an", "this", "that", "his", "her", "their"}
)  # fmt: skip
MOST_PLACES = 4


@dataclass(frozen=True, slots=True)
class Places:
    """Specific places (most specific first) and states named for a figure."""

    specific: tuple[str, ...] = ()
    states: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.specific or self.states)

    def encode(self) -> str:
        """ "Juliaca;Puno|Peru": the stored form (see `decode`)."""
        return ";".join(self.specific) + "|" + ";".join(self.states)

    @classmethod
    def decode(cls, stored: str | None) -> Places:
        if not stored:
            return cls()
        specific, _, states = stored.partition("|")
        return cls(
            tuple(p for p in specific.split(";") if p), tuple(p for p in states.split(";") if p)
        )


def sentence_places(analysis: SentenceAnalysis, mentions: Sequence[ActorMention]) -> Places:
    """The places one sentence names."""
    if not mentions and not analysis.names:
        return _NOWHERE
    specific: list[str] = []
    states: list[str] = []
    taken: list[tuple[int, int]] = []
    for mention in mentions:
        kind = mention.actor.kind
        if kind == ActorKind.STATE:
            states.append(mention.actor.name)
        elif kind == ActorKind.TERRITORY:
            specific.append(mention.actor.name)
        taken.append((mention.start, mention.end))
    tokens = analysis.tokens
    for name in analysis.names:
        if name.start == 0 or any(s < name.char_end and name.char_start < e for s, e in taken):
            continue
        before = tokens[name.start - 1].norm
        head = tokens[name.start - 2].norm if name.start >= 2 else ""
        located = before in _LOCATIVES or (before == "of" and head in _PLACE_HEADS)
        if before == "the" and name.start >= 2 and tokens[name.start - 2].norm in _LOCATIVES:
            located = True
        text = _written(analysis, name.char_start, name.char_end)
        if located and text.lower() not in _NOT_PLACES and not text.isupper():
            specific.append(text)
    return Places(_unique(specific), _unique(states))


_NOWHERE = Places()


def _written(analysis: SentenceAnalysis, start: int, end: int) -> str:
    """A name as written, with what is glued to it ("Sector7", "Camp-3")."""
    text = analysis.text
    while end < len(text) and (text[end].isalnum() or text[end] in "-_") and end - start < 80:
        end += 1
    return text[start:end].rstrip("-_")


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))[:MOST_PLACES]


@dataclass
class ArticlePlaces:
    """Counts of the places an article names, for figures whose sentence names none."""

    specific: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)

    def add(self, places: Places) -> None:
        for name in places.specific:
            self.specific[name] += 1
        for name in places.states:
            self.states[name] += 1

    def main(self) -> Places:
        """The article's most named specific place and state."""
        return Places(
            tuple(name for name, _ in self.specific.most_common(1)),
            tuple(name for name, _ in self.states.most_common(1)),
        )
