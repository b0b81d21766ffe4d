"""The context around a date candidate: its preposition, its clause's tense, name filters.

Separate from the resolver so the judgement calls ("is this 2023 part of a name?", "does
a future cue govern this weekday?") sit together and are computed lazily, once per
sentence, only when a candidate needs them.
"""

from __future__ import annotations

from re import Match
from typing import TYPE_CHECKING, Literal

from briefings.extract import timex_patterns as pat
from briefings.textpatterns import lowered_for_matching

if TYPE_CHECKING:
    from briefings.extract.timex import TimeMention

Relation = Literal["on", "since", "until", "by", "before", "after", "during", "in", "from", "other"]

_RELATIONS: dict[str, Relation] = {
    "on": "on",
    "upon": "on",
    "at": "on",
    "and": "on",
    "or": "on",
    "since": "since",
    "until": "until",
    "till": "until",
    "til": "until",
    "through": "until",
    "thru": "until",
    "to": "until",
    "up to": "until",
    "up until": "until",
    "not until": "until",
    "by": "by",
    "no later than": "by",
    "before": "before",
    "prior to": "before",
    "ahead of": "before",
    "after": "after",
    "following": "after",
    "during": "during",
    "throughout": "during",
    "over": "during",
    "in": "in",
    "within": "in",
    "from": "from",
    "between": "from",
    "starting": "from",
    "beginning": "from",
    "effective": "from",
    "of": "other",
    "as of": "other",
}
_RANGE_END_JOINERS = frozenset({"-", "–", "to", "through", "till", "until"})
_LOOKBACK = 48
_CLAUSE_LOOKBACK = 160


