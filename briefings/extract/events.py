"""Events: every dated clause is one, and the vocabulary of `data/event_kinds.yaml` says
which kind it is.

The date finds the event, not a trigger word: "On 3 March the council gave the envoy a week
to leave" is an event whatever "gave" means, of kind `other` when no trigger phrase in its
clause names a kind. One combined regular expression finds every trigger of every kind in a
single pass, so classifying does not grow with the vocabulary; the trigger nearest the date
in its clause decides ("after two days of clashes, a cease-fire held Thursday" is a
ceasefire).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from briefings.compiled_cache import load_or_build
from briefings.models import Precision, TimePoint
from briefings.textpatterns import literal_prefixes, trie_regex

if TYPE_CHECKING:  # only in annotations: the vocabulary (used by queries) needs no analysis
    from briefings.extract.analysis import SentenceAnalysis, Span, Token
    from briefings.extract.time.model import Timex


@dataclass(frozen=True)
class EventKind:
    name: str
    family: str
    description: str


@dataclass(frozen=True)
class Trigger:
    kind: EventKind
    start: int
    end: int


def _check_trigger(kind: str, trigger: object) -> None:
    """Fail loudly, naming the entry, when someone edits the data file into a bad pattern."""
    if not isinstance(trigger, str):
        raise ValueError(f"event kind {kind}: trigger {trigger!r} is not a string (quote it)")
    try:
        compiled = re.compile(trigger)
    except re.error as error:
        raise ValueError(f"event kind {kind}: trigger {trigger!r}: {error}") from None
    if re.search(r"[A-Z]", re.sub(r"\\.", "", trigger)):
        raise ValueError(f"event kind {kind}: write trigger {trigger!r} in lower case")
    if not re.match(r"[a-z(\[]", trigger):
        raise ValueError(f"event kind {kind}: trigger {trigger!r} must start with a letter")
    if compiled.groups and "(?:" not in trigger:
        raise ValueError(f"event kind {kind}: use (?:…) groups, not (…), in {trigger!r}")


class EventVocabulary:
    """The event kinds and one compiled pattern that finds all their triggers."""

    def __init__(self, kinds: dict[str, EventKind], pattern: str, gated: str | None = None) -> None:
        self.kinds = kinds
        # Sources, compiled on first use: cards and completions need only the kinds, and a
        # pickled pattern is compiled again when loaded, so the disk cache keeps the text.
        self._source = pattern
        # `gated`: the same pattern behind a lookahead on how the triggers start (see
        # `_trigger_gate`), for lower-cased text: the same matches at half the cost.
        self._gated_source = gated

    @functools.cached_property
    def _caseless(self) -> re.Pattern[str]:
        return re.compile(self._source, re.IGNORECASE)

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str]:
        return re.compile(self._gated_source or self._source)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the compiled patterns (see `__init__`)."""
        state = dict(self.__dict__)
        state.pop("_caseless", None)
        state.pop("_pattern", None)
        return state

    @classmethod
    def from_yaml(cls, text: str) -> EventVocabulary:
        import yaml  # here: built once, then read from the disk cache

        data = yaml.safe_load(text)["kinds"]
        kinds: dict[str, EventKind] = {}
        alternatives: list[str] = []
        for name, spec in data.items():
            kinds[name] = EventKind(name, spec["family"], spec.get("description", ""))
            for trigger in spec.get("triggers") or []:
                _check_trigger(name, trigger)
            if not spec.get("triggers"):
                continue  # a kind given by default (`other`), never found by a trigger
            joined = "|".join(f"(?:{trigger})" for trigger in spec["triggers"])
            alternatives.append(f"(?P<{name}>{joined})")
        body = "(?:" + "|".join(alternatives) + r")\b"
        gate = _trigger_gate(t for spec in data.values() for t in spec.get("triggers") or [])
        pattern = r"\b(?=[a-z])" + body
        return cls(kinds, pattern, r"\b(?=[a-z])" + gate + body if gate else None)

    def triggers(self, sentence: str) -> list[Trigger]:
        """Matching lower-cased text with a case-sensitive pattern is ~5× faster than
        IGNORECASE; text whose length changes when lower-cased falls back to IGNORECASE."""
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            matches = self._pattern.finditer(lowered)
        else:
            matches = self._caseless.finditer(sentence)
        found: list[Trigger] = []
        for match in matches:
            name = match.lastgroup
            if name is not None:
                found.append(Trigger(self.kinds[name], match.start(), match.end()))
        return found

    def family(self, kind: str) -> str:
        known = self.kinds.get(kind)
        return known.family if known else kind


