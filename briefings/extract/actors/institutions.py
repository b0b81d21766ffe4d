"""A state's own institutions stand for the state: "Armenia's Foreign Ministry", "the
Azerbaijani Ministry of Defense", "the Ministry of Foreign Affairs of Armenia", "Ukraine's State
Emergency Service". Given a state's mention, these find how far its institution reaches."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.extract.actors.compiled import Words
from briefings.extract.analysis import Token


def _area_at(tokens: Sequence[Token], keys: Sequence[str], at: int, words: Words) -> int:
    """End of a ministry's subject area at `at` ("Foreign Affairs", "Defense", "Culture")."""
    end = words.ministry_areas.match_at(keys, at)
    if end >= 0:
        return end
    if at < len(tokens) and tokens[at].is_title and tokens[at].text[1:].islower():
        return at + 1
    return -1


def _ministry_at(tokens: Sequence[Token], keys: Sequence[str], at: int, words: Words) -> int:
    """End of "<Area> Ministry" or "Ministry of (the) <Area>" starting at `at`, or -1."""
    if at >= len(tokens):
        return -1
    if keys[at] == "ministry" and at + 1 < len(keys) and keys[at + 1] == "of":
        start = at + 2 + (1 if at + 2 < len(keys) and keys[at + 2] == "the" else 0)
        return _area_at(tokens, keys, start, words)
    end = _area_at(tokens, keys, at, words)
    if end >= 0 and end < len(keys) and keys[end] == "ministry":
        capitalised = tokens[end].text[:1].isupper()
        listed = words.ministry_areas.match_at(keys, at) == end
        return end + 1 if capitalised or listed else -1
    return -1


def organ_after(
    tokens: Sequence[Token], keys: Sequence[str], end: int, limit: int, words: Words
) -> int:
    """End of the institution right after a state's mention ending at `end`, or -1."""
    at = end
    possessive = at < len(keys) and keys[at] in ("'s", "'")
    if possessive:
        at += 1
    found = _ministry_at(tokens, keys, at, words)
    if found < 0:
        found = words.organs.match_tokens(tokens, at)
    if found < 0 and possessive:  # "Ukraine's State Emergency Service"
        probe = at
        while probe < min(len(tokens), at + 3) and tokens[probe].text in words.generic_org_words:
            probe += 1
        found = words.institutions.match_at(keys, probe)
        if found >= 0 and not tokens[probe].is_title:
            found = -1  # "Kenya's commission": not a name
    return found if 0 <= found <= limit else -1


def organ_before(
    tokens: Sequence[Token], keys: Sequence[str], start: int, floor: int, words: Words
) -> int:
    """Start of "(the) Ministry of X of (the)" or "(the) <organ> of (the)" right before a
    state's mention at `start`, or -1."""
    at = start
    if at > 0 and keys[at - 1] == "the":
        at -= 1
    if at == 0 or keys[at - 1] != "of":
        return -1
    head_end = at - 1
    for head in range(max(floor, head_end - 7), head_end):
        if _ministry_at(tokens, keys, head, words) == head_end or (
            words.organs.match_tokens(tokens, head) == head_end
        ):
            if head > floor and keys[head - 1] == "the":
                return head - 1
            return head
    return -1
