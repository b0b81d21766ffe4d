"""The timeline chart: events counted per period, drawn as a PNG only when a surface shows it.

Bucketing is cheap and runs with the command; drawing (matplotlib, headless) runs only in
adapters that can attach files, so the console and `ask` never pay for it.

A story's chart (`story_chart`) is split: the recent period per day (or week, for a long
one), where the days that matter can be told apart, and the background beside it in coarse
periods (years or decades) drawn narrow — one scale for both would put a week of fighting
and a century of history into the same few bars.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from briefings.cards import ChartBucket, ChartData
from briefings.daytext import day_text
from briefings.merge import TimelineEntry

MAX_BARS = 60
MAX_BACKGROUND_BARS = 24  # beyond this the background keeps only its non-empty periods
LATER = "later"  # the recent part's last bar: entries dated after the period (forecasts)


def _period(day: date, unit: str) -> str:
    if unit == "decade":
        return f"{day.year // 10 * 10}s"
    if unit == "year":
        return f"{day.year}"
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    if unit == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return day.isoformat()


def _unit_for(first: date, last: date) -> str:
    span = (last - first).days
    if span <= 45:
        return "day"
    if span <= 365 * 4:
        return "month"
    return "year"


def _periods(first: date, last: date, unit: str) -> list[str]:
    """Every period from first to last, so quiet stretches show as gaps, not as nothing."""
    labels: list[str] = []
    if unit == "decade":
        return [f"{decade}s" for decade in range(first.year // 10 * 10, last.year + 1, 10)]
    if unit == "year":
        return [str(year) for year in range(first.year, last.year + 1)]
    if unit == "month":
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            labels.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return labels
    if unit == "week":
        monday = first - timedelta(days=first.weekday())
        while monday <= last:
            labels.append(_period(monday, "week"))
            monday += timedelta(days=7)
        return labels
    return [date.fromordinal(d).isoformat() for d in range(first.toordinal(), last.toordinal() + 1)]


def _buckets(days: Sequence[date], periods: list[str], unit: str) -> list[ChartBucket]:
    counts = Counter(_period(day, unit) for day in days)
    return [ChartBucket(label=label, count=counts.get(label, 0)) for label in periods]


def dated_chart(days: Sequence[date], title: str) -> ChartData | None:
    """Dates per day, month or year (whichever gives a readable number of bars); None when
    fewer than two are given, since a single bar tells nothing."""
    if len(days) < 2:
        return None
    first, last = min(days), max(days)
    unit = _unit_for(first, last)
    periods = _periods(first, last, unit)
    for coarser in ("year", "decade"):
        if len(periods) <= MAX_BARS:
            break
        unit = coarser
        periods = _periods(first, last, unit)
    buckets = _buckets(days, periods, unit)
    busiest = max(buckets, key=lambda bucket: bucket.count)
    return ChartData(
        title=title,
        buckets=buckets,
        alt_text=(
            f"Bar chart of {len(days)} dated events per {unit} from {periods[0]} to "
            f"{periods[-1]}; most in {busiest.label} ({busiest.count})."
        ),
    )


def timeline_chart(entries: Sequence[TimelineEntry], title: str) -> ChartData | None:
    """`dated_chart` of the entries' start dates."""
    return dated_chart([entry.date.start for entry in entries], title)


def _recent_unit(first: date, last: date) -> str:
    span = (last - first).days
    if span <= 45:
        return "day"
    return "week" if span <= 7 * 26 else "month"


def _background_buckets(days: Sequence[date]) -> tuple[list[ChartBucket], str]:
    """The earlier history in years when few, else decades; a very long history keeps only
    the decades that have entries (compressed, not to scale)."""
    first, last = min(days), max(days)
    unit = "year" if last.year - first.year < MAX_BACKGROUND_BARS else "decade"
    periods = _periods(first, last, unit)
    buckets = _buckets(days, periods, unit)
    if len(buckets) > MAX_BACKGROUND_BARS:
        buckets = [bucket for bucket in buckets if bucket.count]
    return buckets, unit


def story_chart(
    recent: Sequence[date],
    background: Sequence[date] | None,
    start: date,
    end: date,
    title: str,
) -> ChartData | None:
    """The recent period `start`–`end` bucketed by day (by week when longer than six weeks),
    entries dated after it in one last "later" bar, and the background (when every earlier
    entry was read; None otherwise) compressed into years or decades beside it."""
    earlier = list(background or [])
    if len(recent) + len(earlier) < 2 or not recent:
        return None
    unit = _recent_unit(start, end)
    periods = _periods(start, end, unit)
    buckets = _buckets([day for day in recent if day <= end], periods, unit)
    later = sum(1 for day in recent if day > end)
    if later:
        buckets.append(ChartBucket(label=LATER, count=later))
    busiest = max(buckets, key=lambda bucket: bucket.count)
    alt = (
        f"Bar chart of {len(recent)} recent entries per {unit} from {periods[0]} to "
        f"{periods[-1]}; most in {busiest.label} ({busiest.count})"
    )
    background_buckets: list[ChartBucket] = []
    background_title = ""
    if earlier:
        background_buckets, background_unit = _background_buckets(earlier)
        background_title = f"Earlier, per {background_unit}"
        alt += (
            f"; beside it {len(earlier)} earlier entries per {background_unit} from "
            f"{background_buckets[0].label} to {background_buckets[-1].label}"
        )
    elif background is None:
        alt += "; the earlier entries are too many to draw"
    return ChartData(
        title=title,
        buckets=buckets,
        buckets_title=f"Recent, per {unit}",
        background=background_buckets,
        background_title=background_title,
        alt_text=alt + ".",
    )


def _tick(label: str) -> str:
    """A day's bar labelled `19 Sep` (its period is in the axis title); others as they are."""
    try:
        day = date.fromisoformat(label)
    except ValueError:
        return label
    return day_text(day).rsplit(" ", 1)[0] if len(label) == 10 else label


def _bars(
    axes: object, buckets: Sequence[ChartBucket], colour: str, title: str, ticks: int
) -> None:
    from matplotlib.axes import Axes
    from matplotlib.ticker import MaxNLocator

    assert isinstance(axes, Axes)
    labels = [_tick(bucket.label) for bucket in buckets]
    axes.bar(range(len(labels)), [bucket.count for bucket in buckets], color=colour)
    step = max(1, -(-len(labels) // ticks))
    shown = sorted(range(len(labels) - 1, -1, -step))  # counted from the newest bar: labelled
    axes.set_xticks(shown, [labels[i] for i in shown], rotation=45, ha="right")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title[:60], fontsize="medium")


def render_png(chart: ChartData, *, width_px: int = 900, height_px: int = 360) -> bytes:
    """The chart as PNG bytes. Uses matplotlib's object API (no pyplot global state), so
    several threads may draw at once. A story's background is drawn narrow and grey to the
    left of the recent period, on its own scale."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = 100
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    if chart.background:
        earlier, recent = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 3]})
        _bars(earlier, chart.background, "#9aa5b1", chart.background_title, 4)
        earlier.set_ylabel("events")
        _bars(recent, chart.buckets, "#3b6ea8", chart.buckets_title, 14)
        figure.suptitle(chart.title[:120])
    else:
        axes = figure.add_subplot()
        _bars(axes, chart.buckets, "#3b6ea8", "", 12)
        axes.set_ylabel("events")
        axes.set_title(chart.title[:120])
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