def _trigger_gate(triggers: Iterable[str]) -> str:
    """A lookahead listing how the triggers can start (six characters, as a trie), or "" when
    some trigger's start cannot be listed. Put before the trigger pattern, it lets the scan
    leave most words of a sentence after a letter or two instead of trying every trigger;
    six characters rather than three let "the", "to", "and" pass only before "the launch",
    "to sign", "and sign"."""
    prefixes: set[str] = set()
    for trigger in triggers:
        starts = literal_prefixes(trigger, length=6)
        if starts is None:
            return ""
        prefixes |= starts
    return "(?=" + trie_regex(prefixes) + ")"


def _read_vocabulary() -> EventVocabulary:
    text = resources.files("briefings.data").joinpath("event_kinds.yaml").read_text("utf-8")
    return EventVocabulary.from_yaml(text)


@cache
def default_vocabulary() -> EventVocabulary:
    """The kinds of `briefings/data/event_kinds.yaml`, compiled once and kept on disk."""
    return load_or_build("event-kinds", _read_vocabulary, EventVocabulary)


REPORTING_FAMILY = "statement"
OTHER = "other"
MAX_EVENT_CHARS = 280
_LEADING = frozenset(
    {
        "that",
        "and",
        "but",
        "or",
        "so",
        "then",
        "while",
        "whereas",
        ",",
        ";",
        ":",
        "-",
        "—",
        "–",
        "(",
        ")",
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
    }
)
_RELATIVES = frozenset({"who", "which", "whose", "whom"})


def statement_trigger(start: int, end: int, vocabulary: EventVocabulary | None = None) -> Trigger:
    """A reporting verb found by the claim finder, used as a `statement` trigger."""
    vocabulary = vocabulary or default_vocabulary()
    return Trigger(vocabulary.kinds["statement"], start, end)


def _few_words(tokens: list[Token], start: int, end: int) -> bool:
    """Fewer than three words besides the date at `start`–`end` ("On Tuesday,"): counted
    only until the third, as most clauses have many."""
    words = 0
    for token in tokens:
        if token.kind == "word" and not start <= token.start < end:
            words += 1
            if words == 3:
                return False
    return True


def event_span(
    analysis: SentenceAnalysis,
    start: int,
    end: int,
    reporting: list[Trigger] | None = None,
) -> tuple[int, int]:
    """The clause that carries a date at `start`–`end`, as characters of the sentence.

    The clause is widened to its neighbour when it is only the date and a word or two ("On
    Tuesday,"); a reporting clause keeps what it reports ("Azerbaijan announced on
    September 20 that it had regained control"), never more; a relative clause keeps what
    it describes ("Pashinyan, who took office in 2018"); a very long clause is cut around
    the date."""
    tokens = analysis.tokens
    clauses = analysis.clauses
    clause = analysis.clause_of(start)
    first, last = clause.start, max(clause.end, analysis.clause_of(end - 1).end)
    before = [c for c in clauses if c.end <= first]
    after = [c for c in clauses if c.start >= last]
    if _few_words(tokens[first:last], start, end):
        if after and (not before or tokens[first].i == 0):
            last = after[0].end
        elif before:
            first = before[-1].start
    elif (
        after
        and tokens[after[0].start].norm == "that"
        and any(tokens[first].start <= r.start < tokens[last - 1].end for r in reporting or [])
    ):
        last = after[0].end
    while first < last and tokens[first].norm in _LEADING:
        first += 1
    first = _with_antecedent(analysis, first, before)
    while (
        last > first
        and tokens[last - 1].kind in {"punct", "quote"}
        and tokens[last - 1].text not in {")", "”", '"', ".", "!", "?"}
    ):
        last -= 1
    if first >= last:
        return start, end
    char_start, char_end = tokens[first].start, tokens[last - 1].end
    if char_end - char_start > MAX_EVENT_CHARS:
        half = MAX_EVENT_CHARS // 2
        window_start = max(char_start, start - half)
        window_end = min(char_end, max(end + half, window_start + MAX_EVENT_CHARS))
        inside = [t for t in tokens[first:last] if t.start >= window_start and t.end <= window_end]
        if inside:
            char_start, char_end = inside[0].start, inside[-1].end
    return char_start, char_end