class SentenceContext:
    """One sentence under resolution, with context facts computed on first use."""

    __slots__ = ("_cues", "_deadline", "_durations", "_past", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._durations: list[tuple[int, int]] | None = None
        self._cues: dict[int, bool] = {}
        self._deadline: bool | None = None
        self._past: bool | None = None

    # --- durations ------------------------------------------------------------------------

    def durations(self) -> list[tuple[int, int]]:
        """Spans of lengths of time, left to right (see `timex.find_durations`)."""
        if self._durations is None and not may_hold_duration(self.text):
            self._durations = []
        if self._durations is None:
            self._durations = [
                found.span() for found in pat.DURATION.finditer(self.text) if self._is_length(found)
            ]
        return self._durations

    def _is_length(self, found: Match[str]) -> bool:
        """Drop a number-and-unit that names a moment: "two days later", "a year ago"."""
        if found["num"] is None and found["window"] is None:
            return True
        if found["window"] is not None:
            direction = found["wdir"].lower()
            return direction in ("past", "last", "coming") or bool(found["wprep"] or found["wnum"])
        end = found.end()
        if pat.ANCHOR_AFTER_DURATION.match(self.text, end):
            return False
        if pat.RELATIVE_AFTER_DURATION.match(self.text, end):
            return found["prep"] is not None and found["prep"].lower() != "after"
        return True

    def overlaps_duration(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with some duration."""
        return any(first < end and start < last for first, last in self.durations())

    # --- prepositions ---------------------------------------------------------------------

    def relation(self, start: int, previous: TimeMention | None) -> Relation:
        """The preposition before `start`; the second date of a pair inherits or ends a range."""
        text = self.text
        if previous is not None and start - previous.end <= 12:
            joiner = text[previous.end : start]
            if pat.RANGE_JOIN.match(joiner):
                word = joiner.strip().lower()
                if word in _RANGE_END_JOINERS or previous.relation == "from":
                    return "until"
                return previous.relation
        found = pat.PREPOSITION_TAIL.search(text, max(0, start - _LOOKBACK), start)
        if found is None:
            return "on"
        return _RELATIONS.get(" ".join(found.group(1).lower().split()), "other")

    # --- tense ----------------------------------------------------------------------------

    def future_cue(self, start: int) -> bool:
        """A plan or deadline cue earlier in the clause that contains `start`."""
        cached = self._cues.get(start)
        if cached is None:
            window_start = max(0, start - _CLAUSE_LOOKBACK)
            clause_start = window_start
            for boundary in pat.CLAUSE_BOUNDARY.finditer(self.text, window_start, start):
                clause_start = boundary.end()
            cached = pat.FUTURE_CUE.search(self.text, clause_start, start) is not None
            self._cues[start] = cached
        return cached

    def wants_future(self, start: int, relation: Relation) -> bool:
        """Read an underspecified date forwards: future-cued, or a "by" deadline in a future
        sentence. "since" always looks back."""
        if relation == "since":
            return False
        if self.future_cue(start):
            return True
        if relation == "by":
            if self._deadline is None:
                self._deadline = pat.DEADLINE_CUE.search(self.text) is not None
            return self._deadline
        return False

    def direction(self, start: int, relation: Relation) -> bool | None:
        """For a month-day without year: True forwards, False backwards (past-tense sentence),
        None when nothing decides (the calendar then allows a short look ahead)."""
        if self.wants_future(start, relation):
            return True
        if relation == "since":
            return False
        if self._past is None:
            self._past = pat.PAST_CUE.search(self.text) is not None
        return False if self._past else None

    # --- name filters ---------------------------------------------------------------------

    def previous_word(self, start: int) -> str | None:
        """The word right before `start` (separated by blanks only), if any."""
        found = pat.PREVIOUS_WORD.search(self.text, max(0, start - 32), start)
        return found.group(1) if found else None

    def year_is_date(self, start: int, end: int) -> bool:
        """A bare year, unless it names something ("Vision 2030") or counts ("2000 troops")."""
        if pat.COUNT_NOUN_AFTER_YEAR.match(self.text, end):
            return False
        word = self.previous_word(start)
        if word is None:
            return True
        lowered = word.lower()
        if lowered.rstrip(".") in pat.YEAR_LABEL_WORDS:
            return False
        if not word[0].isupper() or _is_possessive(word):  # "Russia's 2022 invasion"
            return True
        return lowered in pat.DATE_CONTEXT_WORDS or lowered.rstrip(".") in pat.MONTH_WORDS

    def month_is_date(
        self, start: int, end: int, month: str, modifier: str, qualifier: str | None
    ) -> bool:
        """A month without day or year is a date only in a date-like context.

        "May", "March", "June"… and abbreviations need a preposition or modifier ("in May");
        a capitalised word before ("Theresa May") or after ("October Revolution") makes a
        name unless a preposition vouches for it; headline capitals ("MAY") never count.
        """
        if month.isupper():
            return False
        if modifier or qualifier:
            return True
        word = self.previous_word(start)
        lowered = word.lower() if word else None
        vouched = lowered in pat.MONTH_CONTEXT_WORDS
        if word is not None and word[0].isupper() and not vouched and not _is_possessive(word):
            return False
        if vouched:
            return True
        name = month.rstrip(".").lower()
        if name in pat.AMBIGUOUS_MONTHS or name not in pat.FULL_MONTH_NAMES:
            return False
        following = pat.NEXT_WORD.match(self.text, end)
        return following is None or not following.group(1)[0].isupper()

    def day_word_is_date(self, start: int, word: str) -> bool:
        """Not a capitalised "Today" inside a name ("Russia Today", "USA Today")."""
        if not word[0].isupper():
            return True
        before = self.previous_word(start)
        return before is None or not before[0].isupper()

    def weekday_is_date(self, start: int, end: int) -> bool:
        """Not a weekday inside a name: "Bloody Sunday", "Good Friday", "Sunday Times"."""
        if pat.WEEKDAY_NAME_BEFORE.search(self.text, max(0, start - 16), start):
            return False
        return pat.WEEKDAY_NAME_AFTER.match(self.text, end) is None


def may_hold_duration(text: str) -> bool:
    """Whether `text` names a unit of time (`DURATION_HINT`), which every duration does.
    Looked up as substrings of the lower-cased text when that is exact (see
    `lowered_for_matching`), a few times faster than the case-insensitive regex."""
    lowered = lowered_for_matching(text)
    if lowered is None:
        return pat.DURATION_HINT.search(text) is not None
    return any(unit in lowered for unit in pat.DURATION_UNITS)


def _is_possessive(word: str) -> bool:
    """An owner before a date ("Russia's", "the Allies'"), not a name that includes it."""
    return word.endswith(("'s", "’s", "s'", "s’"))
