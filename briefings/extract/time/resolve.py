"""Anchoring: from a rule's value template to a TIMEX3 value and a calendar extent.

News is written relative to its publication date: "on Tuesday", "last month", "since
December". A template such as `weekday(2)` or `shift(M,-1)` is resolved against the document
creation time (DCT); one such as `anchor(D,1)` ("the following day") against the last date
the text itself mentioned. Where the text leaves the direction open (a weekday, a month
without a year) the clause decides: ahead when it speaks of plans, else the most recent.

The value language (what `time_rules.yaml` templates may produce):
  2023-09-19, 2023-09, 2023, 199, 2023-W38, 2023-Q3, P3D, PRESENT_REF …   as written
  shift(U,n)        the DCT's unit U moved by n (U: D W WE F M Q HY Y DE CE SP SU FA WI)
  anchor(U,n)       the same from the last date the text mentioned (DCT when none)
  weekday(d[,dir])  day of week d (1 = Monday); dir -1 last, 0 this, +1 next, none: tense
  month(m[,dir]) · season(S[,dir]) · quarter(q[,dir]) · half(h[,dir]) · monthday(MM-DD[,dir])
  numdate(a/b/y)    a written numeric date (day/month order from the outlet, else guessed)
  dur(n,U)          a duration of n units (n may be X: unknown)
  night(n)          the night before the DCT's day n ("overnight"): a two-day range
A function may carry a suffix kept as written (`weekday(5)TNI`, `shift(D,0)T10:35`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from briefings.extract.time.model import Candidate, Timex
from briefings.extract.time.values import (
    REFERENCES,
    SEASON_MONTHS,
    point_of,
    season_index,
    season_of,
    shift,
    valid_day,
)
from briefings.models import Precision, TimePoint

_CALL = re.compile(r"^(?P<fn>[a-z]+)\((?P<args>[^)]*)\)(?P<suffix>.*)$")
_UNITS = frozenset({"D", "W", "WE", "F", "M", "Q", "HY", "Y", "DE", "CE", *SEASON_MONTHS})
_DURATION_TIME_UNITS = {"H": "H", "TM": "M", "S": "S"}
_DURATION_UNITS = {"D": "D", "W": "W", "WE": "WE", "M": "M", "Q": "Q", "HY": "H", "Y": "Y",
                   "DE": "DE", "CE": "CE", "ML": "ML", "F": "W"}  # fmt: skip
_ABSOLUTE = re.compile(
    r"^(?:\d{2,4}|\d{4}-(?:\d\d(?:-\d\d(?:T.+)?)?|W\d\d(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))$"
)

_COARSE = re.compile(r"^\d{2}$")
_QUARTER_VALUE = re.compile(
    r"^(\d{4})-Q([1-4])$"
)  # a century: on the calendar, but no point to place

PAST, UNKNOWN, FUTURE = -1, 0, 1
_CUE_REACH_DAYS = 120
_ORDER = [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE]
_PRECISION_NEEDED = {
    "D": Precision.DAY, "W": Precision.DAY, "WE": Precision.DAY, "F": Precision.DAY,
    "H": Precision.DAY, "TM": Precision.DAY, "S": Precision.DAY, "M": Precision.MONTH,
}  # fmt: skip
_CUE_REACH_MONTHS = 4  # a weak cue decides a month this near on its side
_NEAR_MONTHS = 2  # with no cue, a month up to two ahead is the coming one


class Unresolvable(ValueError):
    """A template that needs a reference date the text does not give."""


@dataclass
class _Anchor:
    day: date
    precision: Precision


def _direction(argument: str | None, tense: int) -> int:
    if argument is None or argument == "":
        return FUTURE if tense > 0 else PAST
    return int(argument)


def _number(argument: str) -> int:
    try:
        return int(argument)
    except ValueError:
        raise Unresolvable(f"not a count: {argument!r}") from None


class TimeResolver:
    """Anchors one article's expressions in reading order (it remembers the last date)."""

    def __init__(self, published: date | None, *, day_first: bool | None = None) -> None:
        self.published = published
        self.day_first = day_first
        self._anchor: _Anchor | None = None
        self._quarter: tuple[int, int] | None = None  # the last fiscal quarter mentioned

    # --- public ------------------------------------------------------------------------------

    def resolve(self, candidate: Candidate, text: str, tense: int = UNKNOWN) -> Timex:
        """The candidate's TIMEX3 value and extent; unanchorable values become `XXXX` forms."""
        anaphoric = candidate.value.startswith(("anchor(", "later("))
        try:
            if candidate.type == "SET" and candidate.value.startswith("XXXX"):
                value, point = candidate.value, None  # "each Thursday": XXXX-WXX-4 as is
            else:
                value, point = self._evaluate(candidate.value, tense)
        except (Unresolvable, ValueError, OverflowError):  # a calendar value out of range
            value, point = _unknown(candidate), None
        if candidate.type in {"DURATION", "SET"}:
            point = None
        elif point is not None and value not in REFERENCES:
            self._note(point)
            current = not candidate.value.startswith(("yearago(", "periodof("))
            if current and (quarter := _QUARTER_VALUE.match(value)):
                self._quarter = (int(quarter.group(1)), int(quarter.group(2)))
        return Timex(
            candidate.start,
            candidate.end,
            text,
            candidate.type,
            value,
            point,
            candidate.rule,
            future=_planned(point, self.published, tense),
            anaphoric=anaphoric,
        )

    # --- evaluation --------------------------------------------------------------------------

    def _evaluate(self, template: str, tense: int) -> tuple[str, TimePoint | None]:
        call = _CALL.match(template)
        if call is None:
            if template in REFERENCES or template.startswith("P"):
                return template, None
            if not _ABSOLUTE.match(template):
                raise Unresolvable(template)
            point = point_of(template, self.published)
            if point is None and not _COARSE.match(template):
                raise Unresolvable(template)  # a day or month that does not exist
            return template, point
        name, suffix = call.group("fn"), call.group("suffix")
        args = [part.strip() for part in call.group("args").split(",")]
        if name == "dur":
            return _duration(args[0], args[1]), None
        if name == "night":
            return self._night(_number(args[0]))
        if name == "nightof":  # "overnight on Tuesday": from Tuesday evening to Wednesday
            day = date.fromisoformat(self._call("weekday", args, tense))
            return f"{day.isoformat()}TNI", TimePoint.day_range(day, day + timedelta(days=1))
        value = self._call(name, args, tense)
        point = point_of(value, self.published)
        if point is None:
            raise Unresolvable(value)
        if name in {"early", "late"}:
            point = self._part(value, point, early=name == "early")
        return value + suffix, point

    def _reference(self) -> date:
        if self.published is None:
            raise Unresolvable("no publication date")
        return self.published

    def _call(self, name: str, args: list[str], tense: int) -> str:
        if name == "shift":
            unit, amount = args[0], args[1]
            if unit not in _UNITS:
                raise Unresolvable(unit)
            if "X" in amount:
                return "PAST_REF" if amount.startswith("-") else "FUTURE_REF"
            return shift(self._reference(), unit, _number(amount))
        if name in {"anchor", "later"}:
            return self._anaphora(args[0], _number(args[1]), counted=name == "later")
        if name in {"early", "late"}:
            return shift(self._reference(), args[0], 0)
        direction = args[1] if len(args) > 1 else None
        if name == "weekday":
            return self._weekday(_number(args[0]), _direction(direction, tense), direction)
        if name == "month":
            chosen = tense if direction is None else int(direction)
            return self._month(_number(args[0]), chosen, direction)
        if name == "monthday":
            return self._monthday(args[0], tense if direction is None else int(direction))
        if name == "inyear":
            return f"{self._reference().year + _number(args[1]):04d}-{_number(args[0]):02d}"
        if name == "season":
            return self._season(args[0], _direction(direction, tense), direction)
        if name in {"quarter", "half"}:
            chosen = tense if direction is None or direction == "" else int(direction) * 2
            return self._part_of_year(name, _number(args[0]), chosen)
        if name == "numdate":
            return self._numdate(args[0])
        if name in {"lastq", "yearago", "periodof"}:
            return self._fiscal(name, args[0] if args and args[0] else None)
        raise Unresolvable(name)

    def _anaphora(self, unit: str, amount: int, *, counted: bool = False) -> str:
        """A date counted from the text's last date ("the following day", "a year earlier").

        Counting days from a date known only to the month or year gives nothing; with no date
        yet, a count backwards starts from the publication date and one forwards gives
        nothing (it needs an event to follow). Weeks counted from a day ("a week later") are
        days apart; "the following week" is the next calendar week."""
        needed = _PRECISION_NEEDED.get(unit, Precision.YEAR)
        anchor = self._anchor
        if anchor is None:
            if amount > 0:
                raise Unresolvable("nothing to count from")
            reference = self._reference()
        elif _ORDER.index(anchor.precision) > _ORDER.index(needed):
            raise Unresolvable("the last date is too coarse to count from")
        else:
            reference = anchor.day
        if counted and unit in {"W", "F"} and (anchor is None or anchor.precision is Precision.DAY):
            weeks = amount * (2 if unit == "F" else 1)
            return (reference + timedelta(weeks=weeks)).isoformat()
        if unit == "H":
            return (reference + timedelta(hours=amount * 1)).isoformat()
        return shift(reference, unit, amount)

    def _note(self, point: TimePoint) -> None:
        """Remember a resolved date for anaphora; a span of days (a week, a range) is no day
        to count from."""
        if point.precision not in {Precision.DAY, Precision.MONTH, Precision.YEAR}:
            return
        if point.precision is Precision.DAY and point.start != point.end:
            self._anchor = _Anchor(point.start, Precision.MONTH)
            return
        self._anchor = _Anchor(point.start, point.precision)

    def _fiscal(self, name: str, year: str | None) -> str:
        """Business news counts in fiscal quarters: once a quarter is named, "the quarter"
        is that one and "a year earlier" or "the 1988 period" the same quarter of that year."""
        quarter = self._quarter
        if name == "lastq":
            return (
                f"{quarter[0]:04d}-Q{quarter[1]}" if quarter else shift(self._reference(), "Q", -1)
            )
        if name == "yearago":
            if quarter:
                return f"{quarter[0] - 1:04d}-Q{quarter[1]}"
            return shift(self._reference(), "Y", -1)
        if year is None:
            raise Unresolvable(name)
        return f"{int(year):04d}-Q{quarter[1]}" if quarter else year

    def _part(self, value: str, point: TimePoint, *, early: bool) -> TimePoint:
        """ "earlier this week": from the week's start to the day before publication; "later
        this week": from publication to the week's end."""
        today = self._reference()
        if early:
            last = max(point.start, today - timedelta(days=1))
            if last > point.start:
                return TimePoint.day_range(point.start, last)
            return TimePoint.day(point.start)
        whole = point_of(value) or point
        return TimePoint.day_range(today, whole.end) if whole.end > today else TimePoint.day(today)

    def _weekday(self, weekday: int, direction: int, written: str | None) -> str:
        today = self._reference()
        current = today.isoweekday()
        if written == "0":  # "this Friday": the one of this week
            return (today + timedelta(days=weekday - current)).isoformat()
        if direction == FUTURE:
            ahead = (weekday - current) % 7
            if written == "+1" and ahead == 0:
                ahead = 7
            return (today + timedelta(days=ahead)).isoformat()
        back = (current - weekday) % 7
        if written == "-1" and back == 0:
            back = 7
        return (today - timedelta(days=back)).isoformat()

    def _month(self, month: int, direction: int, written: str | None) -> str:
        today = self._reference()
        if not 1 <= month <= 12:
            raise Unresolvable(str(month))
        if written in {"+1", "-1"}:  # "next March", "last March": never this month
            strictly = written == "+1"
            if direction > 0:
                later = month > today.month or (month == today.month and not strictly)
                year = today.year if later else today.year + 1
            else:
                earlier = month < today.month or (month == today.month and not strictly)
                year = today.year if earlier else today.year - 1
            return f"{year:04d}-{month:02d}"
        ahead = (month - today.month) % 12
        behind = (today.month - month) % 12
        # As for a day and month: the tense decides when it is decisive or its reading lies
        # within four months; with no cue the coming month or two, else the past; a far cue
        # ("said … it expects to report in November") yields to the nearer reading, a month
        # ahead needing to be twice as near.
        if written == "0" or ahead == 0:
            year = today.year
        elif direction > 0 and (direction > 1 or ahead <= _CUE_REACH_MONTHS):
            year = today.year + (month < today.month)
        elif direction < 0 and (direction < -1 or behind <= _CUE_REACH_MONTHS):
            year = today.year - (month > today.month)
        elif direction == UNKNOWN:
            year = (
                today.year + (month < today.month)
                if ahead <= _NEAR_MONTHS
                else (today.year - (month > today.month))
            )
        elif ahead * 2 < behind:
            year = today.year + (month < today.month)
        else:
            year = today.year - (month > today.month)
        return f"{year:04d}-{month:02d}"

    def _monthday(self, month_day: str, direction: int) -> str:
        today = self._reference()
        month, day = (int(part) for part in month_day.split("-"))
        if not valid_day(2000, month, day):  # 2000 is a leap year: any real day passes
            raise Unresolvable(month_day)
        this_year = (month, day)
        current = (today.month, today.day)
        ahead = today.year if this_year >= current else today.year + 1
        behind = today.year if this_year <= current else today.year - 1
        if month == 2 and day == 29:  # a leap day: the nearest leap years either way
            while not valid_day(ahead, month, day):
                ahead += 1
            while not valid_day(behind, month, day):
                behind -= 1
        gap_ahead = (date(ahead, month, day) - today).days
        gap_behind = (today - date(behind, month, day)).days
        # A written day and month is nearly always the nearer reading: the clause's tense
        # (guessed from cue words, so fallible) decides only when its reading is within four
        # months, or when the cue is decisive; otherwise the nearer wins, a date ahead
        # needing to be twice as near (news reports what happened more than what is planned).
        if direction > 0 and (direction > 1 or gap_ahead <= _CUE_REACH_DAYS):
            year = ahead
        elif direction < 0 and (direction < -1 or gap_behind <= _CUE_REACH_DAYS):
            year = behind
        else:
            year = ahead if gap_ahead * 2 < gap_behind else behind
        return f"{year:04d}-{month:02d}-{day:02d}"

    def _season(self, season: str, direction: int, written: str | None) -> str:
        if season not in SEASON_MONTHS:
            raise Unresolvable(season)
        today = self._reference()
        year, current = season_of(today)
        now = season_index(year, current)
        candidate = season_index(year, season)
        if written == "0":
            pass
        elif direction == FUTURE:
            while candidate < now or (written == "+1" and candidate == now):
                candidate += 4
            while candidate - 4 >= now + (1 if written == "+1" else 0):
                candidate -= 4
        else:
            while candidate > now or (written == "-1" and candidate == now):
                candidate -= 4
            while candidate + 4 <= now - (1 if written == "-1" else 0):
                candidate += 4
        return f"{candidate // 4:04d}-{season}"

    def _part_of_year(self, name: str, number: int, direction: int) -> str:
        """The quarter or half of that number nearest in the tense's direction: business
        news mostly reports the last one, so a weak cue ahead needs the next one."""
        today = self._reference()
        per_year = 4 if name == "quarter" else 2
        if not 1 <= number <= per_year:
            raise Unresolvable(str(number))
        current = (today.month - 1) // (12 // per_year) + 1
        ahead = (number - current) % per_year
        later = direction > 1 or (direction > 0 and ahead <= 1)
        year = today.year + (number < current) if later else today.year - (number > current)
        return f"{year:04d}-{'Q' if name == 'quarter' else 'H'}{number}"

    def _numdate(self, written: str) -> str:
        parts = [int(p) for p in re.split(r"[/.-]", written) if p]
        if len(parts) != 3:
            raise Unresolvable(written)
        first, second, year = parts
        if year < 100:
            year += 2000 if year <= 50 else 1900
        dotted = "." in written and self.day_first is not False  # "10.8.2020": day first
        if self.day_first is True or dotted or (self.day_first is None and first > 12):
            day, month = first, second
        else:
            month, day = first, second
        if not valid_day(year, month, day):
            day, month = month, day
            if not valid_day(year, month, day):
                raise Unresolvable(written)
        return f"{year:04d}-{month:02d}-{day:02d}"

    def _night(self, days: int) -> tuple[str, TimePoint | None]:
        today = self._reference() + timedelta(days=days)
        night = today - timedelta(days=1)
        return f"{night.isoformat()}TNI", TimePoint.day_range(night, today)


