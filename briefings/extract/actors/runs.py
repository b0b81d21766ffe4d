"""Capitalised runs: the stretches of a sentence that can name someone.

The shared analysis has name chunks; names of actors need a little more: initials ("John F.
Kennedy"), Arabic articles ("Abdel Fattah al-Burhan"), glued digits ("M23", "G9"), a plural
possessive inside a name ("International Transport Workers' Federation") and "of the" inside
an institution ("Bank of England"). A run never crosses "of the", a quote, a comma or "and".
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.extract.analysis import Token

_CONNECTORS = frozenset({"of", "for", "de", "du", "des", "la", "le", "al", "el", "bin", "ibn",
                         "van", "von", "der", "den", "da", "dos", "das", "del", "di", "on", "&",
                         "y"})
_ARTICLES = ("al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-", "bin-", "ibn-",
             "abu-", "de-", "d'")
_ARTICLE_INITIALS = frozenset(prefix[0] for prefix in _ARTICLES)


def capital(token: Token) -> bool:
    """A word that can be part of a name: capitalised, or "al-Burhan", "d'Ivoire"."""
    if token.kind != "word":
        return False
    first = token.text[:1]
    if first.isupper():
        return True
    return first in _ARTICLE_INITIALS and token.norm.startswith(_ARTICLES) and len(token.text) > 3


def _glued(left: Token, right: Token) -> bool:
    return left.end == right.start


def _joins(tokens: Sequence[Token], at: int, stop: frozenset[str]) -> int:
    """How many tokens from `at` continue a run (0: the run ends before `at`)."""
    token = tokens[at]
    count = len(tokens)
    if capital(token):
        return 1
    if token.kind == "num" and _glued(tokens[at - 1], token):
        return 1  # "M23", "G9"
    following = tokens[at + 1] if at + 1 < count else None
    if following is None:
        return 0
    previous = tokens[at - 1]
    if token.text == "." and len(previous.text) == 1 and previous.text.isupper():
        return 1 if capital(following) else 0  # "John F. Kennedy"
    if token.text in ("'", "’") and _glued(previous, token) and previous.text.endswith("s"):
        return 1 if capital(following) else 0  # "Workers' Federation"
    if token.norm in _CONNECTORS and token.text.islower() and capital(following):
        return 2 if following.text not in stop else 0  # not "Authority on Friday"
    return 0


def capitalised_runs(
    tokens: Sequence[Token], stop: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """(start, end) token spans of capitalised runs, joined over connectors and initials;
    a connector does not join a word of `stop` ("on Friday")."""
    runs: list[tuple[int, int]] = []
    count = len(tokens)
    heads = [i for i, t in enumerate(tokens) if t.kind == "word" and capital(t)]
    at = 0
    for head in heads:
        if head < at:
            continue
        at = head
        end = at + 1
        while end < count:
            step = _joins(tokens, end, stop)
            if step == 0:
                break
            end += step
        runs.append((at, end))
        at = end
    return runs
