"""The timeline chart: bucketing by a readable period, and a real PNG drawn headless."""

from __future__ import annotations

from datetime import date

from briefings.charts import render_png, timeline_chart
from briefings.merge import TimelineEntry
from briefings.models import Precision, TimePoint


def entry(day: date) -> TimelineEntry:
    point = TimePoint(edtf=day.isoformat(), precision=Precision.DAY, start=day, end=day)
    return TimelineEntry(date=point, kind="clash", actors=[], text="x")


def test_days_within_six_weeks_are_bucketed_by_day_with_gaps() -> None:
    chart = timeline_chart([entry(date(2024, 3, 1)), entry(date(2024, 3, 4))], "t")
    assert chart is not None
    assert [b.label for b in chart.buckets] == [
        "2024-03-01",
        "2024-03-02",
        "2024-03-03",
        "2024-03-04",
    ]
    assert [b.count for b in chart.buckets] == [1, 0, 0, 1]


def test_long_spans_fall_back_to_months_years_and_decades() -> None:
    months = timeline_chart([entry(date(2022, 11, 5)), entry(date(2023, 2, 1))], "t")
    assert months is not None and months.buckets[0].label == "2022-11"
    years = timeline_chart([entry(date(2000, 1, 1)), entry(date(2020, 1, 1))], "t")
    assert years is not None and len(years.buckets) == 21
    decades = timeline_chart([entry(date(1920, 1, 1)), entry(date(2023, 1, 1))], "t")
    assert decades is not None and decades.buckets[0].label == "1920s"
    assert len(decades.buckets) <= 60


def test_fewer_than_two_dated_entries_make_no_chart() -> None:
    assert timeline_chart([entry(date(2024, 1, 1))], "t") is None


def test_png_is_drawn() -> None:
    chart = timeline_chart([entry(date(2024, 3, 1)), entry(date(2024, 3, 20))], "Events")
    assert chart is not None
    png = render_png(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000