_SHORT_ANTECEDENT = 12  # words of the clause before "which" that may lead the event text


def _with_antecedent(analysis: SentenceAnalysis, first: int, before: list[Span]) -> int:
    """Where a relative clause's text should start: at the name a "who" clause describes,
    at a short clause before "which"; else where it is."""
    tokens = analysis.tokens
    if first >= len(tokens) or tokens[first].norm not in _RELATIVES or first < 2:
        return first
    comma = first - 1 if tokens[first - 1].norm == "," else first
    if tokens[first].norm != "which":
        for name in analysis.names:
            if name.end == comma:
                return name.start
        return first
    if before and sum(t.is_word for t in tokens[before[-1].start : comma]) <= _SHORT_ANTECEDENT:
        start = before[-1].start
        while start < comma and tokens[start].norm in _LEADING:
            start += 1
        return start
    return first


_BREAK = re.compile(r"[,;:()]|\b(?:but|while|whereas)\b")
BEFORE_PENALTY = 8  # "On Tuesday, X launched…": a trigger after its date counts a little further
BREAK_PENALTY = 50  # "fought on Monday, pounding…": the date stays with its own clause's verb


def _distance(text: str, trigger: Trigger, timex: Timex) -> int:
    """How far a trigger lies from a date, in characters plus penalties: a date leans to the
    trigger before it, and strongly to one on its side of a comma."""
    if trigger.end <= timex.start:
        first, last, distance = trigger.end, timex.start, timex.start - trigger.end
    elif trigger.start >= timex.end:
        first, last = timex.end, trigger.start
        distance = trigger.start - timex.end + BEFORE_PENALTY
    else:
        return 0
    return distance + (BREAK_PENALTY if _BREAK.search(text, first, last) else 0)


def _kind_of(
    text: str,
    triggers: list[Trigger],
    span: tuple[int, int],
    timex: Timex,
    vocabulary: EventVocabulary,
) -> EventKind:
    """The kind of the trigger nearest the date inside the event's clause, else `other`."""
    inside = [t for t in triggers if span[0] <= t.start < span[1]]
    if not inside:
        return vocabulary.kinds[OTHER]
    nearest = min(inside, key=lambda trigger: _distance(text, trigger, timex))
    if nearest.kind.family == REPORTING_FAMILY:
        announced = _announced(text, nearest, inside)
        if announced is not None:
            return announced.kind
    return nearest.kind


HAND_OVER_GAP = 40  # "announced the launch of …": the announced happening follows closely


