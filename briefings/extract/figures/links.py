"""Figures of one sentence read together: units lent between neighbours, parts, changes.

- coordination: "85 U.S. soldiers and 175 Armenians" (both soldiers), "two soldiers and
  three civilians were killed" (both killed);
- parts: "12 were killed, including four police officers", "four were injured, three of
  them critically" — the part counts what the whole counts, and is marked as a part;
- changes: "from about 8,000 to the usual 4,000", "rose to 2,417, up from 1,800" — the later
  count takes the unit of the earlier one and revises it;
- a bare vague count after a clause link: "200 demonstrators gathered before dozens pushed".
"""

from __future__ import annotations

import itertools

from briefings.extract.analysis import Token
from briefings.extract.figures.lexicon import FigureLexicon
from briefings.extract.figures.units import Reading, before_quote_mark

_COORDINATION = (("and",), (",",), (",", "and"), ("as", "well", "as"), ("plus",),
                 ("along", "with"), ("&",), ("or",))  # fmt: skip
_CLAUSE_LINKS = frozenset({"before", "after", "while", "and", "but", "as", "when", "then", "until"})
_FROM_TO_FILLERS = frozenset(
    {"to", "the", "usual", "current", "previous", "normal", "planned", "new", "a", "about",
     "some", "around", "nearly", "almost", "just", "roughly", "only"}
)  # fmt: skip


def link(
    tokens: list[Token], readings: list[Reading], lex: FigureLexicon, carried: str | None = None
) -> list[int | None]:
    """Lend units within the sentence; returns, per reading, the index of the reading it
    revises in this sentence (or None)."""
    revises: list[int | None] = [None] * len(readings)
    _carry(tokens, readings[0], lex, carried)
    _fronted_group(tokens, readings[0], lex)
    _coordinate(tokens, readings, lex)
    for index, reading in enumerate(readings):
        _part(tokens, readings, index, lex)
        if index == 0:
            continue
        previous = readings[index - 1]
        between = [t.norm for t in tokens[previous.end : reading.start]]
        if _from_to(tokens, previous, reading, between):
            if reading.unit is None and previous.unit is not None:
                reading.unit = previous.unit
            if reading.unit == previous.unit:
                revises[index] = index - 1
        elif (
            reading.unit is None
            and previous.noun_unit is not None
            and reading.amount.vague
            and any(word in _CLAUSE_LINKS for word in between[-2:])
        ):
            reading.unit = previous.noun_unit  # "... before dozens pushed past"
    _elliptical(tokens, readings)
    for index, reading in enumerate(readings):
        if index + 1 < len(readings) and reading.unit is not None:
            later = readings[index + 1]
            cue = lex.revision_after.ending_at(
                tokens, before_quote_mark(tokens, later.amount.first)
            )
            cued = (
                cue is not None
                and (
                    cue.start <= reading.end + 2
                    # "climbed to 300 on Tuesday, up from 240": the update's when, then the cue
                    or (
                        cue.start - reading.end <= _MAX_WORDS_BEFORE_CUE
                        and all(
                            t.kind == "word" or t.norm in _ASIDE_MARKS
                            for t in tokens[reading.end : cue.start]
                        )
                    )
                )
            )
            if cued or (reading.revision and _from_after_time(tokens, reading, later)):
                if later.unit is None:
                    later.unit = reading.unit
                if later.unit == reading.unit:
                    revises[index] = index + 1  # "rose to 2,417, up from 1,800"
    return revises


_MAX_TIME_BETWEEN = 5  # "rose to 261 on Saturday evening from 238": words of the when
# words between a count and the cue of the count it revises: the when, or the rest of the
# noun group ("16 police and national guard officers – revised down from an earlier 18")
_MAX_WORDS_BEFORE_CUE = 12


def _from_after_time(tokens: list[Token], revised: Reading, earlier: Reading) -> bool:
    """ "The toll rose to 1,002 on Wednesday from 968": an update, its date, then "from"
    and the count it updates."""
    first = earlier.amount.first
    if first == 0 or tokens[first - 1].norm != "from":
        return False
    between = tokens[revised.end : first - 1]
    return len(between) <= _MAX_TIME_BETWEEN and all(t.kind == "word" for t in between)


def _carry(tokens: list[Token], first: Reading, lex: FigureLexicon, carried: str | None) -> None:
    """ "Fewer than 100 remained inside": a bare count opening the sentence, before a verb
    of staying, counts what the previous sentence counted."""
    if carried is None or first.unit is not None or first.amount.first != 0:
        return
    if lex.carry_verbs.at(tokens, first.amount.end) is not None:
        first.unit = carried


MAX_FRONTED_GROUP = 6  # tokens of "Of the dead," before the count it lends a unit to


def _fronted_group(tokens: list[Token], first: Reading, lex: FigureLexicon) -> None:
    """ "Of the dead, 69 were in Wajima": a group fronted before the sentence's first count
    says what that count is a part of."""
    if first.unit is not None or not tokens or tokens[0].norm != "of":
        return
    comma = next(
        (i for i in range(1, min(len(tokens), MAX_FRONTED_GROUP)) if tokens[i].norm == ","), None
    )
    if comma is None or first.amount.first != comma + 1:
        return
    group = lex.tallies.ending_at(tokens, comma, 1) or lex.nouns.ending_at(tokens, comma, 1)
    if group is None:
        return
    first.unit = group.value
    first.event_unit = group.value if lex.units[group.value].event else None
    first.part = True


