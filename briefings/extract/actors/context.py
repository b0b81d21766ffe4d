"""Context rules for surface forms that are also common words or first names.

`actors.yaml` marks such forms with a rule: "Jordan" counts only as "Jordan's", "in Jordan" or
"Jordan and Egypt" (`first_name`); "Georgia" not after "Atlanta," or before "Senate"
(`us_state`); "Democratic Party" not right after another capitalised word (`standalone`);
"Amnesty" only before a reporting verb or "'s" (`needs_verb`). The rules read the tokens
around the form; their word lists live in the data file.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.extract.actors.compiled import Words
from briefings.extract.analysis import Token


def _capitalised_before(tokens: Sequence[Token], start: int) -> bool:
    return start > 0 and tokens[start - 1].is_title


def _possessive_at(keys: Sequence[str], at: int) -> bool:
    return at < len(keys) and keys[at] in ("'s", "'")


def _verb_after(keys: Sequence[str], end: int, words: Words) -> bool:
    at = end
    while at < len(keys) and at < end + 3 and keys[at] in words.aux:
        at += 1
    if at < len(keys) and keys[at] == "international":
        at += 1  # "Amnesty International said"
    return at < len(keys) and keys[at] in words.verbs


def context_ok(
    rule: str, tokens: Sequence[Token], keys: Sequence[str], start: int, end: int, words: Words
) -> bool:
    """Whether an ambiguous form at tokens `start:end` stands for its actor here."""
    if rule == "first_name":
        if _possessive_at(keys, end) or (
            end + 1 < len(tokens) and keys[end] == "and" and tokens[end + 1].is_title
        ):
            return not _capitalised_before(tokens, start)
        if start >= 2 and keys[start - 1] in (",", "and") and tokens[start - 2].is_title:
            return True  # a list of places: "Mali, Guinea, Burkina Faso, Chad and Niger"
        return words.context_prepositions.match_before(keys, start) >= 0
    if rule == "needs_verb":
        if _possessive_at(keys, end) or _verb_after(keys, end, words):
            return True
        before = keys[max(0, start - 2) : start]
        return bool(before) and (
            before[-1] in ("by", "from", "with", "told")
            or before
            == [
                "according",
                "to",
            ]
        )
    if rule == "us_state":
        if words.us_state_before.match_before(keys, start) >= 0:
            return False
        return words.us_state_after.match_at(keys, end) < 0
    if rule == "standalone":
        return not _capitalised_before(tokens, start)
    return True
