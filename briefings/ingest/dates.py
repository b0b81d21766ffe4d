"""The page's own date: header lines ("Published On 2 Mar 2024", "Issued on: 03/11/2022 -
08:15", "Mon 5 Feb 2024 09.41 GMT", "Updated 7:18 PM EST, March 4, 2024") read with the time
rules the extractors use, so every date format the rules know is a header format too.

A numeric date whose day and month could be swapped ("07/03/2024") keeps both readings; the
article decides later from the outlet's habit, the page's other dates or, failing that,
says it guessed (`DateLine.swapped`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_NUMERIC = re.compile(r"^numdate\((\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\)")
_LABEL = re.compile(
    r"^(?P<label>(?:first |last )?(?:published|updated|posted|modified|created|issued|date|"
    r"last modified)(?: on| at)?)?\s*:?\s*",
    re.IGNORECASE,
)
_ZONES = (
    "EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|AMT|AZT|IST|"
    "JST|AEST|AEDT|SGT|HKT|WIB|WAT|EAT|CAT"
)
_NOISE = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?)?|\b\d{{1,2}}\s*[ap]\.?m\.?"
    rf"|\b[AP]M\b|\b(?:{_ZONES})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\b"
    r"|(?<!\w)[+-]\d{1,2}(?::?\d{2})?\b"  # the offset of "GMT+1" past the date's zone
    r"|\b(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?(?!\w)"
    r"|\b(?:at|on|and|updated|published|modified|issued|last|first|local time)\b"
    r"|\b\d+\s+(?:hours?|minutes?|mins?|days?)\s+ago\b|\bago\b"
    r"|[\s,|/·•–—():-]+",
    re.IGNORECASE,
)
_UPDATE = re.compile(r"updated|modified", re.IGNORECASE)
# a section name over the clock time of a dated header line
_KICKER = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)? (?=\d{1,2}[:.]\d\d\b)")
# a dateline's place in capitals before the date ("BALASORE, June 03, 2023 09:48 pm")
_PLACE = re.compile(r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3},\s*")
# a place set apart by a bar or a bullet: "Wayanad, Kerala | Updated: August 02, 2024"
_PLACE_BAR = re.compile(r"^[A-Z][\w'’.-]*(?:,? [A-Z][\w'’.-]*){0,3}\s*[|•·]\s*")
# What a whole date (the values `_readings` takes: `2024-03-07…`, `numdate(…)`) needs in the
# text: a four-digit year (years, ISO dates, "Christmas 2023"), a year as '24, or a numeric
# date's d/m. A line without any of them is never a date line.
_FULL_DATE_DIGITS = re.compile(r"\d{4}|['’]\d\d|\d[/.]\d")
# an ISO timestamp's date, "T" and time (its "Z" or offset is read as a zone)
_ISO_STAMP = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z?")


@dataclass(frozen=True)
class DateLine:
    value: date
    is_update: bool
    swapped: date | None = None  # the day/month-swapped reading of an ambiguous numeric date
    clock_24h: bool = False  # a 24-hour time beside it ("02/08/2024 - 14:25"): day first, most
    # likely (pages that write month first write "2:25 PM")
    weekday: int | None = None  # the weekday written beside it ("Tuesday, 9/10/2024"): 0 Monday

    def reading(self) -> date | None:
        """The one reading of an ambiguous date that falls on the weekday the line writes."""
        if self.swapped is None or self.weekday is None:
            return None
        fits = [day for day in (self.value, self.swapped) if day.weekday() == self.weekday]
        return fits[0] if len(fits) == 1 else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# a byline after a labelled date on the same line
_TRAILING_BYLINE = re.compile(r"(?:\s+[-–—|·•]|\s)\s*[Bb]y\s+[A-Z]")
# a newsroom credit after the date on its line: "… Nyasa Times Reporter", "… Staff Writer"
_TRAILING_CREDIT = re.compile(
    r"\s+(?:[A-Z][\w'’.-]*\s+){0,4}(?:Reporter|Correspondent|Staff Writer|Staff Reporter)\s*$"
)
_WEEKDAY_NAMES = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday|s|\.)?(?!\w)", re.IGNORECASE
)
_WEEKDAY_INDEX = {
    name: index for index, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}
_CLOCK_24H = re.compile(r"\b(?:[01]\d|2[0-3])[:.h][0-5]\d\b(?!\s*(?:[ap]\.?m\b|[AP]\.?M\b))")


def _readings(value: str) -> tuple[date, date | None] | None:
    """The date a header candidate spells, and its swapped reading when ambiguous."""
    if match := _DAY_VALUE.match(value):
        found = _safe(int(match[1]), int(match[2]), int(match[3]))
        return (found, None) if found else None
    if match := _NUMERIC.match(value):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        month_first = _safe(year, first, second)
        day_first = _safe(year, second, first)
        if "." in match[0] and day_first:
            return day_first, None  # "10.8.2020": dots are written day first
        if month_first and day_first and first != second:
            return month_first, day_first
        chosen = month_first or day_first
        return (chosen, None) if chosen else None
    return None


def parse_date_line(line: str) -> DateLine | None:
    """A line that only gives the page's dates; None for a sentence that mentions a date.

    Anything left on the line besides labels, times, zones and weekdays makes it a sentence.
    With two dates ("Issued on: … Modified: …") the first is the publication."""
    if len(line) > 140 or _FULL_DATE_DIGITS.search(line) is None:
        return None  # no rule can read a whole date here: spare running them all
    label = _LABEL.match(line)
    rest = line[label.end() :] if label else line
    rest = _KICKER.sub("", rest, count=1)  # "Politics 06:42 December 04, 2024" (Yonhap)
    rest = _PLACE.sub("", rest, count=1)
    if not (label and label.group("label")):
        # "Wayanad, Kerala | Updated: …": only before a label, which a byline's name
        # ("By Ana Ruiz | September 21, 2023") never has
        place = _PLACE_BAR.match(rest)
        labelled = _LABEL.match(rest[place.end() :]) if place is not None else None
        if place is not None and labelled is not None and labelled.group("label"):
            rest = rest[place.end() + labelled.end() :]
            label = labelled
    rest = _ISO_STAMP.sub(r"\1 \2", rest)  # "2024-01-02T08:00:00Z"
    if label and label.group("label"):
        byline = _TRAILING_BYLINE.search(rest)
        if byline is not None:
            rest = rest[: byline.start()]  # "Published on 08/05/2024 - 10:30 By Ana Lima - …"
    credit = _TRAILING_CREDIT.search(rest)
    if credit is not None:
        rest = rest[: credit.start()]  # "March 14, 2023  Nyasa Times Reporter"
    from briefings.extract.time.find import find_candidates  # the rules load on first use

    candidates = find_candidates(rest)
    dated: list[tuple[int, int, tuple[date, date | None]]] = []
    for candidate in candidates:
        readings = _readings(candidate.value)
        if readings is not None:
            dated.append((candidate.start, candidate.end, readings))
    if not dated:
        return None
    leftover = "".join(
        rest[end:start]
        for (_, end, _), (start, _, _) in zip(
            [(0, 0, None), *dated], [*dated, (len(rest), len(rest), None)], strict=True
        )
    )
    if _NOISE.sub("", leftover):
        return None
    start, _, (value, swapped) = dated[0]
    is_update = bool(label and _UPDATE.search(label.group() or "")) or bool(
        _UPDATE.search(rest[:start])
    )
    named = _WEEKDAY_NAMES.search(rest)
    return DateLine(
        value=value,
        is_update=is_update,
        swapped=swapped,
        clock_24h=swapped is not None and _CLOCK_24H.search(rest) is not None,
        weekday=_WEEKDAY_INDEX[named.group(1).lower()] if named else None,
    )


def full_dates(text: str) -> list[date]:
    """The fully written dates of a text (day, month and year), for choosing between two
    readings of a header date."""
    from briefings.extract.time.find import find_candidates

    found: list[date] = []
    for candidate in find_candidates(text):
        readings = _readings(candidate.value)
        if readings is not None and readings[1] is None:
            found.append(readings[0])
    return found
