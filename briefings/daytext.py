"""Dates as a reader writes them: `21 Sep 2023`, `8–21 Sep 2023`.

Unambiguous in every locale (no 09/10 day-month guessing) and independent of the process
locale (`%b` would follow it), so cards read the same on every host.
"""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """`21 Sep 2023`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_text(start: date, end: date) -> str:
    """`8–21 Sep 2023`, `28 Aug – 10 Sep 2023`, `28 Dec 2022 – 10 Jan 2023`."""
    if start == end:
        return day_text(end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_text(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"
