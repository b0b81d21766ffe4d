"""Token-sequence dictionaries: find a listed phrase at a token, or ending before one.

The shape of spaCy's PhraseMatcher: each phrase is tokenised like the text and filed under its
first (or last) token's key, so finding phrases costs one dictionary look-up per token instead
of a scan by a large regex. Keys are folded (lower case, no accents, straight apostrophes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from briefings.extract._lexicon import fold
from briefings.extract.analyse import tokenize
from briefings.extract.analysis import Token


@functools.lru_cache(maxsize=65536)
def fold_key(norm: str) -> str:
    """The look-up key of a token's `norm` (already lower case with straight apostrophes)."""
    return norm if norm.isascii() else fold(norm).replace("’", "'")


def token_keys(tokens: Sequence[Token]) -> list[str]:
    return [t.norm if t.norm.isascii() else fold_key(t.norm) for t in tokens]


def phrase_tokens(phrase: str) -> list[Token]:
    return tokenize(phrase.strip())


def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(fold_key(token.norm) for token in phrase_tokens(phrase))


class PhraseSet:
    """Phrases (word lists from the data files) matched in any case, or as written when
    `exact` ("Navy" as a name, not "navy"); an exact set is looked up by token texts."""

    def __init__(self, phrases: Iterable[str], exact: bool = False) -> None:
        by_first: dict[str, set[tuple[str, ...]]] = {}
        by_last: dict[str, set[tuple[str, ...]]] = {}
        self.exact = exact
        for phrase in phrases:
            if exact:
                keys = tuple(token.text.replace("’", "'") for token in phrase_tokens(phrase))
            else:
                keys = phrase_keys(phrase)
            if not keys:
                continue
            by_first.setdefault(keys[0], set()).add(keys[1:])
            by_last.setdefault(keys[-1], set()).add(keys[:-1])
        self._first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}
        self._last = {k: sorted(v, key=len, reverse=True) for k, v in by_last.items()}

    def __contains__(self, key: object) -> bool:
        """Whether a one-word phrase with this key is listed."""
        return isinstance(key, str) and () in self._first.get(key, ())

    def match_at(self, keys: Sequence[str], at: int) -> int:
        """The end (exclusive token index) of the longest phrase starting at `at`, or -1."""
        if at >= len(keys):
            return -1
        for rest in self._first.get(keys[at], ()):
            end = at + 1 + len(rest)
            if end <= len(keys) and tuple(keys[at + 1 : end]) == rest:
                return end
        return -1

    def match_tokens(self, tokens: Sequence[Token], at: int) -> int:
        """`match_at` for an exact set, reading the tokens' texts (no list is built)."""
        if at >= len(tokens):
            return -1
        for rest in self._first.get(tokens[at].text.replace("’", "'"), ()):
            end = at + 1 + len(rest)
            if end <= len(tokens) and all(
                tokens[at + 1 + i].text.replace("’", "'") == word for i, word in enumerate(rest)
            ):
                return end
        return -1

    def match_before(self, keys: Sequence[str], end: int) -> int:
        """The start of the longest phrase ending right before token `end`, or -1."""
        if end <= 0:
            return -1
        for rest in self._last.get(keys[end - 1], ()):
            start = end - 1 - len(rest)
            if start >= 0 and tuple(keys[start : end - 1]) == rest:
                return start
        return -1
