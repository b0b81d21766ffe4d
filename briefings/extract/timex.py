"""Find and resolve temporal expressions in English news sentences, offline and fast.

A date in news is usually relative: "on Tuesday", "since December", "the following day".
`TemporalResolver` walks one article's sentences in order, resolving each expression against
the publication date (weekdays, bare months, "last week") or against the last date it
resolved (anchors such as "two days later"). Durations ("for nine months", "44 days") are
never dates; `find_durations` names them so other extractors can avoid them too.

Rules (from the project's extraction notes): a weekday equal to the publication weekday is the
publication day, otherwise the most recent past one unless a future cue ("will", "is due
to", "next") precedes it in the clause; a bare month is the most recent past one; a bare
year right after a capitalised name is part of the name ("Eagle Partner 2023").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from re import Match

from briefings.extract import timex_calendar as cal
from briefings.extract import timex_patterns as pat
from briefings.extract.timex_context import Relation, SentenceContext
from briefings.models import TimePoint

__all__ = ["Relation", "TemporalResolver", "TimeMention", "find_durations", "parse_dateline"]


@dataclass(frozen=True)
class TimeMention:
    """One date-like expression in a sentence and what it resolves to."""

    start: int  # char offset in the sentence text passed in
    end: int
    text: str  # sentence[start:end]
    point: TimePoint | None  # None = relative expression with nothing to resolve it against
    relation: Relation  # the preposition or cue before it; bare -> "on"
    future: bool  # a plan or deadline
    relative: bool  # resolved from a weekday/relative phrase rather than written out in full


@dataclass(frozen=True, slots=True)
class _Hit:
    """What a handler makes of a candidate: its end, its point, and any forced flags."""

    end: int
    point: TimePoint | None
    relative: bool
    future: bool | None = None  # None: decide from the date and the clause
    moves_anchor: bool = True  # False: dates a side event, the narrative stays where it was


_Match = Match[str]


def find_durations(sentence: str) -> list[tuple[int, int]]:
    """Spans that are lengths of time ("for nine months", "10-day", "decades-old").

    A number and unit that points at a moment ("two days later", "three years ago") is not
    a duration; "24 hours after" is one only inside a window ("within 24 hours after").
    """
    return SentenceContext(sentence).durations()


def _month_number(text: str) -> int:
    return pat.MONTHS[text.rstrip(".").lower()[:3]]


def _number(text: str) -> int:
    """A small count written in digits or words ("48", "a", "twenty-four")."""
    if text.isdigit():
        return int(text)
    return sum(pat.NUMBER_WORDS[word] for word in text.lower().replace("-", " ").split())


_AHEAD_MODIFIERS = frozenset({"next", "coming", "this coming"})
_BACK_MODIFIERS = frozenset({"last", "past", "this past"})
_UNIT_OF_PART = {"morning": "day", "afternoon": "day", "evening": "day", "night": "day"}
_FORWARD = frozenset({"following", "next", "later", "after", "afterwards"})
_BACKWARD = frozenset({"previous", "preceding", "prior", "earlier", "before", "previously"})


class TemporalResolver:
    """Stateful over ONE article: remembers the last resolved date for relative anchors."""

    def __init__(self, published: date | None) -> None:
        self.published = published
        # The last mention's point; an unresolved mention leaves nothing to count from.
        self._anchor: TimePoint | None = None
        self._seen_mention = False
        self._previous: TimeMention | None = None  # the mention before, in this sentence
        self._moves_anchor = True
        self._handlers: dict[str, Callable[[SentenceContext, _Match, Relation], _Hit | None]]
        self._handlers = {
            "iso": self._iso,
            "dmy": self._dmy,
            "mdy": self._mdy,
            "my": self._month_year,
            "mon": self._month_alone,
            "wd": self._weekday,
            "dec": self._decade,
            "yr": self._year,
            "dw": self._day_word,
            "rel": self._relative,
            "we": self._weekend,
            "ago": self._ago,
            "anc1": self._anchor_following,
            "anc2": self._anchor_that,
            "anc3": self._anchor_offset,
            "anc4": self._anchor_the_unit,
        }

    # --- driver ---------------------------------------------------------------------------

    def resolve(self, sentence: str) -> list[TimeMention]:
        """Mentions left to right, non-overlapping; call once per sentence in article order."""
        context = SentenceContext(sentence)
        mentions: list[TimeMention] = []
        search = pat.CANDIDATE.search
        position = 0
        while (found := search(sentence, position)) is not None:
            mention = self._interpret(context, found, mentions[-1] if mentions else None)
            if mention is None:
                position = found.start() + 1
                continue
            mentions.append(mention)
            if self._moves_anchor:
                self._anchor = mention.point
            self._seen_mention = True
            position = mention.end
        return mentions

    def _interpret(
        self, context: SentenceContext, found: _Match, previous: TimeMention | None
    ) -> TimeMention | None:
        """Turn one regex candidate into a mention, or None when it is not a date after all."""
        kind = found.lastgroup or ""
        start = found.start()
        if context.overlaps_duration(start, found.end()):
            return None
        relation = context.relation(start, previous)
        self._previous = previous
        self._moves_anchor = True
        try:
            hit = self._handlers[kind](context, found, relation)
        except (ValueError, OverflowError):  # impossible dates such as 31 April
            return None
        if hit is None:
            return None
        self._moves_anchor = hit.moves_anchor
        future = self._is_future(context, start, relation, hit)
        return TimeMention(
            start, hit.end, context.text[start : hit.end], hit.point, relation, future, hit.relative
        )

    def _is_future(
        self, context: SentenceContext, start: int, relation: Relation, hit: _Hit
    ) -> bool:
        """A plan or deadline: forced by the handler, else by the date, else by the clause."""
        if hit.future is not None:
            return hit.future
        point, published = hit.point, self.published
        if point is not None and published is not None:
            if point.start > published:
                return True
            if point.end < published:
                return False
        return context.wants_future(start, relation)

    # --- written-out dates ----------------------------------------------------------------

    def _iso(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        value = date(int(found["iso_y"]), int(found["iso_m"]), int(found["iso_d"]))
        return _Hit(found.end(), cal.day_point(value), relative=False)

    def _dmy(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit | None:
        return self._month_day(context, found.start(), found, relation, weekday=None)

    def _mdy(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit | None:
        return self._month_day(context, found.start(), found, relation, weekday=None)

    def _month_day(
        self,
        context: SentenceContext,
        start: int,
        found: _Match,
        relation: Relation,
        *,
        weekday: int | None,
    ) -> _Hit | None:
        """A month-day, with or without year, possibly a range ("19-20 September").

        `found` is a "dmy" or "mdy" match; `start` may lie before it when a weekday leads
        ("Monday, Sept. 18"), and that weekday then helps choose the year.
        """
        kind = found.lastgroup
        month_text, day_text = found[f"{kind}_m"], found[f"{kind}_d"]
        last_day_text, year_text = found[f"{kind}_d2"], found[f"{kind}_y"]
        month, day = _month_number(month_text), int(day_text.rstrip("stndrh"))
        last_day = int(last_day_text.rstrip("stndrh")) if last_day_text else None
        if not cal.is_valid_day(month, day) or (last_day is not None and last_day <= day):
            return None
        nine_eleven = (month, day) == (9, 11) and year_text is None
        if nine_eleven and pat.NINE_ELEVEN_AFTER.match(context.text, found.end()):
            year_text = "2001"
        if year_text is not None:
            first: date | None = date(int(year_text), month, day)
        elif self.published is not None:
            direction = context.direction(start, relation)
            first = cal.month_day_date(
                self.published, month, day, future=direction, weekday=weekday
            )
        else:
            first = None
        if first is None:
            return _Hit(found.end(), None, relative=True)
        point = cal.day_point(first)
        if last_day is not None:
            point = cal.range_point(first, first.replace(day=last_day))
        return _Hit(found.end(), point, relative=year_text is None)

    def _month_year(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        point = cal.month_point(int(found["my_y"]), _month_number(found["my_m"]))
        return _Hit(found.end(), point, relative=False)

    def _decade(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        if found["dec_y"]:
            first = int(found["dec_y"])
        else:
            short = int(found["dec_2"])
            first = (1900 if short >= 20 else 2000) + short
        return _Hit(found.end(), cal.decade_point(first), relative=False)

    def _year(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit | None:
        if not found["yr_mod"] and not context.year_is_date(found.start("yr_y"), found.end()):
            return None
        return _Hit(found.end(), cal.year_point(int(found["yr_y"])), relative=False)

    # --- bare months and weekdays ---------------------------------------------------------

    def _month_alone(
        self, context: SentenceContext, found: _Match, relation: Relation
    ) -> _Hit | None:
        """A month without day or year: "since December", "in April this year", "mid-May"."""
        modifier = (found["mon_mod"] or "").lower()
        qualifier = found["mon_q"]
        span = found.start(), found.end()
        if not context.month_is_date(*span, found["mon_m"], modifier, qualifier):
            return None
        published = self.published
        if published is None:
            return _Hit(found.end(), None, relative=True)
        month = _month_number(found["mon_m"])
        forced: bool | None = None
        if qualifier:
            year = published.year + _DIRECTION_YEARS[qualifier.split()[-2].lower()]
        elif modifier == "this":
            year = published.year
        elif modifier in ("last", "next"):
            forced = True if modifier == "next" else None
            year = cal.month_year(published, month, future=modifier == "next", strict=True)
        else:
            future = context.wants_future(found.start(), relation)
            year = cal.month_year(published, month, future=future, strict=False)
        return _Hit(found.end(), cal.month_point(year, month), relative=True, future=forced)

    def _weekday(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit | None:
        """A weekday, most recent unless future-cued: "late Monday", "next Sunday"."""
        if not context.weekday_is_date(found.start(), found.end()):
            return None
        weekday = pat.WEEKDAYS[found["wd_d"].lower()]
        modifier = " ".join((found["wd_mod"] or "").lower().split())
        if not modifier and not found["wd_part"]:
            dated = self._weekday_with_date(context, found, relation, weekday)
            if dated is not None:
                return dated
        if self.published is None:
            return _Hit(found.end(), None, relative=True)
        strict = modifier in _AHEAD_MODIFIERS or modifier in _BACK_MODIFIERS
        if strict:
            future = modifier in _AHEAD_MODIFIERS
        else:
            future = context.wants_future(found.start(), relation)
        value = cal.weekday_date(self.published, weekday, future=future, strict=strict)
        forced = True if modifier in _AHEAD_MODIFIERS else None
        return _Hit(found.end(), cal.day_point(value), relative=True, future=forced)

    def _weekday_with_date(
        self, context: SentenceContext, found: _Match, relation: Relation, weekday: int
    ) -> _Hit | None:
        """AP style "Monday, Sept. 18": one mention, dated by the month-day."""
        gap = pat.WEEKDAY_DATE_GAP.match(context.text, found.end())
        if gap is None:
            return None
        date_match = pat.CANDIDATE.match(context.text, gap.end())
        if date_match is None or date_match.lastgroup not in ("dmy", "mdy"):
            return None
        return self._month_day(context, found.start(), date_match, relation, weekday=weekday)

    # --- relative to publication ----------------------------------------------------------

    def _day_word(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit | None:
        """Publication-day words: "today", "yesterday", "tomorrow" (not "Russia Today")."""
        if not context.day_word_is_date(found.start(), found["dw_w"]):
            return None
        word = found["dw_w"].lower()
        if self.published is None:
            return _Hit(found.end(), None, relative=True)
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        value = self.published + timedelta(days=offset)
        return _Hit(found.end(), cal.day_point(value), relative=True, future=offset > 0 or None)

    def _relative(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """Calendar units around publication: "this week", "earlier this year", "last night"."""
        if self.published is None:
            return _Hit(found.end(), None, relative=True)
        direction = found["rel_dir"].lower()
        unit = found["rel_unit"].lower()
        prefix = (found["rel_pre"] or "").lower()
        point = _relative_point(self.published, direction, unit, prefix)
        ahead = direction == "next" or (direction == "this" and prefix == "later")
        forced = True if ahead else None
        return _Hit(found.end(), point, relative=True, future=forced)

    def _weekend(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """Weekends: "this weekend", "last weekend", past-tense "over the weekend"."""
        published = self.published
        if published is None:
            return _Hit(found.end(), None, relative=True)
        direction = found["we_dir"].lower()
        upcoming = cal.weekend_of(published, 0 if published.weekday() < 5 else 1)
        if direction == "last":
            first, last = cal.weekend_of(published, -1)
        elif direction == "next":
            first, last = upcoming
        elif direction == "this" or context.wants_future(found.start(), relation):
            first, last = cal.weekend_of(published, 0)
        else:
            first, last = cal.recent_weekend(published)
        return _Hit(found.end(), cal.range_point(first, last), relative=True)

    def _ago(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """Counted back from publication: "three days ago", "two years ago"."""
        if self.published is None:
            return _Hit(found.end(), None, relative=True)
        amount = _number(found["ago_n"])
        unit = found["ago_u"].lower()
        published = self.published
        point: TimePoint
        if unit in ("day", "week"):
            days = amount * (7 if unit == "week" else 1)
            point = cal.day_point(published - timedelta(days=days))
        elif unit == "month":
            point = cal.month_point(*cal.shift_month(published.year, published.month, -amount))
        else:
            point = cal.year_point(published.year - amount * (10 if unit == "decade" else 1))
        return _Hit(found.end(), point, relative=True)

    # --- relative to the last resolved date -----------------------------------------------

    def _anchor_following(
        self, context: SentenceContext, found: _Match, relation: Relation
    ) -> _Hit:
        """One unit on from the anchor: "the following day", "the previous year", "the same day"."""
        word = found["a1_w"].lower()
        amount = 1 if word in _FORWARD else -1 if word in _BACKWARD else 0
        return self._shifted(found, found["a1_u"], amount, week_range=True)

    def _anchor_that(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """The anchor's own unit: "later that day", "that year"."""
        return self._shifted(found, found["a2_u"], 0, week_range=True)

    def _anchor_offset(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """Counted from the anchor: "two days later", "24 hours after", "a week earlier"."""
        amount = _number(found["a3_n"])
        unit = found["a3_u"].lower()
        if unit == "hour":
            if amount % 24:
                return _Hit(found.end(), None, relative=True)
            unit, amount = "day", amount // 24
        sign = -1 if found["a3_d"].lower() in _BACKWARD else 1
        side = self._side_event(context, found, found["a3_d"], unit, sign * amount)
        if side is not None:
            return side
        return self._shifted(found, unit, sign * amount, week_range=False)

    def _side_event(
        self, context: SentenceContext, found: _Match, word: str, unit: str, amount: int
    ) -> _Hit | None:
        """ "on Thursday, a day after the truce began": a count with "after"/"before" and a
        complement, set right after a date, places the complement counted back from that
        date (the truce: Wednesday). The date of the main clause stays the anchor."""
        previous = self._previous
        if previous is None or previous.point is None or word.lower() not in ("after", "before"):
            return None
        if not pat.APPOSITIVE_GAP.fullmatch(context.text, previous.end, found.start()):
            return None
        if not pat.COMPLEMENT_AFTER.match(context.text, found.end()):
            return None
        point = cal.shift_point(previous.point, unit, -amount, week_range=False)
        return _Hit(found.end(), point, relative=True, future=previous.future, moves_anchor=False)

    def _anchor_the_unit(self, context: SentenceContext, found: _Match, relation: Relation) -> _Hit:
        """One unit either side of the anchor: "the day before", "the year after"."""
        amount = -1 if found["a4_d"].lower() in _BACKWARD else 1
        unit = _UNIT_OF_PART.get(found["a4_u"].lower(), found["a4_u"].lower())
        side = self._side_event(context, found, found["a4_d"], unit, amount)
        if side is not None:
            return side
        return self._shifted(found, found["a4_u"], amount, week_range=True)

    def _shifted(self, found: _Match, unit_text: str, amount: int, *, week_range: bool) -> _Hit:
        """Move the last resolved date.

        Before any mention, looking back ("the previous day") counts from publication, which
        is what such a phrase means at the top of a report; looking forward cannot be placed.
        After an unresolved mention nothing can be placed.
        """
        unit = _UNIT_OF_PART.get(unit_text.lower(), unit_text.lower())
        anchor = self._anchor
        if not self._seen_mention and amount < 0 and self.published is not None:
            anchor = cal.day_point(self.published)
        if anchor is None:
            return _Hit(found.end(), None, relative=True)
        point = cal.shift_point(anchor, unit, amount, week_range=week_range)
        return _Hit(found.end(), point, relative=True)


_DIRECTION_YEARS = {"this": 0, "last": -1, "next": 1}


def _relative_point(published: date, direction: str, unit: str, prefix: str) -> TimePoint:
    """The span "this/last/next <unit>" covers, seen from the publication date."""
    step = _DIRECTION_YEARS[direction]
    if unit == "week":
        return _week_point(published, step, prefix)
    if unit == "month":
        return cal.month_point(*cal.shift_month(published.year, published.month, step))
    if unit == "year":
        return cal.year_point(published.year + step)
    return cal.day_point(published + timedelta(days=step))


def _week_point(published: date, step: int, prefix: str) -> TimePoint:
    """A week as a day range; this week runs Monday..publication, "earlier"/"later" split it."""
    monday = cal.monday_of(published) + timedelta(weeks=step)
    sunday = monday + timedelta(days=6)
    if step:
        return cal.range_point(monday, sunday)
    if prefix == "later":
        return cal.range_point(published, sunday)
    if prefix == "earlier" and published > monday:
        return cal.range_point(monday, published - timedelta(days=1))
    return cal.range_point(monday, published)


def parse_dateline(text: str, context_year: int | None) -> tuple[date | None, bool]:
    """The date in a dateline such as "YEREVAN, Sept. 13 (AP) —"; (date, year_inferred).

    Without a written year the context year is used and flagged as inferred; without either,
    or with no date in the dateline ("KYIV, Ukraine (AP) —"), the answer is (None, False).
    """
    found = pat.DATELINE.match(text[:200])
    if found is None:
        return None, False
    month = _month_number(found["m1"] or found["m2"])
    day = int(found["d1"] or found["d2"])
    year_text = found["y1"] or found["y2"]
    if year_text is not None:
        year, inferred = int(year_text), False
    elif context_year is not None:
        year, inferred = context_year, True
    else:
        return None, False
    if not 1800 <= year <= 2100 or not cal.is_valid_day(month, day):
        return None, False
    try:
        return date(year, month, day), inferred
    except ValueError:  # 29 February in a common year
        return None, False
