"""Calendar arithmetic for the temporal resolver: pure functions, no text handling.

Kept apart from the regexes so that each resolution rule (which weekday, which year) can be
read and tested on its own. `TimePoint` construction is cached because pydantic validation
dominates the cost of a mention and news text repeats the same few dates.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from briefings.models import Precision, TimePoint

# A month-day written without a year is read on the past side of publication, except that a
# date this many days ahead, in a clause with no past tense, is taken as upcoming: news omits
# the current year (AP style), so "the deadline is March 31" written on March 14 means this
# March. The brief's cases (Dec. 28 read on Jan. 5 is last year's) are untouched.
FUTURE_GRACE_DAYS = 31


@lru_cache(maxsize=8192)
def day_point(value: date) -> TimePoint:
    """A single day, shared between mentions (TimePoint is frozen)."""
    return TimePoint.day(value)


@lru_cache(maxsize=4096)
def range_point(first: date, last: date) -> TimePoint:
    """A day range; a one-day range is written as a plain day."""
    if first == last:
        return day_point(first)
    return TimePoint.day_range(first, last)


@lru_cache(maxsize=4096)
def month_point(year: int, month: int) -> TimePoint:
    """A calendar month."""
    return TimePoint.month(year, month)


@lru_cache(maxsize=1024)
def year_point(year: int) -> TimePoint:
    """A calendar year."""
    return TimePoint.year(year)


@lru_cache(maxsize=256)
def decade_point(first_year: int) -> TimePoint:
    """A decade such as the 1990s (`199X`)."""
    return TimePoint.decade(first_year)


def weekday_date(published: date, weekday: int, *, future: bool, strict: bool) -> date:
    """The weekday nearest publication on the chosen side.

    Same weekday as publication means publication day, unless `strict` ("last Tuesday",
    "next Tuesday"), which skips to the week before or after.
    """
    if future:
        delta = (weekday - published.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return published + timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def month_year(published: date, month: int, *, future: bool, strict: bool) -> int:
    """Year of a bare month: the most recent one (or the next one when `future`).

    The publication month itself counts unless `strict` ("last December" in December).
    """
    current = published.month
    if future:
        ahead = month > current or (month == current and not strict)
        return published.year if ahead else published.year + 1
    behind = month < current or (month == current and not strict)
    return published.year if behind else published.year - 1


def is_valid_day(month: int, day: int) -> bool:
    """Whether some year has this month-day (29 February counts)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_day_date(
    published: date, month: int, day: int, *, future: bool | None, weekday: int | None = None
) -> date | None:
    """Pick the year for a month-day written without one.

    `future` True takes the next occurrence, False the last one, None the last one unless the
    next is within FUTURE_GRACE_DAYS. A `weekday` written with it ("Monday, Sept. 18") keeps
    only the adjacent years where the date falls on that weekday, if there are any.
    """
    candidates = _nearby(published.year, month, day)
    if weekday is not None:
        close = [c for c in candidates if abs(c.year - published.year) <= 1]
        candidates = tuple(c for c in close if c.weekday() == weekday) or candidates
    past = max((c for c in candidates if c <= published), default=None)
    ahead = min((c for c in candidates if c > published), default=None)
    if future or (past is None and ahead is not None):
        return ahead if ahead is not None else past
    if past == published or future is False or ahead is None:
        return past
    return ahead if (ahead - published).days <= FUTURE_GRACE_DAYS else past


@lru_cache(maxsize=8192)
def _nearby(year: int, month: int, day: int) -> tuple[date, ...]:
    """This month-day in the years around `year` (wide enough for 29 February and weekdays).
    Cached: building 17 dates per mention added up, and news years and dates recur."""
    found = (_safe_date(year + offset, month, day) for offset in range(-8, 9))
    return tuple(value for value in found if value is not None)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def monday_of(value: date) -> date:
    """Monday of the ISO week containing `value`."""
    return value - timedelta(days=value.weekday())


def weekend_of(published: date, offset_weeks: int) -> tuple[date, date]:
    """Saturday and Sunday of the weekend ending the week `offset_weeks` from publication's.

    Offset 0 is the weekend of the current Monday-based week, -1 the one before it.
    """
    saturday = monday_of(published) + timedelta(days=5 + 7 * offset_weeks)
    return saturday, saturday + timedelta(days=1)


def recent_weekend(published: date) -> tuple[date, date]:
    """The weekend a past-tense "over the weekend" means: the current one if it has begun."""
    if published.weekday() >= 5:
        saturday, _ = weekend_of(published, 0)
        return saturday, published
    return weekend_of(published, -1)


# --- anchors: what a previously resolved TimePoint can serve as ---------------------------


def anchor_day(anchor: TimePoint) -> date | None:
    """The day a day-precise anchor stands for; ranges and coarser points give None."""
    if anchor.precision is Precision.DAY and anchor.start == anchor.end:
        return anchor.start
    return None


def anchor_week(anchor: TimePoint) -> date | None:
    """Monday of the week a day-precise anchor (or a range inside one week) falls in."""
    if anchor.precision is not Precision.DAY:
        return None
    monday = monday_of(anchor.start)
    return monday if monday_of(anchor.end) == monday else None


def anchor_month(anchor: TimePoint) -> tuple[int, int] | None:
    """(year, month) of an anchor that lies inside one calendar month."""
    if anchor.precision in (Precision.YEAR, Precision.DECADE):
        return None
    first, last = anchor.start, anchor.end
    if (first.year, first.month) != (last.year, last.month):
        return None
    return first.year, first.month


def anchor_year(anchor: TimePoint) -> int | None:
    """The year of an anchor that lies inside one calendar year."""
    if anchor.precision is Precision.DECADE or anchor.start.year != anchor.end.year:
        return None
    return anchor.start.year


def shift_point(anchor: TimePoint, unit: str, amount: int, *, week_range: bool) -> TimePoint | None:
    """The anchor moved by `amount` units, at the precision the unit allows.

    Day offsets need a day anchor, month offsets a month, year offsets a year: "two days
    later" after "in 2020" cannot be placed, so it gives None rather than a guess.
    """
    if unit == "week" and week_range:
        monday = anchor_week(anchor)
        if monday is None:
            return None
        first = monday + timedelta(weeks=amount)
        return range_point(first, first + timedelta(days=6))
    if unit in ("day", "week"):
        day = anchor_day(anchor)
        if day is None:
            return None
        return day_point(day + timedelta(days=amount * (7 if unit == "week" else 1)))
    if unit == "month":
        month = anchor_month(anchor)
        return None if month is None else month_point(*shift_month(*month, amount))
    year = anchor_year(anchor)
    return None if year is None else year_point(year + amount)