def _announced(text: str, reporter: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """ "On Sept. 19 the ministry announced the launch of an operation": the date belongs to
    the happening announced right after the reporting verb, in the same clause."""
    for trigger in sorted(triggers, key=lambda t: t.start):
        gap = trigger.start - reporter.end
        if (
            trigger.kind.family != REPORTING_FAMILY
            and 0 <= gap <= HAND_OVER_GAP
            and not _BREAK.search(text, reporter.end, trigger.start)
        ):
            return trigger
    return None


@dataclass(frozen=True)
class DatedClause:
    """One event found from its date: the clause, the date expression, the kind, and the
    calendar extent it places the happening in (`point`)."""

    kind: EventKind
    start: int  # the clause, in sentence characters
    end: int
    time: Timex | None
    point: TimePoint | None = None


_JOINERS = re.compile(r"(?:\s|,|and|or|to|through|until|-|–|on)*", re.IGNORECASE)
RANGE_DAYS = 7  # "on Thursday and Friday": one happening over consecutive days


def _coordinated(text: str, first: Timex, second: Timex) -> bool:
    return _JOINERS.fullmatch(text, first.end, second.start) is not None


_RESTATING = re.compile(r"\s*,\s*(?:on|in)\s+$", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:earlier|later|ago|before|after)$", re.IGNORECASE)


def _restated(text: str, dates: list[Timex]) -> list[Timex]:
    """Without a counted date that the calendar date after it restates: "a week earlier,
    on Jan. 1" is Jan. 1, not a week running from it."""
    kept: list[Timex] = []
    for index, timex in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        if (
            following is not None
            and _COUNTED.search(timex.text)
            and _RESTATING.fullmatch(text, timex.end, following.start)
        ):
            continue
        kept.append(timex)
    return kept


def _is_day(timex: Timex) -> bool:
    point = timex.point
    return point is not None and point.precision == Precision.DAY and point.start == point.end


def _dated(analysis: SentenceAnalysis) -> list[tuple[Timex, TimePoint]]:
    """The sentence's dates as the happenings they place: coordinated days are one range
    ("clashed on Thursday and Friday"). "Since Tuesday" dates its clause to Tuesday, where
    what it tells began, as every gold set of new stories reads it (the clause keeps the
    "since" for the reader)."""
    text = analysis.text
    dates = _restated(text, [t for t in analysis.times if t.is_date and t.point is not None])
    out: list[tuple[Timex, TimePoint]] = []
    index = 0
    while index < len(dates):
        first = dates[index]
        group = [first]
        while (
            index + 1 < len(dates)
            and _is_day(group[-1])
            and _is_day(dates[index + 1])
            and _coordinated(text, group[-1], dates[index + 1])
        ):
            group.append(dates[index + 1])
            index += 1
        point = first.point
        assert point is not None
        second = dates[index + 1] if index + 1 < len(dates) else None
        if len(group) == 1 and second is not None and _year_pair(analysis, first, second):
            assert second.point is not None
            out.append((first, TimePoint.span(point, second.point)))
            index += 2
            continue
        if len(group) > 1:
            days = sorted(t.point.start for t in group if t.point is not None)
            if (days[-1] - days[0]).days <= RANGE_DAYS:
                point = TimePoint.day_range(days[0], days[-1])
        out.append((first, point))
        index += 1
    return out


_SIDE_LINK = re.compile(r"\s*,?\s*(?:just |only |barely |nearly |almost )?", re.IGNORECASE)
_SIDE_AFTER = re.compile(r"\s+(after|before)\b", re.IGNORECASE)
# "…on Monday and detained 1,200 people there, a day after rioters stormed": the clause of
# the date, then a comma and the count
_CLAUSE_THEN_SIDE = re.compile(r",\s*(?:just |only |barely |nearly |almost )?$", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[;:]|,(?!\d)")  # not the comma inside "1,200"
_SECOND_VERB = re.compile(r"\band\s+(?:also\s+|then\s+|later\s+)?[a-z]{2,}ed\b")
SIDE_CLAUSE_REACH = 150  # characters from the date to the count, within its clause
_DAYS_OF = {"D": 1, "W": 7}
_DURATION_VALUE = re.compile(r"^P(\d+)([DW])$")


def _side_linked(text: str, anchor_end: int, count_start: int) -> bool:
    """The count follows the date right away ("on Friday, two days after …") or ends the
    date's clause after a comma ("on Monday and detained 1,200, a day after …")."""
    if _SIDE_LINK.fullmatch(text, anchor_end, count_start):
        return True
    gap = text[anchor_end:count_start]
    found = _CLAUSE_THEN_SIDE.search(gap)
    # one clause only: ", the junta has announced, a day after …" counts from the announcement
    return (
        found is not None
        and len(gap) <= SIDE_CLAUSE_REACH
        and _CLAUSE_MARK.search(gap, 0, found.start()) is None
        and _SECOND_VERB.search(gap) is not None  # not "on Monday and the roads, …"
    )


def _side_events(
    analysis: SentenceAnalysis, published: date | None = None
) -> list[tuple[Timex, TimePoint, int]]:
    """ "…on Friday, two days after the pay offer": the happening set right after a date is
    dated from it (the offer, on Wednesday). With no date before it but the publication date
    known, "has agreed to resign, two days after he was removed" counts back from the day
    the news is told. Returns the duration, the date it gives and where the complement
    ends."""
    text = analysis.text
    found: list[tuple[Timex, TimePoint, int]] = []
    times = analysis.times
    for index, timex in enumerate(times):
        value = _DURATION_VALUE.match(timex.value)
        link = _SIDE_AFTER.match(text, timex.end)
        if timex.type != "DURATION" or value is None or link is None:
            continue
        after = link.group(1).lower() == "after"
        anchor = times[index - 1] if index else None
        if anchor is not None and _is_day(anchor) and _side_linked(text, anchor.end, timex.start):
            assert anchor.point is not None
            start = anchor.point.start
        elif after and published is not None and _told_today(times[:index], published):
            start = published
        else:
            continue
        days = int(value.group(1)) * _DAYS_OF[value.group(2)]
        try:
            day = start + timedelta(days=-days if after else days)
        except OverflowError:
            continue
        found.append((timex, TimePoint.day(day), link.end()))
    return found


def _told_today(before: list[Timex], published: date) -> bool:
    """No past date precedes the "… after": the clause it follows tells today's news
    ("has agreed to resign", "remains in a serious condition"); a plan ahead may precede
    ("will be sworn in on Monday, the junta has announced, a day after …")."""
    return all(t.point is None or t.point.start > published for t in before if t.is_date)


_YEARLY = (Precision.YEAR, Precision.DECADE)
_PAIR_JOINERS = frozenset({"and", "to", "-", "–", "through"})


def _year_pair(analysis: SentenceAnalysis, first: Timex, second: Timex) -> bool:
    """Two years or decades that make one stretch: "between 2018 and 2022", "from 2012 to
    2015", "in 2012 and 2013", "in the 1920s and 1930s" (a list of three, or of years apart
    with no "between", stays several dates)."""
    a, b = first.point, second.point
    if a is None or b is None or a.precision not in _YEARLY or a.precision != b.precision:
        return False
    if "/" in a.edtf or "/" in b.edtf or b.start <= a.start:
        return False
    between = analysis.text[first.end : second.start].strip().lower()
    if between not in _PAIR_JOINERS:
        return False
    token = analysis.token_at(first.start)
    opener = analysis.tokens[token.i - 1].norm if token is not None and token.i > 0 else ""
    if token is not None and opener == "the" and token.i > 1:
        opener = analysis.tokens[token.i - 2].norm
    if opener in {"between", "from"}:
        return True
    step = 10 if a.precision is Precision.DECADE else 1
    return b.start.year - a.start.year == step and between == "and"


def find_events(
    analysis: SentenceAnalysis,
    vocabulary: EventVocabulary | None = None,
    extra_triggers: list[Trigger] | None = None,
    published: date | None = None,
) -> list[DatedClause]:
    """Every dated clause of the sentence is an event — one per date — whatever its verb;
    the vocabulary only gives it a kind (`other` when none fits). A sentence whose triggers
    no date reaches adds one undated event per kind, for the actor profiles."""
    vocabulary = vocabulary or default_vocabulary()
    triggers = vocabulary.triggers(analysis.text)
    for extra in extra_triggers or []:
        if not any(t.start < extra.end and extra.start < t.end for t in triggers):
            triggers.append(extra)
    reporting = [t for t in triggers if t.kind.family == REPORTING_FAMILY]
    events: list[DatedClause] = []
    seen_dates: set[str] = set()
    covered: list[tuple[int, int]] = []
    for timex, point in _dated(analysis):
        if point.edtf in seen_dates:
            continue
        seen_dates.add(point.edtf)
        span = event_span(analysis, timex.start, timex.end, reporting)
        covered.append(span)
        kind = _kind_of(analysis.text, triggers, span, timex, vocabulary)
        events.append(DatedClause(kind, *span, timex, point))
    for timex, point, _ in _side_events(analysis, published):
        if point.edtf in seen_dates:
            continue
        seen_dates.add(point.edtf)
        span = event_span(analysis, timex.start, timex.end, reporting)
        span = (timex.start, span[1])
        covered.append(span)
        kind = _kind_of(analysis.text, triggers, span, timex, vocabulary)
        events.append(DatedClause(kind, *span, timex, point))
    for timex in analysis.times:  # "on Monday" with no publication date: kept, unresolved
        if timex.type in {"DATE", "TIME"} and timex.point is None and timex.value[:4] == "XXXX":
            span = event_span(analysis, timex.start, timex.end)
            covered.append(span)
            kind = _kind_of(analysis.text, triggers, span, timex, vocabulary)
            events.append(DatedClause(kind, *span, timex, None))
    undated: set[str] = set()
    for trigger in sorted(triggers, key=lambda t: t.start):
        if any(s <= trigger.start < e for s, e in covered) or trigger.kind.name in undated:
            continue
        undated.add(trigger.kind.name)
        span = event_span(analysis, trigger.start, trigger.end)
        events.append(DatedClause(trigger.kind, *span, None))
    return events
