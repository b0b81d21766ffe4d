"""Capitalised runs: the stretches of a sentence that can name someone.

The shared analysis has name chunks; names of actors need a little more: initials ("John F.
Kennedy"), Arabic articles ("Abdel Fattah al-Burhan"), glued digits ("M23", "G9"), a plural
possessive inside a name ("International Transport Workers' Federation"), Spanish and French
connectors ("Defensoría del Pueblo"), and no weekday after "on" ("Authority on Friday"). A
run never crosses "of the", a quote, a comma or "and".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefings.extract.analyse import NAME_PARTICLES
from briefings.extract.analysis import LOCATED_SUFFIXES, Span, Token

_CONNECTORS = frozenset(
    {
        "of",
        "for",
        "de",
        "du",
        "des",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "van",
        "von",
        "der",
        "den",
        "da",
        "dos",
        "das",
        "los",
        "las",
        "del",
        "di",
        "on",
        "&",
        "y",
    }
)
_ARTICLES = (
    "al-",
    "el-",
    "ad-",
    "an-",
    "ar-",
    "as-",
    "ash-",
    "at-",
    "az-",
    "bin-",
    "ibn-",
    "abu-",
    "de-",
    "d'",
)
_ARTICLE_INITIALS = frozenset(prefix[0] for prefix in _ARTICLES)
# company suffixes written with their full stop, which belongs to the name
SUFFIX_ABBREVIATIONS = frozenset({"Corp", "Co", "Ltd", "Inc", "Bros", "Bhd", "Pty", "Plc"})
_ARTICLE_SEARCH = re.compile("|".join(re.escape(prefix) for prefix in _ARTICLES))


def capital(token: Token) -> bool:
    """A word that can be part of a name: capitalised, or "al-Burhan", "d'Ivoire"."""
    if token.kind != "word":
        return False
    first = token.text[:1]
    if first.isupper():
        return True
    return first in _ARTICLE_INITIALS and token.norm.startswith(_ARTICLES) and len(token.text) > 3


def _bridges(tokens: Sequence[Token], at: int, stop: frozenset[str]) -> int:
    """Tokens from `at` that continue a name chunk of the shared analysis into what follows:
    "al-Burhan", the "23" of "M23", the "." of "John F. Kennedy", the "'" of "Workers'"."""
    token = tokens[at]
    if token.kind == "word":
        if capital(token):
            return 1
        following = tokens[at + 1] if at + 1 < len(tokens) else None
        if token.norm in _CONNECTORS and following is not None and capital(following):
            return 2 if following.text not in stop else 0  # "Defensa del Vecino"
        third = tokens[at + 2] if at + 2 < len(tokens) else None
        if (
            token.norm in NAME_PARTICLES
            and following is not None
            and following.norm in NAME_PARTICLES
            and following.text.islower()
            and third is not None
            and capital(third)
        ):
            return 3 if third.text not in stop else 0  # "Ramírez de la O", "van der Leyen"
        return 0
    if token.kind == "num":
        return 1 if tokens[at - 1].end == token.start else 0
    if token.text == "." and tokens[at - 1].text in SUFFIX_ABBREVIATIONS:
        return 1 if tokens[at - 1].end == token.start else 0  # "Evergreen Marine Corp."
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    if following is None or not capital(following):
        return 0
    previous = tokens[at - 1]
    if token.text == "." and len(previous.text) == 1 and previous.text.isupper():
        return 1
    if token.text in ("'", "’") and previous.end == token.start and previous.text.endswith("s"):
        return 1
    return 0


def runs_from_names(
    tokens: Sequence[Token], names: Sequence[Span], text: str, stop: frozenset[str]
) -> list[tuple[int, int]]:
    """`capitalised_runs`, built from the name chunks the shared analysis has already found
    (cheaper than reading every token again): chunks are cut before a connector to a word of
    `stop` and bridged over initials, glued digits, "al-" words and plural possessives."""
    count = len(tokens)
    lowered = text.lower()
    chunks = [(span.start, span.end) for span in names]
    if _ARTICLE_SEARCH.search(lowered):  # "al-Burhan" starts no chunk
        chunks = sorted(
            set(chunks)
            | {
                (i, i + 1)
                for i, t in enumerate(tokens)
                if t.kind == "word" and not t.text[:1].isupper() and capital(t)
            }
        )
    runs: list[tuple[int, int]] = []
    for start, end in chunks:
        if runs and start < runs[-1][1]:
            continue
        while start < end and tokens[start].norm.endswith(LOCATED_SUFFIXES):
            start += 1  # "Oslo-based Iran Human Rights": where it is, not its name
        if start == end:
            continue
        for at in range(start + 1, end - 1):  # "Authority on Friday"
            if tokens[at].text.islower() and tokens[at + 1].text in stop:
                end = at
                break
        while end < count:
            step = _bridges(tokens, end, stop)
            if step == 0:
                break
            end += step
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs
