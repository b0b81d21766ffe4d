"""Bylines, photo credits and newsroom staff: names that are never actors.

A credit line ("Photo: …", "Reporting by …", "Contributing: …") names nobody the story is
about; nor does a name in a credit ("Karen Minasyan/AFP"), a byline ("By Jane Smith"), an
outlet's staff ("CNN's Jane Doe", "AFP photographer Jane Doe") or a name followed by
"reported from" or "contributed".
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.extract.actors.compiled import Words
from briefings.extract.analysis import Token

_OPENING_PUNCT = frozenset({"(", "[", "-", "—", "–", "*", "|"})


def _first_word(tokens: Sequence[Token]) -> int:
    at = 0
    while at < len(tokens) and tokens[at].text in _OPENING_PUNCT:
        at += 1
    return at


def credit_line(tokens: Sequence[Token], keys: Sequence[str], words: Words) -> bool:
    """Whether the sentence is a credit line ("Photo: …", "Reporting by …")."""
    first = _first_word(tokens)
    if words.credit_openers.match_at(keys, first) >= 0:
        return True
    # "Vargas reported from Lima and Trent from Bogotá.": the newsroom signing off
    if len(tokens) > 24:
        return False
    at = first
    while at < len(tokens) and tokens[at].is_title:
        at += 1
    return at > first and words.staff_verbs.match_at(keys, at) >= 0


def credited(
    tokens: Sequence[Token],
    keys: Sequence[str],
    start: int,
    end: int,
    outlets: Sequence[tuple[int, int]],
    words: Words,
) -> bool:
    """Whether the name at tokens `start:end` is a byline, a credit or an outlet's staff."""
    if end < len(tokens) and tokens[end].text in ("/", "|"):
        return True  # "Karen Minasyan/AFP"
    if start > 0 and tokens[start - 1].text in ("/", "|"):
        return True
    opener = _first_word(tokens)
    if start > opener and keys[opener:start] == ["by"]:
        return True  # "By Jane Smith"
    role = words.media_roles.match_before(keys, start)
    head = role if role >= 0 else start
    if head > 0 and keys[head - 1] in ("'s", "'"):
        head -= 1
    if role >= 0 and _subject_of_the_story(keys, role, end, words):
        return False  # "The journalist Ján Kuciak was murdered": the news is about them
    if role >= 0 and not any(e == head for _s, e in outlets):
        return True  # "photographer Jane Doe"
    if any(e == head for _s, e in outlets):
        return True  # "CNN's Jane Doe", "AFP photographer Jane Doe"
    return words.staff_verbs.match_at(keys, end) >= 0


_ARTICLES = frozenset({"the", "a"})
_ADJECTIVE_ENDINGS = ("ive", "al", "ic", "ent", "ous", "ed")


def _subject_of_the_story(keys: Sequence[str], role: int, end: int, words: Words) -> bool:
    """A newsroom role after an article with the name then acting or suffering, or after
    "of": someone the story is about ("The journalist Ján Kuciak was murdered", "the murder
    of the investigative journalist Ján Kuciak"), not a byline or a credit."""
    if journalist_of(keys, role):
        return True
    before = _before_adjectives(keys, role)
    if before < 0 or keys[before] not in _ARTICLES:
        return False
    at = end
    while at < len(keys) and at < end + 4 and keys[at] in words.aux:
        at += 1
    return at < len(keys) and keys[at] in words.verbs


def _before_adjectives(keys: Sequence[str], role: int) -> int:
    """The word before the role and its adjectives ("the investigative journalist")."""
    before = role - 1
    while before > 0 and keys[before].isalpha() and keys[before].endswith(_ADJECTIVE_ENDINGS):
        before -= 1
    return before


def journalist_of(keys: Sequence[str], role: int) -> bool:
    """ "the murder of (the investigative) journalist X": a newsroom role after "of"."""
    before = _before_adjectives(keys, role)
    if before >= 1 and keys[before] in _ARTICLES:
        before -= 1
    return before >= 0 and keys[before] == "of"
