"""Who gives a figure and when: read from the claim around it and the times near it.

Source: the speaker of the claim whose span holds the figure ("the ministry said 40 were
killed", "according to the health ministry"); else the name right before a verb of counting
("Amnesty International put the toll at 20", "The RNDDH has documented 78 killings"); else
none (the outlet itself gives it). The source is kept as resolved (an actor's name) and as
written.

Date: the date of the figure's own clause ("12 were killed over the weekend"), not one in an
inserted relative clause ("the war, which broke out in November 2020, has killed ..."); else
the date of the statement that gives it, in the clause of its reporting verb ("said on
Wednesday that 12 had died"). A count
"since" a date runs from that date to the publication date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import SentenceAnalysis, Token
from briefings.extract.figures.lexicon import FigureLexicon
from briefings.extract.time import Timex
from briefings.models import TimePoint

_RELATIVES = frozenset({"which", "who", "when", "where", "whose"})
_AUXILIARIES = frozenset({"has", "have", "had", "also", "later", "now", "previously", "earlier"})
SINCE_REACH = 5  # tokens from "since" to the date it opens
SUBJECT_WORDS = 5  # "the UN migration agency"
_SUBJECT_STOPS = frozenset(
    {"and", "or", "but", "that", "which", "who", "said", "says", "while", "as", "when", "after"}
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim of the sentence, as figures need it: its span, speaker and how it is written."""

    start: int
    end: int
    speaker: str
    speaker_text: str
    cue: int | None = None  # where its reporting verb is (sentence offset)


@dataclass(frozen=True, slots=True)
class Source:
    name: str | None  # an actor's canonical name, or the words as written for unnamed groups
    text: str  # as written


def figure_source(
    analysis: SentenceAnalysis,
    start: int,
    attributions: Sequence[Attribution],
    mentions: Sequence[ActorMention],
    lex: FigureLexicon,
) -> Source | None:
    covering = [a for a in attributions if a.start <= start < a.end]
    if covering:
        claim = min(covering, key=lambda a: a.end - a.start)
        return Source(claim.speaker, claim.speaker_text)
    return _counting_subject(analysis, start, mentions, lex)


def _counting_subject(
    analysis: SentenceAnalysis, start: int, mentions: Sequence[ActorMention], lex: FigureLexicon
) -> Source | None:
    """ "Amnesty International put the toll at at least 20", "the UN migration agency put
    the toll at 670": the subject before the verb, resolved through the actor (or name) in
    it; `text` is the subject as written."""
    tokens = analysis.tokens
    clause = analysis.clause_of(start)
    verb = None
    for token in tokens[clause.start : clause.end]:
        if token.start >= start:
            break
        if token.norm in lex.source_verbs:
            verb = token
    if verb is None:
        return None
    last = verb.i - 1
    while last >= clause.start and tokens[last].norm in _AUXILIARIES:
        last -= 1
    first = last
    while (
        first > clause.start
        and last - first < SUBJECT_WORDS
        and tokens[first - 1].kind == "word"
        and tokens[first - 1].norm not in _SUBJECT_STOPS
    ):
        first -= 1
    if last < clause.start or tokens[last].kind != "word":
        return None
    written = analysis.text[tokens[first].start : tokens[last].end]
    low, high = tokens[first].start, tokens[last].end
    for mention in reversed(mentions):
        if low <= mention.start and mention.end <= high:
            return Source(mention.actor.name, written)
    for name in reversed(analysis.names):
        if name.start >= first and name.end - 1 <= last:
            return Source(analysis.span_text(name), written)
    return None


def figure_date(
    analysis: SentenceAnalysis,
    start: int,
    end: int,
    attributions: Sequence[Attribution],
    published: date | None,
) -> TimePoint | None:
    dates = [time for time in analysis.times if time.is_date]
    if not dates:
        return None
    clause = analysis.clause_of(start)
    inserted = _inserted_clauses(analysis.tokens)
    own = [
        t
        for t in dates
        if clause.char_start <= t.start < clause.char_end
        and not any(a <= t.start < b and not a <= start < b for a, b in inserted)
    ]
    chosen = _nearest(own, start, end)
    if chosen is None:
        covering = [a for a in attributions if a.start <= start < a.end and a.cue is not None]
        if covering:
            claim = min(covering, key=lambda a: a.end - a.start)
            assert claim.cue is not None
            said = analysis.clause_of(claim.cue)
            spoken = [
                t
                for t in dates
                if said.char_start <= t.start < said.char_end
                and not any(a <= t.start < b for a, b in inserted)
            ]
            chosen = _nearest(spoken, claim.cue, claim.cue + 1)
    if chosen is None or chosen.point is None:
        return None
    point = chosen.point
    if published is not None and _after_since(analysis.tokens, chosen) and point.end < published:
        return TimePoint.since(point, published)
    return point


def _nearest(times: list[Timex], start: int, end: int) -> Timex | None:
    if not times:
        return None
    inside = [t for t in times if start <= t.start < end]
    if inside:
        return inside[0]
    return min(times, key=lambda t: t.start - end if t.start >= end else start - t.end)


def _inserted_clauses(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of ", which … ," and the like: what they date is not the sentence's."""
    spans = []
    for index, token in enumerate(tokens[:-1]):
        if token.norm != "," or tokens[index + 1].norm not in _RELATIVES:
            continue
        for later in tokens[index + 2 :]:
            if later.norm in {",", ";", ".", ")"}:
                spans.append((token.start, later.end))
                break
    return spans


def _after_since(tokens: list[Token], time: Timex) -> bool:
    """ "since February 2022", "since protests began on Monday"."""
    first = next((t.i for t in tokens if t.start >= time.start), len(tokens))
    return any(t.norm == "since" for t in tokens[max(0, first - SINCE_REACH) : first])
