"""TIMEX3 values: normalising captured text, calendar arithmetic, and the calendar extent of a
value (`2023-W38` → Monday to Sunday of that week).

The normalisers are the `norm:` names a fragment of `time_rules.yaml` may use.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from briefings.extract.lexicon import Lexicon
from briefings.models import TimePoint

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
SEASONS = ("WI", "SP", "SU", "FA")
PARTS_OF_DAY = frozenset({"MO", "AF", "EV", "NI", "MI", "DT"})
REFERENCES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})

_DIGITS = re.compile(r"\d+")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s*(?P<ampm>[ap])?\.?\s*m?\.?", re.IGNORECASE
)


# --- normalisers -----------------------------------------------------------------------------


def _int(text: str, _: Lexicon) -> str:
    found = _DIGITS.search(text)
    return str(int(found.group())) if found else text


def _number(text: str, lexicon: Lexicon) -> str:
    text = text.strip()
    special = {"half": "0.5", "a half": "0.5", "one and a half": "1.5", "a year and a half": "1.5"}
    if text.lower() in special:
        return special[text.lower()]
    if re.fullmatch(r"\d+(?:\.\d+)?", text.replace(",", "")):
        value = float(text.replace(",", ""))
        return str(int(value)) if value.is_integer() else str(value)
    fraction = re.fullmatch(r"(\d+)\s+1/2", text)
    if fraction:
        return f"{fraction.group(1)}.5"
    value_int = lexicon.number(text)
    return str(value_int) if value_int is not None else "X"


def _year2(text: str, _: Lexicon) -> str:
    digits = _DIGITS.search(text)
    if not digits:
        return text
    value = int(digits.group())
    if len(digits.group()) == 4:
        return str(value)
    return str(1900 + value if value > 30 else 2000 + value)


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _decade(text: str, _: Lexicon) -> str:
    """'1990s' → '199', "'80s" → '198', 'eighties' → '198' (the 1900s assumed for short
    forms before the 2020s)."""
    digits = _DIGITS.search(text)
    if digits:
        value = digits.group()
        if len(value) == 4:
            return value[:3]
        if len(value) == 2:
            century = "20" if int(value) <= 20 else "19"
            return century + value[0]
    for word, tens in _DECADE_WORDS.items():
        if word in text.lower():
            return f"19{tens}"
    return text


def _clock(text: str, _: Lexicon) -> str:
    """'10:35 a.m.' → '10:35', '8 p.m.' → '20:00', 'noon' → '12:00'."""
    lowered = text.lower()
    if "noon" in lowered or "midday" in lowered:
        return "12:00"
    if "midnight" in lowered:
        return "24:00"
    if len(text) == 4 and text.isdigit():  # military time: "1800"
        return f"{text[:2]}:{text[2:]}"
    match = _CLOCK.search(text)
    if not match:
        return text
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _unit(text: str, lexicon: Lexicon) -> str:
    return lexicon["units"].value(text) or text


def _century(text: str, lexicon: Lexicon) -> str:
    """'20th' → '19' (the twentieth century is the 1900s)."""
    ordinal = lexicon["ordinals"].value(text)
    return f"{int(ordinal) - 1:02d}" if ordinal else text


def _day_offset(text: str, _: Lexicon) -> str:
    return {"yesterday": "-1", "today": "0", "tomorrow": "1"}.get(text.lower(), "0")


def _spoken_year(text: str, lexicon: Lexicon) -> str:
    """'nineteen ninety-six' → '1996', 'two thousand' → '2000', 'twenty ten' → '2010'."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return str(2000 + (lexicon.number(" ".join(rest)) or 0 if rest else 0))
    century = lexicon.number(words[0])
    rest = words[1:]
    if century is None:
        return text
    if rest == ["hundred"]:
        return str(century * 100)
    tail = lexicon.number(" ".join(rest)) if rest else 0
    return str(century * 100 + (tail or 0))


def _keep(text: str, _: Lexicon) -> str:
    return " ".join(text.split())