# Units written as multiples of a smaller one (a decade is P10Y in TimeBank), and the next
# smaller unit a fraction is carried into ("1.5 hours" → PT1H30M).
_MULTIPLES = {"DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "Q": ("M", 3),
              "HY": ("M", 6), "F": ("W", 2)}  # fmt: skip
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("TM", 60),
            "TM": ("S", 60)}  # fmt: skip


def _planned(point: TimePoint | None, published: date | None, tense: int) -> bool:
    """A plan or deadline: the date lies after the publication date, or reaches it in a
    clause that looks ahead ("will visit on Monday", written on a Monday)."""
    if point is None or published is None:
        return tense > 0
    return point.start > published or (tense > 0 and point.end >= published)


def _duration(count: str, unit: str) -> str:
    """TIMEX3 duration of `count` `unit`s: P3D, P2Y6M, PT1H30M, PXY (unknown count)."""
    if count == "X" or not count:
        letter = _DURATION_TIME_UNITS.get(unit) or _DURATION_UNITS.get(unit)
        if letter is None:
            raise Unresolvable(unit)
        return f"PTX{letter}" if unit in _DURATION_TIME_UNITS else f"PX{letter}"
    amount = float(count)
    if unit in _MULTIPLES:
        unit, factor = _MULTIPLES[unit]
        amount *= factor
    whole = int(amount)
    parts: list[tuple[int, str]] = [(whole, unit)] if whole else []
    fraction = amount - whole
    if fraction and unit in _SMALLER:
        smaller, per = _SMALLER[unit]
        parts.append((round(fraction * per), smaller))
    time_part = "".join(
        f"{n}{_DURATION_TIME_UNITS[u]}" for n, u in parts if u in _DURATION_TIME_UNITS
    )
    date_part = "".join(f"{n}{_DURATION_UNITS[u]}" for n, u in parts if u in _DURATION_UNITS)
    if not time_part and not date_part:
        raise Unresolvable(count)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _unknown(candidate: Candidate) -> str:
    """The value of an expression that could not be anchored (no publication date)."""
    value = candidate.value
    if value.startswith("weekday("):
        return f"XXXX-WXX-{value[8:9]}"
    if value.startswith("monthday("):
        return "XXXX-" + value[9:14]
    if value.startswith("month("):
        number = value[6:].split(",")[0].rstrip(")")
        return f"XXXX-{int(number):02d}" if number.isdigit() else "XXXX-XX"
    if value.startswith(("shift(D", "anchor(D", "night(")):
        return "XXXX-XX-XX"
    return "XXXX"
