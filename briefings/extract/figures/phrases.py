"""Word lists matched on tokens, not characters: a phrase is a sequence of token norms.

Phrases from the data files are tokenised with the same tokenizer as the text, so "lost
their lives" or "U.S." match whatever the spacing and case, and a lookup at a token costs a
dictionary probe rather than a regex scan of the sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from briefings.extract.analyse import tokenize
from briefings.extract.analysis import Token

V = TypeVar("V")


def phrase_norms(phrase: str) -> tuple[str, ...]:
    """The token norms of a phrase as the analysis would produce them."""
    return tuple(token.norm for token in tokenize(phrase))


GAP = "*"  # in a phrase: one to MAX_GAP words or numbers
MAX_GAP = 3


def _match_gapped(
    tokens: Sequence[Token], position: int, norms: tuple[str, ...], part: int
) -> int | None:
    """The end of `norms[part:]` matched from token `position`, or None."""
    if part == len(norms):
        return position
    if norms[part] != GAP:
        if position < len(tokens) and tokens[position].norm == norms[part]:
            return _match_gapped(tokens, position + 1, norms, part + 1)
        return None
    for width in range(1, MAX_GAP + 1):
        index = position + width - 1
        if index >= len(tokens) or tokens[index].kind not in ("word", "num"):
            return None
        end = _match_gapped(tokens, position + width, norms, part + 1)
        if end is not None:
            return end
    return None


@dataclass(frozen=True, slots=True)
class Hit(Generic[V]):
    """A phrase found at tokens `start` to `end` (exclusive)."""

    start: int
    end: int
    value: V


@dataclass
class PhraseTable(Generic[V]):
    """Phrases → values, looked up forward from a token or backward from one.

    The first phrase given for a norm sequence keeps its value (data files list the more
    specific unit first where two could claim a word). A `*` in a phrase stands for one to
    three words or numbers ("spent * in emergency shelters": "spent Friday night in ..."),
    so that data need not spell out every filler; such phrases are matched forward only,
    and only where no plain phrase matches."""

    _forward: dict[str, list[tuple[tuple[str, ...], V]]] = field(default_factory=dict)
    _backward: dict[str, list[tuple[tuple[str, ...], V]]] = field(default_factory=dict)
    _seen: set[tuple[str, ...]] = field(default_factory=set)
    _gapped: dict[str, list[tuple[tuple[str, ...], V]]] = field(default_factory=dict)

    @classmethod
    def of(cls, phrases: Iterable[tuple[str, V]]) -> PhraseTable[V]:
        table: PhraseTable[V] = cls()
        for phrase, value in phrases:
            table.add(phrase, value)
        return table

    def add(self, phrase: str, value: V) -> None:
        norms = phrase_norms(phrase)
        if not norms or norms in self._seen:
            return
        self._seen.add(norms)
        if GAP in norms:
            self._gapped.setdefault(norms[0], []).append((norms, value))
            return
        for index, key in ((norms[0], self._forward), (norms[-1], self._backward)):
            entries = key.setdefault(index, [])
            entries.append((norms, value))
            entries.sort(key=lambda entry: -len(entry[0]))

    def __contains__(self, norm: str) -> bool:
        return (norm,) in self._seen

    @functools.cached_property
    def starts(self) -> frozenset[str]:
        """The norms a phrase can start with (a cheap test before `at`)."""
        return frozenset(self._forward) | frozenset(self._gapped)

    @property
    def phrases(self) -> frozenset[tuple[str, ...]]:
        """Every phrase, as token norms."""
        return frozenset(self._seen)

    def at(self, tokens: Sequence[Token], start: int) -> Hit[V] | None:
        """The longest phrase starting at token `start`."""
        if start >= len(tokens):
            return None
        entries = self._forward.get(tokens[start].norm)
        if entries is None:
            return self._gapped_at(tokens, start) if self._gapped else None
        count = len(tokens)
        for norms, value in entries:
            end = start + len(norms)
            if end > count:
                continue
            for k in range(1, len(norms)):
                if tokens[start + k].norm != norms[k]:
                    break
            else:
                return Hit(start, end, value)
        return self._gapped_at(tokens, start) if self._gapped else None

    def _gapped_at(self, tokens: Sequence[Token], start: int) -> Hit[V] | None:
        """The first phrase with gaps that matches at `start`, its gaps as short as can be."""
        for norms, value in self._gapped.get(tokens[start].norm, ()):
            end = _match_gapped(tokens, start, norms, 0)
            if end is not None:
                return Hit(start, end, value)
        return None

    def ending_at(self, tokens: Sequence[Token], end: int, floor: int = 0) -> Hit[V] | None:
        """The longest phrase whose last token is `end - 1` (not starting before `floor`)."""
        if end <= floor or end > len(tokens):
            return None
        entries = self._backward.get(tokens[end - 1].norm)
        if entries is None:
            return None
        for norms, value in entries:
            start = end - len(norms)
            if start < floor:
                continue
            for k in range(len(norms) - 1):
                if tokens[start + k].norm != norms[k]:
                    break
            else:
                return Hit(start, end, value)
        return None
