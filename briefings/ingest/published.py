"""When was the article published? The page's own clues, best first: its date lines, a dated
dateline, the URL's date, a dateline given a year by the text — and, with none of those, the
latest full date the story itself gives (said to be an estimate).

A numeric header date that reads both ways ("07/03/2024") is settled by the outlet's habit
(`date_order` in outlets.yaml), else by which reading the story's own month names agree
with; what is still a guess is said so (`Published.note`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from briefings.ingest.cleaner import Cleaned
from briefings.ingest.dates import DateLine
from briefings.ingest.metadata import date_from_url, outlet_day_first, safe_date

if TYPE_CHECKING:
    from briefings.extract.time.model import Candidate

# a year in a clause about what will or would happen ("…if Morales tried to run in the 2025
# presidential election", "will hold talks in 2026"): a plan, not a year reported on
_PLAN_CLAUSE = re.compile(
    r"\b(?:will|would|plans? to|intends? to|aims? to|to run|upcoming|expected to|set to)\b"
    r"[^.;!?]{0,80}$",
    re.IGNORECASE,
)
GUESSED_ORDER = "day/month order of the page's date guessed"
YEAR_FROM_TEXT = "year taken from the dates the story mentions"
FROM_STORY = "estimated: the latest full date the story gives"
_FULL_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")

_MONTH_OF = re.compile(r"^(?:month|monthday)\((\d\d)|^\d{4}-(\d\d)")
_YEAR_OF = re.compile(r"^(\d{4})(?:-|$)")
_PLANNED = re.compile(
    r"\b(?:by|until|till|before|through|next|in early|in late|ahead of)\s+(?:the\s+end\s+of\s+)?$",
    re.IGNORECASE,
)


def _find(text: str) -> list[Candidate]:
    """The time rules' candidates; the rules are loaded on first use, not at start-up."""
    from briefings.extract.time.find import find_candidates

    return find_candidates(text)


@dataclass(frozen=True)
class Published:
    value: date | None
    note: str | None = None


def _months_mentioned(texts: list[str]) -> Counter[int]:
    months: Counter[int] = Counter()
    for text in texts:
        for candidate in _find(text):
            match = _MONTH_OF.match(candidate.value)
            if match and candidate.type in {"DATE", "TIME"}:
                months[int(match.group(1) or match.group(2))] += 1
    return months


def _settle(line: DateLine, outlet: str | None, texts: list[str]) -> tuple[date, str | None]:
    """One reading of a header date, and a note when the choice is a guess."""
    if line.swapped is None:
        return line.value, None
    on_its_weekday = line.reading()  # "Tuesday, 9/10/2024": the line says which it is
    if on_its_weekday is not None:
        return on_its_weekday, None
    # the lead's "said on Thursday" is that day or the one before: when one reading alone
    # fits it, the story itself says which (a page may not follow its outlet's habit)
    told = _lead_weekday(texts[:3])
    fits = [
        day
        for day in (line.value, line.swapped)
        if told is not None and (day.weekday() - told) % 7 <= 1
    ]
    day_first = outlet_day_first(outlet)
    if day_first is not None:
        habit = line.swapped if day_first else line.value
        if len(fits) == 1 and fits[0] != habit:
            return fits[0], GUESSED_ORDER
        return habit, None
    months = _months_mentioned(texts)
    as_written, swapped = months[line.value.month], months[line.swapped.month]
    if as_written != swapped:
        return (line.value if as_written > swapped else line.swapped), GUESSED_ORDER
    if len(fits) == 1:
        return fits[0], GUESSED_ORDER
    return (line.swapped if line.clock_24h else line.value), GUESSED_ORDER


def _years_mentioned(texts: list[str], *, planned: bool = False) -> list[int]:
    """Years the story places things in: written years and full dates, not decades ("the
    1970s") and not plans ("by 2030") — or, with `planned`, only the years of plans."""
    years: list[int] = []
    for text in texts:
        for candidate in _find(text):
            if candidate.type not in {"DATE", "TIME"}:
                continue
            match = _YEAR_OF.match(candidate.value)
            ahead = _PLANNED.search(
                text[max(0, candidate.start - 30) : candidate.start]
            ) or _PLAN_CLAUSE.search(text[max(0, candidate.start - 90) : candidate.start])
            if match and bool(ahead) == planned:
                years.append(int(match.group(1)))
    return years


