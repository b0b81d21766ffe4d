"""The timeline chart: events counted per period, drawn as a PNG only when a surface shows it.

Bucketing is cheap and runs with the command; drawing (matplotlib, headless) runs only in
adapters that can attach files, so the console and `ask` never pay for it.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from datetime import date

from briefings.cards import ChartBucket, ChartData
from briefings.merge import TimelineEntry

MAX_BARS = 60


def _period(day: date, unit: str) -> str:
    if unit == "decade":
        return f"{day.year // 10 * 10}s"
    if unit == "year":
        return f"{day.year}"
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
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
    return [date.fromordinal(d).isoformat() for d in range(first.toordinal(), last.toordinal() + 1)]


def timeline_chart(entries: Sequence[TimelineEntry], title: str) -> ChartData | None:
    """Entries per day, month or year (whichever gives a readable number of bars); None when
    fewer than two entries are dated, since a single bar tells nothing."""
    days = [entry.date.start for entry in entries if entry.date.start is not None]
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
    counts = Counter(_period(day, unit) for day in days)
    buckets = [ChartBucket(label=label, count=counts.get(label, 0)) for label in periods]
    busiest = max(buckets, key=lambda bucket: bucket.count)
    return ChartData(
        title=title,
        buckets=buckets,
        alt_text=(
            f"Bar chart of {len(days)} dated events per {unit} from {periods[0]} to "
            f"{periods[-1]}; most in {busiest.label} ({busiest.count})."
        ),
    )


def render_png(chart: ChartData, *, width_px: int = 900, height_px: int = 360) -> bytes:
    """The chart as PNG bytes. Uses matplotlib's object API (no pyplot global state), so
    several threads may draw at once."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    dpi = 100
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [bucket.label for bucket in chart.buckets]
    axes.bar(range(len(labels)), [bucket.count for bucket in chart.buckets], color="#3b6ea8")
    step = max(1, len(labels) // 12)
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    axes.set_ylabel("events")
    axes.set_title(chart.title[:120])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
