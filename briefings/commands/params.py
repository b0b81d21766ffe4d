"""Parameter types shared by commands: dates a user types, pages, names."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from briefings.models import TimePoint

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_user_date(value: Any) -> TimePoint:
    """`2023`, `2023-09` or `2023-09-19` → the TimePoint it names; impossible dates refused."""
    if isinstance(value, TimePoint):
        return value
    if isinstance(value, date):
        return TimePoint.day(value)
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"“{text[:40]}” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise ValueError(f"{text} is not a valid date")
    if month is None:
        return TimePoint.year(year)
    if day is None:
        return TimePoint.month(year, month)
    try:
        return TimePoint.day(date(year, month, day))
    except ValueError:
        raise ValueError(f"{text} is not a valid date") from None


UserDate = Annotated[TimePoint, BeforeValidator(parse_user_date)]
Page = Annotated[int, Field(default=1, ge=1, le=10_000, description="page of results")]