# "the ministry said on Thursday", "resigned on Wednesday", "said Thursday": the news day
_LEAD_WEEKDAY = re.compile(
    r"\b(?:(?:said|says|announced|reported|confirmed|told [\w ]{1,30}?)\s+(?:on\s+)?|on\s+)"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_YEARS_BACK = 30  # how far back a dateline's year is looked for by its weekday


def _lead_weekday(texts: list[str]) -> int | None:
    """The weekday the lead says the news was told ("the ministry said on Thursday"): a wire
    dateline carries that day."""
    for text in texts:
        if found := _LEAD_WEEKDAY.search(text):
            return _WEEKDAYS.index(found.group(1))
    return None


def dateline_year(texts: list[str], month: int, day: int) -> int | None:
    """The year for a dateline that gives none: the latest year the story mentions, never
    after the current year — unless the lead's "said on Thursday" falls on neither that
    day nor the one before it in that year ("Feb 2" after a story of 2001–2002 records): then
    the latest year whose date is that weekday, and not after a plan the story awaits ("due
    to be finished by the end of 2023"). None when neither settles it."""
    this_year = date.today().year
    years = [year for year in _years_mentioned(texts) if year <= this_year]
    weekday = _lead_weekday(texts[:1])
    latest = max(years) if years else None
    if latest is not None:
        written = safe_date(latest, month, day)
        if written is None:
            return None
        if weekday is None or written.weekday() in (weekday, (weekday + 1) % 7):
            return latest
    if weekday is None:
        return None
    floor = latest if latest is not None else this_year - _YEARS_BACK
    # a plan the story still awaits ("to be finished by the end of 2023") is not yet past
    plans = [year for year in _years_mentioned(texts, planned=True) if floor < year <= this_year]
    for year in range(min(plans, default=this_year), floor, -1):
        found = safe_date(year, month, day)
        if found is not None and found.weekday() == weekday:
            return year
    return latest


def _latest_full_date(texts: list[str]) -> date | None:
    """The latest day the story writes out in full (day, month and year), plans excluded:
    an article is written on or after the last day it reports."""
    latest: date | None = None
    this_day = date.today()
    for text in texts:
        for candidate in _find(text):
            match = _FULL_DAY.match(candidate.value)
            if not match or _PLANNED.search(text[max(0, candidate.start - 30) : candidate.start]):
                continue
            day = safe_date(int(match[1]), int(match[2]), int(match[3]))
            if day and day <= this_day and (latest is None or day > latest):
                latest = day
    return latest


def publication_date(cleaned: Cleaned, outlet: str | None, url: str | None) -> Published:
    texts = [paragraph.text for paragraph in cleaned.paragraphs]
    if cleaned.page_dates:  # the first publication, else the earliest update
        settled = [(_settle(line, outlet, texts), line.is_update) for line in cleaned.page_dates]
        originals = [reading for reading, is_update in settled if not is_update]
        chosen = min(originals or [reading for reading, _ in settled], key=lambda r: r[0])
        return Published(*chosen)
    dateline = cleaned.dateline
    if dateline and dateline.month and dateline.day and dateline.year:
        return Published(safe_date(dateline.year, dateline.month, dateline.day))
    if url and (from_url := date_from_url(url)):
        return Published(from_url)
    if dateline and dateline.month and dateline.day:
        year = dateline_year(texts, dateline.month, dateline.day)
        if year:
            return Published(safe_date(year, dateline.month, dateline.day), YEAR_FROM_TEXT)
    latest = _latest_full_date([p.text for p in cleaned.paragraphs if not p.caption])
    if latest is None:  # a photo caption's date ("… on Aug. 10, 2023"), when the story gives none
        latest = _latest_full_date([p.text for p in cleaned.paragraphs if p.caption])
    return Published(latest, FROM_STORY if latest else None)
