"""Figures on the same matter, side by side: differing tolls are shown together, never summed.

Two figures are taken to count the same thing when they share a unit, their sentences share
distinctive words (`briefings.matter`), their dates (when both are dated) lie within a week,
and their values are within a factor of `MAX_RATIO` — "at least 32 killed" and "dozens
killed" are rival counts of one toll, "30,000 killed" in an earlier war is another matter.
Rival values must come from different outlets: within one outlet two numbers in one unit
are nearly always two matters (each side's losses, then the total). The same value in the
same unit from different outlets is one matter reported alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefings.matter import matter, same_matter
from briefings.queries.facts import FigureView

MAX_RATIO = 3.0
MAX_DAYS_APART = 7


@dataclass(frozen=True)
class FigureGroup:
    unit: str
    figures: tuple[FigureView, ...]

    @property
    def values(self) -> list[float]:
        return sorted({figure.value for figure in self.figures})

    @property
    def differs(self) -> bool:
        return len(self.values) > 1


def _close_in_time(first: FigureView, second: FigureView) -> bool:
    if first.date is None or second.date is None:
        return True
    return abs((first.date.start - second.date.start).days) <= MAX_DAYS_APART


def _comparable(first: FigureView, second: FigureView) -> bool:
    low, high = sorted((first.value, second.value))
    return low > 0 and high / low <= MAX_RATIO


def group_figures(figures: Sequence[FigureView]) -> list[FigureGroup]:
    """Groups in the order their first figure appears; each figure in exactly one group.

    A figure is only ever compared with groups of its own unit, so those are kept apart
    (with the outlets already in each group), which keeps this linear in the units."""
    stems = [matter(figure.citation.sentence) for figure in figures]
    groups: list[list[int]] = []
    outlets: list[set[str]] = []
    by_unit: dict[str, list[int]] = {}
    for index, figure in enumerate(figures):
        candidates = by_unit.setdefault(figure.unit, [])
        for number in candidates:
            group = groups[number]
            head = figures[group[0]]
            if not _close_in_time(head, figure) or figure.citation.outlet in outlets[number]:
                continue
            if head.value == figure.value or (
                _comparable(head, figure) and same_matter(stems[group[0]], stems[index])
            ):
                group.append(index)
                outlets[number].add(figure.citation.outlet)
                break
        else:
            candidates.append(len(groups))
            groups.append([index])
            outlets.append({figure.citation.outlet})
    return [
        FigureGroup(unit=figures[g[0]].unit, figures=tuple(figures[i] for i in g)) for g in groups
    ]
