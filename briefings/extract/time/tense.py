"""Does the clause around a time expression speak of the past or of plans?

A weekday or a month without a year is resolved backwards unless its clause looks ahead
("will meet on Friday", "talks are due to resume in March"). The cue nearest to the
expression in its clause decides; cue words are the lexicon's `future_cues` / `past_cues`,
and a regular past-tense verb ("-ed") counts as a past cue.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from briefings.extract.analysis import SentenceAnalysis, Token
from briefings.extract.lexicon import Lexicon, default_lexicon, fold_key
from briefings.extract.time.resolve import FUTURE, PAST, UNKNOWN


@dataclass(frozen=True)
class _Cues:
    future: dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases (longest first)
    past: dict[str, tuple[tuple[str, ...], ...]]
    not_past_ed: frozenset[str]
    deadline: frozenset[str]
    since: frozenset[str]
    reporting: frozenset[str]
    past_words: frozenset[str]  # "was", "last", "ago": cues that are no verb of a happening


def _index(phrases: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append(words)
    return {key: tuple(sorted(value, key=len, reverse=True)) for key, value in by_first.items()}


@functools.cache
def _cues(lexicon: Lexicon | None = None) -> _Cues:
    lexicon = lexicon or default_lexicon()
    return _Cues(
        _index(lexicon.words("future_cues")),
        _index(lexicon.words("past_cues") | lexicon.words("irregular_past")),
        frozenset(
            {
                "need",
                "speed",
                "feed",
                "seed",
                "bed",
                "red",
                "hundred",
                "shed",
                "indeed",
                "proceed",
                "exceed",
                "succeed",
                "embed",
                "breed",
                "creed",
                "deed",
                "weed",
                "bleed",
                "greed",
                "sacred",
                "naked",
                "wicked",
                "kindred",
                "scheduled",
                "planned",
                "expected",
                "proposed",
                "intended",
                "slated",
                "anticipated",
                "aimed",
                "supposed",
                "led",
            }
        ),
        lexicon.words("deadline_words"),
        lexicon.words("since_words"),
        lexicon.words("reporting_past"),
        lexicon.words("past_cues"),
    )


def _phrase_at(
    tokens: list[Token], index: int, index_map: dict[str, tuple[tuple[str, ...], ...]]
) -> int:
    """Length of the cue phrase starting at `index`, 0 when none does."""
    phrases = index_map.get(fold_key(tokens[index].norm))
    if not phrases:
        return 0
    for phrase in phrases:
        end = index + len(phrase)
        if end <= len(tokens) and all(
            fold_key(tokens[index + k].norm) == word for k, word in enumerate(phrase)
        ):
            return len(phrase)
    return 0


# before a participle, these make it an adjective or a passive, not a past tense ("will be
# paid", "will remain closed")
_PASSIVE = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "am",
        "to",
        "remain",
        "remains",
        "stay",
        "stays",
        "become",
        "becomes",
        "seem",
        "seems",
        "get",
        "gets",
    ]
)


def _is_past(tokens: list[Token], index: int, cues: _Cues) -> bool:
    """A past cue word, or a past-tense verb not in a present or future passive
    ("will be paid", "is expected")."""
    token = tokens[index]
    if index > 0 and tokens[index - 1].norm in _PASSIVE:
        return False
    if _phrase_at(tokens, index, cues.past):
        return True
    return (
        token.is_word
        and token.norm.endswith("ed")
        and len(token.norm) > 4
        and token.norm not in cues.not_past_ed
    )


_REACH = 16  # words a cue may lie from the expression: farther ones govern other verbs
_OPENING_REACH = 8  # words from a clause-opening date to its verb, still decisive
_PLACING = frozenset({"in", "on", "during"})  # prepositions that place a happening in time
_EVENT_REACH = 6  # words from the past verb of a happening to its date, still decisive
_SEQUENCE = frozenset({"after", "before", "since", "following"})
STRONG = 2  # tense_at returns ±2 when a cue settles the direction on its own


def _past_perfect_before(tokens: list[Token], index: int) -> bool:
    """The plan is told in the past perfect: "had been due to expire", "had planned to
    meet", "had previously been scheduled to expire" ("had" right before the cue, or with
    only "been" and adverbs between)."""
    for j in range(index - 1, max(-1, index - 6), -1):
        norm = tokens[j].norm
        if norm == "had":
            return True
        if norm not in _PERFECT_FILLERS:
            return False
    return False


# between "had" and a cue of plans ("had been due to expire"): "been", adverbs and the other
# words of a plan's phrase
_PERFECT_FILLERS = frozenset(
    {"been", "previously", "already", "originally", "initially", "also", "not", "never", "just",
     "to", "due", "scheduled", "set", "expected", "planned", "supposed", "slated"}
)  # fmt: skip


def _cue_at(tokens: list[Token], index: int, cues: _Cues) -> int:
    """FUTURE, PAST or UNKNOWN for the word at `index` (a present progressive, "are
    meeting", looks ahead)."""
    if _phrase_at(tokens, index, cues.future):
        if _past_perfect_before(tokens, index):
            return PAST  # "had been due to expire Friday": a plan of the past
        if index > 0 and tokens[index - 1].norm == "as":
            return UNKNOWN  # "reopened on 3 January as planned": no plan ahead
        return FUTURE
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if (
        token.norm in {"is", "are", "am"}
        and following is not None
        and following.norm.endswith("ing")
        and len(following.norm) > 4
    ):
        return FUTURE
    return PAST if _is_past(tokens, index, cues) else UNKNOWN


# finite auxiliaries: right after a date, they are its clause's own verb ("the service
# planned for Saturday was cancelled")
_FINITE = frozenset({"was", "were", "is", "are", "had", "has", "have", "will", "would"})


def _own_verb_after(tokens: list[Token], last: int, cue_index: int, first: int, cues: _Cues) -> int:
    """The direction told by the verb right after a date, when it outranks a cue further
    back: a finite auxiliary ("planned for Saturday was cancelled"), or any verb when the cue
    lies across a comma ("Ahead of the trip, the ministry on Sunday issued …")."""
    index = last + 1
    if index < len(tokens) and tokens[index].norm.endswith("ly") and tokens[index].is_word:
        index += 1  # "on Sunday formally issued"
    if index >= len(tokens) or not tokens[index].is_word:
        return UNKNOWN
    across_comma = any(tokens[k].norm == "," for k in range(cue_index + 1, first))
    if tokens[index].norm not in _FINITE and not across_comma:
        return UNKNOWN
    return _cue_at(tokens, index, cues)


def _happened(token: Token, cues: _Cues) -> bool:
    """A past verb of a happening ("seized", "fled"), not of a telling ("said") nor an
    auxiliary or adverb ("was", "earlier")."""
    return token.is_word and token.norm not in cues.reporting and token.norm not in cues.past_words


def tense_at(analysis: SentenceAnalysis, start: int, end: int) -> int:
    """The direction of the time expression at characters `start`–`end`: PAST (-1) or
    FUTURE (1), doubled when decisive ("since" right before it, a cue within three words),
    UNKNOWN (0) without a cue.

    The verb that governs a date usually comes before it in its clause ("launched an
    offensive on Tuesday", "told investors on Tuesday it would…"), so the nearest cue before
    it decides; only a date that opens its clause ("On Tuesday, troops will…") looks at the
    words after it. A deadline word right before it ("by", "until") looks ahead unless the
    clause is told in the past ("shelling continued until Tuesday night")."""
    cues = _cues()
    clause = analysis.clause_of(start)
    tokens = analysis.tokens
    first = analysis.token_at(start)
    if first is None:
        return UNKNOWN
    if first.i > 0 and tokens[first.i - 1].norm in cues.since:
        return PAST * STRONG
    last = analysis.token_at(end - 1)
    if last is not None and last.i + 1 < len(tokens) and tokens[last.i + 1].norm == "'s":
        # "Wednesday's ruling" names a known happening: past unless a cue stands right before
        # it ("ahead of Sunday's vote", "will attend Friday's summit")
        near = [_cue_at(tokens, i, cues) for i in range(max(0, first.i - 2), first.i)]
        if first.i > 0 and tokens[first.i - 1].norm in cues.deadline:
            told = [_cue_at(tokens, i, cues) for i in range(clause.start, first.i)]
            return PAST if PAST in told else FUTURE
        return FUTURE if FUTURE in near else PAST
    found, found_index = UNKNOWN, -1
    for index in range(first.i - 1, max(clause.start, first.i - _REACH) - 1, -1):
        found = _cue_at(tokens, index, cues)
        if found != UNKNOWN:
            found_index = index
            break
    if found == UNKNOWN and first.i - clause.start <= 2:
        # "…, who is stepping down after two terms, in January": a short clause borrows the
        # cue of the one before it
        for index in range(clause.start - 1, max(0, clause.start - _REACH) - 1, -1):
            found = _cue_at(tokens, index, cues)
            if found != UNKNOWN:
                found_index = index
                break
    if found != UNKNOWN and first.i - found_index > 3 and last is not None:
        own = _own_verb_after(tokens, last.i, found_index, first.i, cues)
        if own not in (UNKNOWN, found):
            return own * STRONG
    after = False
    if found == UNKNOWN:
        for index in range(first.i + 1, min(clause.end, first.i + _REACH)):
            if tokens[index].start < end:
                continue
            found = _cue_at(tokens, index, cues)
            if found != UNKNOWN:
                found_index, after = index, True
                break
    if first.i > 0 and tokens[first.i - 1].norm in cues.deadline and found != PAST:
        return FUTURE
    if found == UNKNOWN:
        return UNKNOWN
    # a date that opens its clause is told by the clause's own verb: "In January, the firm
    # brought in advisers" settles January as firmly as "brought in advisers in January"
    distance = abs(found_index - first.i)
    close = distance <= (_OPENING_REACH if after else 3)
    if not close and found == PAST and distance <= _EVENT_REACH and first.i > 0:
        # "seized power in a coup in January"; not "gave no reason for the Jan. 14 deadline"
        before = tokens[first.i - 1].norm
        placed = (
            _placed_part_of_day(tokens, first.i)
            or before in _PLACING
            or (
                # "seized power in the January coup", "after the January coup": a happening
                # named by its month, placed by the verb before it
                before == "the" and first.i > 1 and tokens[first.i - 2].norm in _PLACING | _SEQUENCE
            )
        )
        close = placed and _happened(tokens[found_index], cues)
    return found * STRONG if close else found


# words between "on"/"in" and the date they place: "on the night of", "in the early hours of"
_PART_OF_DAY = frozenset(
    {"the", "of", "night", "morning", "evening", "afternoon", "early", "late", "small", "hours",
     "eve", "dawn", "weekend", "week"}
)  # fmt: skip
_DAY_PARTS = frozenset({"night", "morning", "evening", "afternoon", "hours", "eve", "dawn"})


def _placed_part_of_day(tokens: list[Token], first: int) -> bool:
    """ "happened on the night of December 20", "in the early hours of 21 June": a part of
    the day between the placing word and the date."""
    at = first - 1
    if at < 0 or tokens[at].norm != "of":
        return False
    while at > 0 and tokens[at].norm in _PART_OF_DAY:
        at -= 1
    span = {token.norm for token in tokens[at + 1 : first]}
    return bool(span & _DAY_PARTS) and tokens[at].norm in _PLACING


__all__ = ["FUTURE", "PAST", "UNKNOWN", "tense_at"]