NORMALISERS: dict[str, Callable[[str, Lexicon], str]] = {
    "int": _int,
    "number": _number,
    "year2": _year2,
    "decade": _decade,
    "clock": _clock,
    "unit": _unit,
    "century": _century,
    "day_offset": _day_offset,
    "spoken_year": _spoken_year,
    "keep": _keep,
}


# --- calendar arithmetic ---------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def season_of(day: date) -> tuple[int, str]:
    """The season holding `day` and the year TIMEX3 writes it under (December → next WI)."""
    if day.month == 12:
        return day.year + 1, "WI"
    if day.month <= 2:
        return day.year, "WI"
    return day.year, SEASONS[(day.month - 3) // 3 + 1]


def season_index(year: int, season: str) -> int:
    return year * 4 + SEASONS.index(season)


def from_season_index(index: int) -> tuple[int, str]:
    year, position = divmod(index, 4)
    return year, SEASONS[position]


def shift(reference: date, unit: str, amount: int) -> str:
    """The TIMEX3 value of the `unit` that is `amount` units from `reference`'s."""
    if unit == "D":
        return (reference + timedelta(days=amount)).isoformat()
    if unit in {"W", "F"}:
        weeks = amount * (2 if unit == "F" else 1)
        return iso_week(reference + timedelta(weeks=weeks))
    if unit == "WE":
        return iso_week(reference + timedelta(weeks=amount)) + "-WE"
    if unit == "M":
        moved = add_months(reference, amount)
        return f"{moved.year:04d}-{moved.month:02d}"
    if unit == "Q":
        index = reference.year * 4 + (reference.month - 1) // 3 + amount
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "HY":
        index = reference.year * 2 + (reference.month - 1) // 6 + amount
        return f"{index // 2:04d}-H{index % 2 + 1}"
    if unit == "Y":
        return f"{reference.year + amount:04d}"
    if unit == "DE":
        return f"{reference.year // 10 + amount:03d}"
    if unit == "CE":
        return f"{reference.year // 100 + amount:02d}"
    if unit in SEASON_MONTHS:
        year, season = season_of(reference)
        index = season_index(year, season) + amount
        year, season = from_season_index(index)
        return f"{year:04d}-{season}"
    if unit in {"H", "TM", "S"}:
        return reference.isoformat()
    raise ValueError(f"unknown unit {unit!r}")


# --- a value's calendar extent -----------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and year > 0


def _month_span(year: int, first: int, last: int) -> TimePoint:
    """Months `first` to `last` of `year` as a day range; a span that wraps the new year
    (winter: December to February) starts in the year before."""
    start_year = year - 1 if last < first else year
    start = date(start_year, first, 1)
    end = date(year, last, calendar.monthrange(year, last)[1])
    return TimePoint.day_range(start, end)


def point_of(value: str, published: date | None = None) -> TimePoint | None:
    """The calendar interval of a DATE/TIME value, None when it is not on the calendar.

    A week, weekend, quarter, half or season is a day range; a week that holds the
    publication date ends on it (what has happened "this week" cannot be later)."""
    if match := _DAY.match(value):
        year, month, day = (int(g) for g in match.groups())
        return TimePoint.day(date(year, month, day)) if valid_day(year, month, day) else None
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        return TimePoint.month(year, month) if 1 <= month <= 12 and year > 0 else None
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return TimePoint.year(year) if year > 0 else None
    if match := _DECADE.match(value):
        return TimePoint.decade(int(match.group(1)) * 10)
    if match := _WEEK.match(value):
        year, week = int(match.group(1)), int(match.group(2))
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        first = monday + timedelta(days=5) if match.group(3) else monday
        last = monday + timedelta(days=6)
        if published is not None and first <= published < last:
            last = published
        return TimePoint.day_range(first, last) if first < last else TimePoint.day(first)
    if match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        return _month_span(year, quarter * 3 - 2, quarter * 3)
    if match := _HALF.match(value):
        year, half = int(match.group(1)), int(match.group(2))
        return _month_span(year, half * 6 - 5, half * 6)
    if match := _SEASON.match(value):
        year, season = int(match.group(1)), match.group(2)
        first_month, last_month = SEASON_MONTHS[season]
        return _month_span(year, first_month, last_month)
    return None