_PLACE_WORDS = frozenset({"in", "at", "from", "on"})


def _elliptical(tokens: list[Token], readings: list[Reading]) -> None:
    """ "24 of the victims were in Wajima and 20 in Suzu", "two died in Nanao and one each in
    Hakui": a bare count after "and" with only a place counts what the count before does."""
    for previous, reading in itertools.pairwise(readings):
        first = reading.amount.first  # the phrase's first token: "up to 1,400 in X"
        if reading.unit is not None or previous.unit is None or first == 0:
            continue
        if tokens[first - 1].norm not in {"and", ","}:
            continue
        after = reading.amount.end
        if after < len(tokens) and tokens[after].norm == "each":
            after += 1
        if after >= len(tokens) or tokens[after].norm not in _PLACE_WORDS:
            continue
        placed = {t.norm for t in tokens[previous.amount.end : first]}
        if tokens[after].norm in placed:
            reading.unit = previous.unit
            reading.event_unit = previous.event_unit
            reading.part = previous.part


def _coordinate(tokens: list[Token], readings: list[Reading], lex: FigureLexicon) -> None:
    for first, second in itertools.pairwise(readings):
        between = tuple(t.norm for t in tokens[first.end : second.start])
        if between not in _COORDINATION:
            continue
        nationality = second.nationality and first.noun_unit not in (None, "people")
        if nationality and first.unit == first.noun_unit:
            second.unit = second.noun_unit = first.noun_unit
        lends = (
            second.event_unit is not None
            and second.start == second.amount.first  # its predicate, not a verb before it
            and first.event_unit is None
            and first.unit is not None
            and not lex.units[first.unit].event  # "217 lives and injured 5,000": killed
        )
        cued = lex.part_before.ending_at(tokens, first.amount.first) is not None or (
            first.amount.first > 0
            and tokens[first.amount.first - 1].norm == ","
            and lex.part_before.ending_at(tokens, first.amount.first - 1) is not None
        )  # "died, including 13 soldiers, and 14 were wounded": the soldiers are of the dead
        if lends and not first.part and not (cued and between != ("and",)):
            first.unit = first.event_unit = second.event_unit
        if second.unit is None and first.noun_unit is not None:
            second.unit = first.noun_unit  # "200 others"


def _part(tokens: list[Token], readings: list[Reading], index: int, lex: FigureLexicon) -> None:
    """ "including four police officers", "three of them critically": a part takes the event
    unit of the count it belongs to (unless its own predicate gives one)."""
    reading = readings[index]
    first = reading.amount.first
    cue = lex.part_before.ending_at(tokens, first)
    if cue is None and first and tokens[first - 1].norm == ",":
        cue = lex.part_before.ending_at(tokens, first - 1)
    of_group = reading.placeholder and reading.part
    if cue is None and not of_group and not _in_breakdown(tokens, readings, index):
        return
    reading.part = True
    whole = next((r for r in reversed(readings[:index]) if r.unit is not None and not r.part), None)
    if whole is None:
        return
    own_event = reading.event_unit is not None and reading.unit == reading.event_unit
    assert whole.unit is not None
    if lex.units[whole.unit].event and not own_event:  # "six bodies, including two children"
        reading.unit = reading.event_unit = whole.unit
    elif reading.unit in (None, "people"):
        reading.unit = whole.unit  # "the victims numbered 213, including 12 Americans"


_LIST_OPENERS = frozenset({"-", "–", "—", ":"})
_ASIDE_MARKS = frozenset({",", "-", "–", "—"})  # "16 officers – revised down from an earlier 18"
_BREAKDOWN_REACH = 8  # tokens from a count to the dash opening its breakdown


def _in_breakdown(tokens: list[Token], readings: list[Reading], index: int) -> bool:
    """A count in the breakdown of the one before: "215 bodies had been recovered - 98 men,
    87 women and 30 children -"."""
    if index == 0:
        return False
    previous, first = readings[index - 1], readings[index].amount.first
    between = [t.norm for t in tokens[previous.end : first]]
    if previous.part and between and all(norm in {",", "and"} for norm in between):
        return True  # the breakdown goes on
    return (
        not previous.part
        and 0 < len(between) <= _BREAKDOWN_REACH
        and between[-1] in _LIST_OPENERS
        and all(norm not in _LIST_OPENERS for norm in between[:-1])
    )


def _from_to(tokens: list[Token], previous: Reading, reading: Reading, between: list[str]) -> bool:
    """ "from about 8,000 to the usual 4,000", "rose from 20 to 30"."""
    if not between or between[0] != "to":
        return False
    if any(word not in _FROM_TO_FILLERS for word in between):
        return False
    start = previous.amount.first
    return start > 0 and tokens[start - 1].norm == "from"
